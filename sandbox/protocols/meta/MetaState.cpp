#include "sandbox/protocols/meta/MetaState.h"

#include "sandbox/http/Json.h"

#include <algorithm>
#include <QSet>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

// --- MetaMemberSet ----------------------------------------------------------------------------

QByteArray MetaMemberSet::canonical(const MetaRow &row)
{
    MetaRow sorted = row;
    std::sort(sorted.begin(), sorted.end());
    QByteArray out;
    for (const auto &[field, value] : std::as_const(sorted)) {
        out += field.toLatin1();
        out += '=';
        out += value;
        out += '\x1f';
    }
    return out;
}

QByteArrayList MetaMemberSet::identifiers(const MetaRow &row)
{
    QByteArrayList out;
    for (const auto &[field, value] : row) {
        if (MetaPayload::isIdentifierField(field))
            out.append(field.toLatin1() + '=' + value);
    }
    return out;
}

bool MetaMemberSet::add(const MetaRow &row)
{
    const QByteArrayList ids = identifiers(row);
    for (const QByteArray &id : ids) {
        if (m_identities.contains(id))
            return false;
    }
    const QByteArray key = canonical(row);
    if (m_members.contains(key))
        return false;
    m_members.insert(key, row);
    for (const QByteArray &id : ids)
        m_identities.insert(id, key);
    return true;
}

bool MetaMemberSet::remove(const MetaRow &row)
{
    bool removed = false;
    for (const QByteArray &id : identifiers(row)) {
        const auto it = m_identities.constFind(id);
        if (it == m_identities.cend())
            continue;
        erase(QByteArray(*it));
        removed = true;
    }
    if (!removed) {
        const QByteArray key = canonical(row);
        if (m_members.contains(key)) {
            erase(key);
            removed = true;
        }
    }
    return removed;
}

void MetaMemberSet::erase(const QByteArray &key)
{
    const auto it = m_members.find(key);
    if (it == m_members.end())
        return;
    for (const QByteArray &id : identifiers(*it))
        m_identities.remove(id);
    m_members.erase(it);
}

QJsonArray MetaMemberSet::toJson() const
{
    QByteArrayList keys(m_members.keyBegin(), m_members.keyEnd());
    std::sort(keys.begin(), keys.end());
    QJsonArray out;
    for (const QByteArray &key : std::as_const(keys)) {
        QJsonObject member;
        for (const auto &[field, value] : m_members.value(key))
            member.insert(field, QString::fromUtf8(value));
        out.append(member);
    }
    return out;
}

// --- InjectedError ----------------------------------------------------------------------------

QJsonObject MetaState::InjectedError::toJson() const
{
    QJsonObject json{
        {u"httpStatus"_s, httpStatus}, {u"code"_s, code},           {u"type"_s, type},
        {u"message"_s, message},       {u"transient"_s, transient}, {u"times"_s, times}};
    if (subcode != 0)
        json.insert(u"subcode"_s, subcode);
    if (!edge.isEmpty())
        json.insert(u"edge"_s, edge);
    if (!method.isEmpty())
        json.insert(u"method"_s, QString::fromLatin1(method));
    return json;
}

std::optional<MetaState::InjectedError> MetaState::InjectedError::fromJson(const QJsonObject &json,
                                                                           QString *error)
{
    static const QSet<QString> known{u"edge"_s,    u"method"_s,    u"httpStatus"_s,
                                     u"code"_s,    u"subcode"_s,   u"type"_s,
                                     u"message"_s, u"transient"_s, u"times"_s};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"Unknown field \"%1\" (known: %2)."_s.arg(
                it.key(), QStringList(known.cbegin(), known.cend()).join(u", "_s));
            return std::nullopt;
        }
    }
    InjectedError out;
    out.code = json.value(u"code"_s).toInt();
    if (out.code <= 0) {
        *error = u"\"code\" (the Graph error code, e.g. 17) is required."_s;
        return std::nullopt;
    }
    out.subcode = json.value(u"subcode"_s).toInt();
    out.httpStatus = json.value(u"httpStatus"_s).toInt(400);
    if (out.httpStatus < 400 || out.httpStatus > 599) {
        *error = u"\"httpStatus\" must be from 400 to 599."_s;
        return std::nullopt;
    }
    out.edge = json.value(u"edge"_s).toString();
    if (!out.edge.isEmpty() && out.edge != u"customaudiences"_s && out.edge != u"users"_s &&
        out.edge != u"usersreplace"_s) {
        *error = u"\"edge\" must be customaudiences, users or usersreplace."_s;
        return std::nullopt;
    }
    out.method = json.value(u"method"_s).toString().toUpper().toLatin1();
    out.type = json.value(u"type"_s).toString(u"OAuthException"_s);
    out.message = json.value(u"message"_s).toString();
    if (out.message.isEmpty())
        out.message = u"(#%1) Injected error from the sandbox"_s.arg(out.code);
    out.transient = json.value(u"transient"_s).toBool();
    out.times = json.value(u"times"_s).toInt(1);
    if (out.times < 1) {
        *error = u"\"times\" must be at least 1."_s;
        return std::nullopt;
    }
    return out;
}

