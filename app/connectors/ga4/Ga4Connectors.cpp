#include "Ga4Connectors.h"

#include "common/Logging.h"
#include "connectors/auth/TokenSession.h"
#include "Ga4Api.h"
#include "Ga4Fetch.h"

#include <QJsonArray>
#include <QTimer>

namespace courier {

namespace {

// audiences.list's largest page; the pageSize setting may lower it.
constexpr int DefaultPageSize = 200;
// A server that keeps saying "next page" is broken, not big.
constexpr int MaxPages = 1000;

// An Admin API Audience as an AudienceInfo; empty externalId when it has no usable name.
AudienceInfo audienceFrom(const QJsonObject &audience)
{
    AudienceInfo info;
    const QString resourceName = audience.value(QStringLiteral("name")).toString();
    // properties/{property}/audiences/{id}
    const QStringList parts = resourceName.split(QLatin1Char('/'));
    if (parts.size() == 4 && parts.at(0) == QLatin1String("properties") &&
        parts.at(2) == QLatin1String("audiences") && !parts.at(3).isEmpty())
        info.externalId = parts.at(3);
    info.name = audience.value(QStringLiteral("displayName")).toString();
    if (info.name.isEmpty())
        info.name = info.externalId;
    info.description = audience.value(QStringLiteral("description")).toString();
    info.size = -1; // the Admin API does not say; the export's rowCount will
    info.identifiers = {QStringLiteral("deviceId"), QStringLiteral("userId")};
    info.attributes = {QStringLiteral("isAdsPersonalizationAllowed"),
                       QStringLiteral("isLimitedAdTracking")};
    QJsonObject details{{QStringLiteral("resourceName"), resourceName}};
    for (const QString &key :
         {QStringLiteral("membershipDurationDays"), QStringLiteral("adsPersonalizationEnabled"),
          QStringLiteral("createTime")}) {
        if (audience.contains(key))
            details.insert(key, audience.value(key));
    }
    info.details = details;
    info.refreshedAt = QDateTime::currentDateTimeUtc();
    return info;
}

// Lists every audience of the property, one page after the other. Destroying it cancels.
class Ga4Listing final : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(Ga4Listing)

public:
    Ga4Listing(ConnectorContext &context, SourceConnector::ListDone done)
        : m_context(context)
        , m_done(std::move(done))
    {}
    ~Ga4Listing() override { Ga4Api::drop(m_job); }

    void start()
    {
        QString error;
        m_api = Ga4Api::prepare(m_context, &m_session, &error);
        if (!m_api) {
            // Later: the caller does not hold this object yet.
            QTimer::singleShot(0, this, [this, error] { finish(false, error); });
            return;
        }
        const int setting = m_api->settings().pageSize;
        m_pageSize = setting > 0 ? std::min(setting, DefaultPageSize) : DefaultPageSize;
        requestPage({});
    }

private:
    void requestPage(const QString &token)
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("pageSize"), QString::number(m_pageSize));
        if (!token.isEmpty())
            query.addQueryItem(QStringLiteral("pageToken"), token);
        Ga4Call call;
        call.spec = Ga4Api::get(m_api->adminUrl(
            m_api->settings().propertyName() + QStringLiteral("/audiences"), query));
        m_api->send(this, &m_job, std::move(call),
                    [this](const Ga4Reply &reply) { onPage(reply); });
    }

    void onPage(const Ga4Reply &reply)
    {
        if (!reply.ok)
            return finish(false, reply.error);
        QJsonObject page;
        QString error;
        if (!Ga4Api::parseObject(reply.body, &page, &error))
            return finish(false, error);
        ++m_pages;
        const QJsonArray audiences = page.value(QStringLiteral("audiences")).toArray();
        for (const QJsonValue &value : audiences) {
            AudienceInfo info = audienceFrom(value.toObject());
            if (info.externalId.isEmpty()) {
                qCWarning(lcConnectors) << "GA4: skipping an audience without a resource name";
                continue;
            }
            info.endpointId = m_context.endpoint().id;
            m_audiences << std::move(info);
        }
        const QString next = page.value(QStringLiteral("nextPageToken")).toString();
        if (next.isEmpty())
            return finish(true, {});
        if (m_tokens.contains(next) || m_pages >= MaxPages)
            return finish(false, tr("Google Analytics kept sending more pages of audiences for "
                                    "“%1” (%2 so far); the listing was stopped.")
                                     .arg(m_api->endpointName())
                                     .arg(m_pages));
        m_tokens << next;
        requestPage(next);
    }

    void finish(bool ok, const QString &error)
    {
        qCDebug(lcConnectors) << "GA4 listing done:" << ok << m_audiences.size() << "audience(s) in"
                              << m_pages << "page(s)";
        SourceConnector::ListDone done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(ok, ok ? m_audiences : QList<AudienceInfo>(), error); // may delete this
    }

    ConnectorContext &m_context;
    SourceConnector::ListDone m_done;
    std::unique_ptr<TokenSession> m_session;
    std::optional<Ga4Api> m_api;
    QPointer<HttpJob> m_job;
    QList<AudienceInfo> m_audiences;
    QStringList m_tokens; // page tokens followed so far
    int m_pageSize = DefaultPageSize;
    int m_pages = 0;
};

} // namespace

QStringList Ga4SourceConnector::secretNames() const
{
    return {QLatin1String(ga4::ServiceAccountKeySecret), QLatin1String(ga4::RefreshTokenSecret),
            QLatin1String(ga4::OAuthClientSecretSecret), QLatin1String(ga4::AccessTokenSecret)};
}

std::unique_ptr<QObject> Ga4SourceConnector::listAudiences(ConnectorContext &context, ListDone done)
{
    auto listing = std::make_unique<Ga4Listing>(context, std::move(done));
    listing->start();
    return listing;
}

std::unique_ptr<SourceFetch> Ga4SourceConnector::createFetch(ConnectorContext &context,
                                                             const FetchRequest &request)
{
    return std::make_unique<Ga4Fetch>(context, request);
}

} // namespace courier
