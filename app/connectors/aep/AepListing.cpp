#include "AepListing.h"

#include "AepMembershipQuery.h"
#include "common/Logging.h"

#include <QJsonArray>
#include <QTimer>
#include <QUrlQuery>

namespace courier {

AepListing::AepListing(ConnectorContext &context, SourceConnector::ListDone done, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_session(context, m_settings)
    , m_api(context, m_settings, m_session)
    , m_done(std::move(done))
{
    if (auto settings = AepSettings::read(context, &m_settingsError, false)) {
        m_settings = std::move(*settings);
        m_settingsOk = true;
    }
}

AepListing::~AepListing() = default;

void AepListing::start()
{
    if (!m_settingsOk) {
        // Not from inside start(): the caller may not expect done() before it returns.
        QTimer::singleShot(0, this, [this] { finish(false, m_settingsError); });
        return;
    }
    requestPage();
}

void AepListing::requestPage()
{
    QUrl url = m_api.url(QStringLiteral("data/core/ups/segment/definitions"));
    url.setQuery(QUrlQuery{{QStringLiteral("start"), QString::number(m_start)},
                           {QStringLiteral("limit"), QString::number(PageSize)}});
    m_api.send(this, m_api.request(QNetworkAccessManager::GetOperation, url),
               [this](const AepReply &reply) { onPage(reply); });
}

void AepListing::onPage(const AepReply &reply)
{
    if (!reply.ok) {
        return finish(
            false,
            tr("Listing the audiences of “%1” failed: %2").arg(m_api.endpointName(), reply.error));
    }
    QJsonObject answer;
    QString error;
    if (!AepApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    const QJsonArray segments = answer.value(QStringLiteral("segments")).toArray();
    for (const QJsonValue &value : segments) {
        const QJsonObject segment = value.toObject();
        AudienceInfo info;
        info.endpointId = m_context.endpoint().id;
        info.externalId = segment.value(QStringLiteral("id")).toString();
        if (info.externalId.isEmpty()) {
            qCWarning(lcConnectors) << "aep: skipping a segment definition without an id";
            continue;
        }
        info.name = segment.value(QStringLiteral("name")).toString().simplified();
        if (info.name.isEmpty())
            info.name = info.externalId;
        info.description = segment.value(QStringLiteral("description")).toString().simplified();
        info.identifiers = AepMembershipQuery::identifierColumns();
        info.attributes = AepMembershipQuery::attributeColumns();
        const QJsonObject expression = segment.value(QStringLiteral("expression")).toObject();
        info.details = QJsonObject{
            {QStringLiteral("segmentNs"), QStringLiteral("ups")},
            {QStringLiteral("pql"), expression.value(QStringLiteral("value")).toString()},
            {QStringLiteral("updateTime"), segment.value(QStringLiteral("updateTime"))},
        };
        m_audiences << std::move(info);
    }
    const qint64 total = answer.value(QStringLiteral("page"))
                             .toObject()
                             .value(QStringLiteral("totalCount"))
                             .toInteger(-1);
    const QString next =
        answer.value(QStringLiteral("link")).toObject().value(QStringLiteral("next")).toString();
    m_start += PageSize;
    const bool more = total >= 0 ? m_start < total : !next.isEmpty();
    if (more && !segments.isEmpty())
        return requestPage();
    finish(true);
}

void AepListing::finish(bool ok, const QString &error)
{
    qCDebug(lcConnectors) << "aep listing done:" << ok << m_audiences.size() << "segment(s)";
    SourceConnector::ListDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, ok ? m_audiences : QList<AudienceInfo>(), error); // may delete this
}

} // namespace courier
