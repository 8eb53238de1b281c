#include "ExchangeConnectors.h"

#include "common/Logging.h"
#include "ExchangeApi.h"
#include "ExchangeDelivery.h"
#include "ExchangeFetch.h"
#include "inbox/InboxStore.h"
#include "inbox/PushedSource.h"

#include <QJsonArray>

namespace courier {

namespace {

// Segments per page; endpoint settings may lower it ("pageSize").
constexpr int DefaultPageSize = 100;
// A server that keeps saying "next page" is broken, not big.
constexpr int MaxPages = 10000;

// Lists all segments, one page after the other. Destroying it cancels.
class ExchangeListing final : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeListing)

public:
    ExchangeListing(ConnectorContext &context, SourceConnector::ListDone done)
        : m_api(context)
        , m_done(std::move(done))
    {
        const int setting = context.endpoint().settings.value(QStringLiteral("pageSize")).toInt();
        m_pageSize = setting > 0 ? setting : DefaultPageSize;
    }
    ~ExchangeListing() override { ExchangeApi::drop(m_job); }

    void start() { requestPage(1); }

private:
    void requestPage(int page)
    {
        m_page = page;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("page"), QString::number(page));
        query.addQueryItem(QStringLiteral("pageSize"), QString::number(m_pageSize));
        m_job = m_api.send(this,
                           ExchangeApi::request(QNetworkAccessManager::GetOperation,
                                                m_api.url(QStringLiteral("v1/segments"), query)),
                           [this](const ExchangeReply &reply) { onPage(reply); });
    }

    void onPage(const ExchangeReply &reply)
    {
        m_job = nullptr;
        if (!reply.ok)
            return finish(false, reply.error);
        QJsonObject page;
        QString error;
        if (!ExchangeApi::parseObject(reply.body, &page, &error))
            return finish(false, error);
        const QJsonArray segments = page.value(QStringLiteral("segments")).toArray();
        for (const QJsonValue &segment : segments) {
            AudienceInfo info = ExchangeApi::audienceFromSegment(segment.toObject());
            if (info.externalId.isEmpty()) {
                qCWarning(lcConnectors) << "exchange: skipping a segment without an id";
                continue;
            }
            info.endpointId = m_api.context().endpoint().id;
            m_audiences << std::move(info);
        }
        const QJsonValue next = page.value(QStringLiteral("nextPage"));
        if (next.isNull() || next.isUndefined())
            return finish(true, {});
        const int nextPage = next.isDouble() ? next.toInt() : next.toString().toInt();
        if (nextPage <= m_page || nextPage > MaxPages) {
            return finish(false, tr("The exchange “%1” sent an invalid next page (%2 after %3).")
                                     .arg(m_api.endpointName())
                                     .arg(nextPage)
                                     .arg(m_page));
        }
        requestPage(nextPage);
    }

    void finish(bool ok, const QString &error)
    {
        qCDebug(lcConnectors) << "exchange listing done:" << ok << m_audiences.size()
                              << "audience(s) in" << m_page << "page(s)";
        SourceConnector::ListDone done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(ok, ok ? m_audiences : QList<AudienceInfo>(), error); // may delete this
    }

    ExchangeApi m_api;
    SourceConnector::ListDone m_done;
    QPointer<HttpJob> m_job;
    QList<AudienceInfo> m_audiences;
    int m_pageSize = DefaultPageSize;
    int m_page = 0;
};

} // namespace

std::unique_ptr<QObject> ExchangeSourceConnector::listAudiences(ConnectorContext &context,
                                                                ListDone done)
{
    if (context.endpoint().transfer == Endpoint::Transfer::Push)
        return listPushedAudiences(context, m_inbox, std::move(done));
    auto listing = std::make_unique<ExchangeListing>(context, std::move(done));
    listing->start();
    return listing;
}

std::unique_ptr<SourceFetch> ExchangeSourceConnector::createFetch(ConnectorContext &context,
                                                                  const FetchRequest &request)
{
    if (context.endpoint().transfer == Endpoint::Transfer::Push)
        return std::make_unique<PushedFetch>(context, request.audience, m_inbox);
    return std::make_unique<ExchangeFetch>(context, request.audience, request.columns);
}

QList<Share::ShareAction> ExchangeDestinationConnector::supportedActions() const
{
    return {Share::ShareAction::Add, Share::ShareAction::Replace, Share::ShareAction::Remove};
}

std::unique_ptr<DestinationDelivery>
ExchangeDestinationConnector::createDelivery(ConnectorContext &context,
                                             const DeliveryTarget &target)
{
    return std::make_unique<ExchangeDelivery>(context, target);
}

} // namespace courier
