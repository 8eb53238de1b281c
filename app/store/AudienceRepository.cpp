#include "AudienceRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns = QStringLiteral(
    "SELECT a.id, a.endpoint_id, a.external_id, a.name, a.description, a.size, a.identifiers, "
    "a.attributes, a.refreshed_at, a.details FROM audiences a");

const auto UpsertStatement = QStringLiteral(
    "INSERT INTO audiences (endpoint_id, external_id, name, description, size, identifiers, "
    "attributes, refreshed_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (endpoint_id, external_id) DO UPDATE SET name = excluded.name, "
    "description = excluded.description, size = excluded.size, "
    "identifiers = excluded.identifiers, attributes = excluded.attributes, "
    "refreshed_at = excluded.refreshed_at, details = excluded.details");

AudienceInfo readAudience(const QSqlQuery &query)
{
    AudienceInfo audience;
    audience.id = query.value(0).toLongLong();
    audience.endpointId = query.value(1).toLongLong();
    audience.externalId = query.value(2).toString();
    audience.name = query.value(3).toString();
    audience.description = query.value(4).toString();
    audience.size = query.value(5).isNull() ? -1 : query.value(5).toLongLong();
    audience.identifiers = storage::toStringList(query.value(6));
    audience.attributes = storage::toStringList(query.value(7));
    audience.refreshedAt = storage::toDateTime(query.value(8));
    audience.details = storage::toJsonObject(query.value(9));
    return audience;
}

// The two prepared statements of an upsert, prepared once per batch: parsing them per row
// would dominate the cost of a refresh.
//
// The id is looked up afterwards because lastInsertId() does not change when the row already
// existed. (Not RETURNING: with the search triggers, its per-statement savepoint made a
// 10,000-row refresh several times slower.)
class Upserter
{
public:
    explicit Upserter(const QSqlDatabase &db)
        : m_upsert(db)
        , m_lookup(db)
    {
        m_lookup.setForwardOnly(true);
    }

    bool prepare()
    {
        m_failed = &m_upsert;
        if (!m_upsert.prepare(UpsertStatement))
            return false;
        m_failed = &m_lookup;
        return m_lookup.prepare(
            QStringLiteral("SELECT id FROM audiences WHERE endpoint_id = ? AND external_id = ?"));
    }

    std::optional<qint64> run(const AudienceInfo &audience, const QDateTime &now)
    {
        m_failed = &m_upsert;
        m_upsert.addBindValue(audience.endpointId);
        m_upsert.addBindValue(storage::text(audience.externalId));
        m_upsert.addBindValue(storage::text(audience.name));
        m_upsert.addBindValue(storage::text(audience.description));
        // Unknown sizes are NULL, so SQL aggregates skip them instead of adding -1.
        m_upsert.addBindValue(audience.size >= 0 ? QVariant(audience.size)
                                                 : QVariant(QMetaType::fromType<qint64>()));
        m_upsert.addBindValue(storage::jsonText(audience.identifiers));
        m_upsert.addBindValue(storage::jsonText(audience.attributes));
        m_upsert.addBindValue(
            storage::timestamp(audience.refreshedAt.isValid() ? audience.refreshedAt : now));
        m_upsert.addBindValue(storage::jsonText(audience.details));
        if (!m_upsert.exec())
            return std::nullopt;

        m_failed = &m_lookup;
        m_lookup.addBindValue(audience.endpointId);
        m_lookup.addBindValue(storage::text(audience.externalId));
        if (!m_lookup.exec() || !m_lookup.next())
            return std::nullopt;
        const qint64 id = m_lookup.value(0).toLongLong();
        m_lookup.finish();
        return id;
    }

    // The statement that failed last, for the error report.
    const QSqlQuery &failed() const { return *m_failed; }

private:
    QSqlQuery m_upsert;
    QSqlQuery m_lookup;
    const QSqlQuery *m_failed = &m_upsert;
};

QList<AudienceInfo> readAll(QSqlQuery &query)
{
    QList<AudienceInfo> audiences;
    while (query.next())
        audiences.append(readAudience(query));
    return audiences;
}

} // namespace

AudienceRepository::AudienceRepository(const Database &database)
    : m_database(database)
{}

