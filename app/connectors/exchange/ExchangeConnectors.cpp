#include "ExchangeConnectors.h"

#include "common/Logging.h"
#include "ExchangeApi.h"
#include "ExchangeDelivery.h"
#include "ExchangeFetch.h"
#include "inbox/InboxStore.h"
#include "inbox/PushedSource.h"
#include "mapping/FieldSuggestion.h"
#include "outbox/OutboxDelivery.h"

#include <QJsonArray>
#include <QRegularExpression>

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

namespace {

// What a declared name says about its values. Names like "email_sha256" or "hashed_phone"
// are the shape before hashing, and already hashed.
struct DeclaredShape
{
    ValueShape shape = ValueShape::Any;
    bool hashed = false;
};

DeclaredShape declaredShape(const QString &name)
{
    static const QStringList hashMarks = {QStringLiteral("sha256"), QStringLiteral("hashed"),
                                          QStringLiteral("hash")};
    QString base = name;
    DeclaredShape result;
    for (const QString &mark : hashMarks) {
        const QRegularExpression part(QStringLiteral("(^|[_\\-. ])%1($|[_\\-. ])").arg(mark),
                                      QRegularExpression::CaseInsensitiveOption);
        if (base.contains(part)) {
            base.replace(part, QStringLiteral(" "));
            result.hashed = true;
        }
    }
    switch (fieldKindOfName(base.trimmed())) {
    case FieldKind::Email:
        result.shape = ValueShape::Email;
        break;
    case FieldKind::Phone:
        result.shape = ValueShape::Phone;
        break;
    case FieldKind::DeviceId:
        result.shape = ValueShape::DeviceId;
        break;
    case FieldKind::FirstName:
    case FieldKind::LastName:
        result.shape = ValueShape::Name;
        break;
    case FieldKind::PostalCode:
        result.shape = ValueShape::PostalCode;
        break;
    case FieldKind::Country:
        result.shape = ValueShape::CountryCode;
        break;
    case FieldKind::DateOfBirth:
        result.shape = ValueShape::Date;
        break;
    default:
        break;
    }
    return result;
}

} // namespace

DestinationSchema ExchangeDestinationConnector::schema(const Endpoint &endpoint) const
{
    DestinationSchema schema{{}, true, 0};
    if (endpoint.identifiers.isEmpty() && endpoint.attributes.isEmpty())
        return schema; // nothing declared: any columns, the first one the member key
    schema.acceptsOtherFields = false;
    schema.minIdentifiers = endpoint.identifiers.isEmpty() ? 0 : 1;
    const bool hashing = endpoint.settings.value(QStringLiteral("hashing"))
                             .toString()
                             .compare(QLatin1String("sha256"), Qt::CaseInsensitive) == 0;
    const auto add = [&schema](const QString &name, bool identifier, bool hashed) {
        if (name.trimmed().isEmpty() || schema.field(name))
            return;
        const DeclaredShape declared = declaredShape(name);
        DestinationField field;
        field.name = name;
        field.label = name;
        field.identifier = identifier;
        field.hashed = hashed || declared.hashed;
        field.shape = declared.shape;
        schema.fields.append(std::move(field));
    };
    for (const QString &name : endpoint.identifiers)
        add(name, true, hashing);
    for (const QString &name : endpoint.attributes)
        add(name, false, false);
    return schema;
}

std::unique_ptr<DestinationDelivery>
ExchangeDestinationConnector::createDelivery(ConnectorContext &context,
                                             const DeliveryTarget &target)
{
    if (context.endpoint().transfer == Endpoint::Transfer::Pull)
        return std::make_unique<OutboxDelivery>(context, target, m_outbox);
    return std::make_unique<ExchangeDelivery>(context, target);
}

} // namespace courier