// --- MetaState --------------------------------------------------------------------------------

MetaState::Audience &MetaState::create(const QString &account, const QString &name)
{
    Audience audience;
    // Graph ids are long decimal numbers; these look the part and stay unique per reset.
    audience.id = QString::number(23850000000000LL + qint64(++m_created));
    audience.account = account;
    audience.name = name;
    audience.createdAt = QDateTime::currentDateTimeUtc();
    m_order.append(audience.id);
    return *m_audiences.insert(audience.id, std::move(audience));
}

MetaState::Audience *MetaState::find(const QString &id)
{
    const auto it = m_audiences.find(id);
    return it == m_audiences.end() ? nullptr : &*it;
}

QList<const MetaState::Audience *> MetaState::audiences() const
{
    QList<const Audience *> out;
    for (const QString &id : m_order)
        out.append(&*m_audiences.constFind(id));
    return out;
}

QJsonArray MetaState::injectedJson() const
{
    QJsonArray out;
    for (const InjectedError &error : m_errors)
        out.append(error.toJson());
    return out;
}

std::optional<MetaState::InjectedError> MetaState::takeError(const QString &edge,
                                                             const QByteArray &method)
{
    for (qsizetype i = 0; i < m_errors.size(); ++i) {
        InjectedError &error = m_errors[i];
        if ((!error.edge.isEmpty() && error.edge != edge) ||
            (!error.method.isEmpty() && error.method != method))
            continue;
        InjectedError out = error;
        if (--error.times <= 0)
            m_errors.removeAt(i);
        return out;
    }
    return std::nullopt;
}

QString MetaState::nextTraceId()
{
    return u"Sandbox%1"_s.arg(++m_traces, 4, 10, QLatin1Char('0'));
}

QJsonObject MetaState::audienceJson(const Audience &a)
{
    return QJsonObject{
        {u"id"_s, a.id},
        {u"account_id"_s, a.account.mid(4)},
        {u"name"_s, a.name},
        {u"description"_s, a.description},
        {u"subtype"_s, a.subtype},
        {u"customer_file_source"_s, a.customerFileSource},
        {u"time_created"_s, a.createdAt.toSecsSinceEpoch()},
        {u"operation_status"_s, QJsonObject{{u"code"_s, 200}, {u"description"_s, u"Normal"_s}}}};
}

QJsonObject MetaState::countersJson(const Audience &a)
{
    QJsonArray sessions;
    for (auto it = a.openSessions.cbegin(); it != a.openSessions.cend(); ++it) {
        QJsonArray seqs;
        for (auto b = it->batches.cbegin(); b != it->batches.cend(); ++b)
            seqs.append(b.key());
        sessions.append(QJsonObject{{u"session_id"_s, it.key()},
                                    {u"batches"_s, seqs},
                                    {u"rows"_s, it->rows},
                                    {u"estimated_num_total"_s, it->estimatedTotal}});
    }
    QJsonObject json = audienceJson(a);
    json.insert(u"members"_s, a.members.size());
    json.insert(u"requests"_s, QJsonObject{{u"add"_s, a.addRequests},
                                           {u"remove"_s, a.removeRequests},
                                           {u"replace"_s, a.replaceRequests},
                                           {u"refused"_s, a.refusedRequests}});
    json.insert(u"rowsReceived"_s, a.rowsReceived);
    json.insert(u"invalidEntries"_s, a.invalidEntries);
    json.insert(u"largestRequest"_s, a.largestRequest);
    json.insert(u"duplicateRows"_s, a.duplicateRows);
    json.insert(u"rowsRemoved"_s, a.rowsRemoved);
    json.insert(u"sessionsApplied"_s, a.sessionsApplied);
    json.insert(u"openSessions"_s, sessions);
    json.insert(u"userSessions"_s, qint64(a.userSessions.size()));
    return json;
}

void MetaState::reset()
{
    m_audiences.clear();
    m_order.clear();
    m_errors.clear();
    m_created = 0;
    m_traces = 0;
    tokensInQuery = 0;
    requests = 0;
}

} // namespace courier::sandbox