std::optional<qint64> AudienceRepository::upsert(const AudienceInfo &audience, QString *error)
{
    Upserter upserter(m_database.connection());
    std::optional<qint64> id;
    if (upserter.prepare())
        id = upserter.run(audience, storage::now());
    if (!id)
        storage::fail(upserter.failed(), error,
                      tr("Could not save the audience “%1”.").arg(audience.name));
    return id;
}

std::optional<QList<qint64>> AudienceRepository::upsertMany(const QList<AudienceInfo> &audiences,
                                                            QString *error)
{
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.begin(error))
        return std::nullopt;
    Upserter upserter(db);
    if (!upserter.prepare()) {
        storage::fail(upserter.failed(), error, tr("Could not save the audiences."));
        return std::nullopt;
    }
    const QDateTime now = storage::now();
    QList<qint64> ids;
    ids.reserve(audiences.size());
    for (const AudienceInfo &audience : audiences) {
        const std::optional<qint64> id = upserter.run(audience, now);
        if (!id) {
            storage::fail(upserter.failed(), error,
                          tr("Could not save the audience “%1”.").arg(audience.name));
            return std::nullopt;
        }
        ids.append(*id);
    }
    if (!transaction.commit(error))
        return std::nullopt;
    return ids;
}

std::optional<AudienceInfo> AudienceRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE a.id = ?"), {id},
                                 error, tr("Could not read the audience.")) ||
        !query.next())
        return std::nullopt;
    return readAudience(query);
}

QList<AudienceInfo> AudienceRepository::listByEndpoint(qint64 endpointId, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(SelectColumns +
                       QStringLiteral(" WHERE a.endpoint_id = ? ORDER BY a.name COLLATE NOCASE, "
                                      "a.id"))) {
        storage::fail(query, error, tr("Could not read the audiences."));
        return {};
    }
    query.addBindValue(endpointId);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not read the audiences."));
        return {};
    }
    return readAll(query);
}

qint64 AudienceRepository::count(QString *error) const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM audiences")) || !query.next()) {
        storage::fail(query, error, tr("Could not count the audiences."));
        return -1;
    }
    return query.value(0).toLongLong();
}

QString AudienceRepository::ftsQuery(const QString &text)
{
    // Words are split the way the unicode61 tokenizer splits them (letters, digits, and
    // combining marks so decomposed "Malmö" stays one word); everything else separates.
    // Each word is then an FTS5 string, so AND/OR/NOT/NEAR, quotes, parentheses, '*', '^'
    // and column filters in the user's text are never syntax; the trailing '*' makes it a
    // prefix. Consecutive strings are implicitly ANDed.
    QStringList terms;
    QString word;
    const auto flush = [&] {
        if (word.isEmpty())
            return;
        // The word cannot hold a '"' after the split, but doubling it keeps the quoting
        // correct should the split ever change.
        word.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms.append(QLatin1Char('"') + word + QStringLiteral("\"*"));
        word.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t codePoint = text.at(i).unicode();
        qsizetype length = 1;
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() &&
            text.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            length = 2;
        }
        if (QChar::isLetterOrNumber(codePoint) || QChar::isMark(codePoint) ||
            QChar::category(codePoint) == QChar::Other_PrivateUse)
            word.append(QStringView(text).mid(i, length));
        else
            flush();
        i += length - 1;
    }
    flush();
    return terms.join(QLatin1Char(' '));
}

QList<AudienceInfo> AudienceRepository::search(const QString &text, int limit, QString *error) const
{
    const QString match = ftsQuery(text);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    bool prepared = false;
    if (match.isEmpty()) {
        prepared = query.prepare(SelectColumns +
                                 QStringLiteral(" ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?"));
    } else {
        // bm25 weights: a hit in the name counts ten times one in the description.
        prepared = query.prepare(
            SelectColumns +
            QStringLiteral(" JOIN audiences_fts f ON f.rowid = a.id WHERE audiences_fts MATCH ? "
                           "ORDER BY bm25(audiences_fts, 10.0, 1.0), a.name COLLATE NOCASE, "
                           "a.id LIMIT ?"));
        query.addBindValue(match);
    }
    if (!prepared) {
        storage::fail(query, error, tr("Could not search the audiences."));
        return {};
    }
    query.addBindValue(limit > 0 ? limit : -1); // SQLite: a negative LIMIT means none
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not search the audiences."));
        return {};
    }
    return readAll(query);
}

} // namespace courier
