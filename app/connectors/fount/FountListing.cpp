#include "FountListing.h"

#include "common/Logging.h"
#include "FountFormats.h"
#include "FountIdStream.h"

#include <QJsonArray>

namespace courier {

FountListing::FountListing(ConnectorContext &context, SourceConnector::ListDone done,
                           QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_session(context)
    , m_api(context, m_session)
    , m_done(std::move(done))
{}

FountListing::~FountListing()
{
    FountApi::drop(m_job);
}

void FountListing::start()
{
    requestPage(1);
}

void FountListing::requestPage(int page)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("include"), QStringLiteral("group"));
    if (!m_context.endpoint().settings.value(QStringLiteral("includeInactive")).toBool())
        query.addQueryItem(QStringLiteral("active"), QStringLiteral("1"));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(FountApi::perPage(m_context)));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    m_api.send(this, &m_job, FountApi::get(m_api.url(QStringLiteral("audiences"), query)), {},
               [this, page](const FountReply &reply) { onPage(page, reply); });
}

void FountListing::onPage(int page, const FountReply &reply)
{
    if (!reply.ok)
        return finish(false, tr("Listing the audiences of The Fount (“%1”) failed: %2")
                                 .arg(m_api.endpointName(), reply.error));
    QJsonObject answer;
    QString error;
    if (!FountApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    const QJsonValue data = answer.value(QStringLiteral("data"));
    if (!data.isArray())
        return finish(false, tr("The Fount (“%1”) answered the audience listing without a list "
                                "of audiences.")
                                 .arg(m_api.endpointName()));
    const QJsonObject settings = m_context.endpoint().settings;
    for (const QJsonValue &item : data.toArray()) {
        AudienceInfo info = audienceFor(item.toObject(), settings);
        if (info.externalId.isEmpty()) {
            qCWarning(lcConnectors) << "fount: skipping an audience without an id";
            continue;
        }
        info.endpointId = m_context.endpoint().id;
        m_audiences << std::move(info);
    }

    const QJsonObject meta = answer.value(QStringLiteral("meta")).toObject();
    const qint64 current = FountIdStream::integer(meta.value(QStringLiteral("current_page")));
    const qint64 last = FountIdStream::integer(meta.value(QStringLiteral("last_page")));
    if (current >= 0 && current != page)
        return finish(false, tr("The Fount (“%1”) sent page %2 of the audiences when page %3 was "
                                "asked for.")
                                 .arg(m_api.endpointName())
                                 .arg(current)
                                 .arg(page));
    bool more = false;
    if (last >= 1)
        more = page < last;
    else // no meta: the links say whether there is more
        more = answer.value(QStringLiteral("links"))
                   .toObject()
                   .value(QStringLiteral("next"))
                   .isString() &&
               !data.toArray().isEmpty();
    if (!more)
        return finish(true);
    if (page >= MaxPages)
        return finish(false, tr("The Fount (“%1”) listed more than %2 pages of audiences.")
                                 .arg(m_api.endpointName())
                                 .arg(MaxPages));
    requestPage(page + 1);
}

AudienceInfo FountListing::audienceFor(const QJsonObject &audience, const QJsonObject &settings)
{
    AudienceInfo info;
    const qint64 id = FountIdStream::integer(audience.value(QStringLiteral("id")));
    if (id < 0)
        return info;
    info.externalId = QString::number(id);
    info.name = audience.value(QStringLiteral("name")).toString().simplified();
    if (info.name.isEmpty())
        info.name = tr("Audience %1").arg(id);
    info.description = audience.value(QStringLiteral("description")).toString().trimmed();

    QJsonObject details;
    for (const char *key : {"is_active", "is_public", "is_standard", "available_for_bav",
                            "available_for_bc", "bc_filters", "available_for_diversity",
                            "is_ethnic_minority", "deployed_at", "created_at", "updated_at"}) {
        const QString name = QString::fromLatin1(key);
        if (audience.contains(name))
            details.insert(name, audience.value(name));
    }
    const QJsonObject group = audience.value(QStringLiteral("group")).toObject();
    if (!group.isEmpty())
        details.insert(QStringLiteral("group"),
                       QJsonObject{{QStringLiteral("id"), group.value(QStringLiteral("id"))},
                                   {QStringLiteral("name"), group.value(QStringLiteral("name"))}});

    const FountFormats::Approvals approvals = FountFormats::approvals(settings);
    details.insert(QStringLiteral("studyType"),
                   FountFormats::studyTypeKey(FountFormats::studyType(audience)));
    QJsonArray formats;
    for (const FountFormatAvailability &format : FountFormats::availability(audience, approvals)) {
        QJsonObject entry{{QStringLiteral("format"), FountFormats::name(format.format)},
                          {QStringLiteral("available"), format.available}};
        if (!FountFormats::column(format.format).isEmpty())
            entry.insert(QStringLiteral("column"), FountFormats::column(format.format));
        if (!format.available)
            entry.insert(QStringLiteral("reason"), format.reason);
        formats.append(entry);
    }
    details.insert(QStringLiteral("formats"), formats);
    // Each respondent-id column is a format of its own: a share reads one of them.
    details.insert(QStringLiteral("alternativeColumns"), true);
    info.details = details;

    for (FountFormat format : FountFormats::allowedRespondentFormats(audience, approvals))
        info.identifiers << FountFormats::column(format);
    return info;
}

void FountListing::finish(bool ok, const QString &error)
{
    qCDebug(lcConnectors) << "fount listing done:" << ok << m_audiences.size() << "audience(s)";
    SourceConnector::ListDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, ok ? m_audiences : QList<AudienceInfo>(), error); // may delete this
}

} // namespace courier
