#include "ApsisListing.h"

#include "common/Logging.h"

namespace courier {

namespace {

QString stepPath(int step)
{
    static const char *const Paths[] = {"attributes", "tags", "events", "segments"};
    return QString::fromLatin1(Paths[step]);
}

qint64 integer(const QJsonValue &value)
{
    return value.isDouble() ? value.toInteger() : value.toString().toLongLong();
}

} // namespace

ApsisListing::ApsisListing(ConnectorContext &context, SourceConnector::ListDone done,
                           QObject *parent)
    : QObject(parent)
    , m_session(context)
    , m_api(context, m_session)
    , m_done(std::move(done))
{}

ApsisListing::~ApsisListing() = default;

void ApsisListing::start()
{
    m_api.send(this,
               ApsisApi::request(QNetworkAccessManager::GetOperation,
                                 m_api.url(QStringLiteral("audience/sections"))),
               [this](const ApsisReply &reply) { onSections(reply); });
}

void ApsisListing::onSections(const ApsisReply &reply)
{
    if (!reply.ok)
        return finish(false, reply.error);
    QJsonObject answer;
    QString error;
    if (!ApsisApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    m_sections = answer.value(QStringLiteral("items")).toArray();
    nextSection();
}

void ApsisListing::nextSection()
{
    while (++m_section < m_sections.size()) {
        const QJsonObject section = m_sections.at(m_section).toObject();
        m_details = ApsisDetails();
        m_details.sectionId = integer(section.value(QStringLiteral("id")));
        m_details.sectionDiscriminator = section.value(QStringLiteral("discriminator")).toString();
        m_details.sectionName = section.value(QStringLiteral("name")).toString().simplified();
        if (m_details.sectionName.isEmpty())
            m_details.sectionName = m_details.sectionDiscriminator;
        if (!m_details.sectionDiscriminator.isEmpty()) {
            request(Step::Attributes);
            return;
        }
        qCWarning(lcConnectors) << "apsis: skipping a section without a discriminator";
    }
    finish(true);
}

void ApsisListing::request(Step step)
{
    const QString path =
        QStringLiteral("audience/sections/%1/%2")
            .arg(ApsisApi::id(m_details.sectionDiscriminator), stepPath(static_cast<int>(step)));
    ApsisApi::CallOptions options;
    // Where tags and event types are listed is not documented by APSIS [U]: a 404 there means
    // "none here" rather than a failed listing.
    if (step == Step::Tags || step == Step::Events)
        options.acceptedStatuses = {404};
    m_api.send(
        this, ApsisApi::request(QNetworkAccessManager::GetOperation, m_api.url(path)),
        [this, step](const ApsisReply &reply) { onDefinitions(step, reply); }, options);
}

void ApsisListing::onDefinitions(Step step, const ApsisReply &reply)
{
    if (!reply.ok)
        return finish(false, reply.error);
    QJsonArray items;
    if (reply.status == 404) {
        qCWarning(lcConnectors) << "apsis: no" << stepPath(static_cast<int>(step))
                                << "listing for section" << m_details.sectionDiscriminator;
    } else {
        QJsonObject answer;
        QString error;
        if (!ApsisApi::parseObject(reply.body, &answer, &error))
            return finish(false, error);
        items = answer.value(QStringLiteral("items")).toArray();
    }

    const auto definitions = [&items](ApsisDefinition::Kind kind) {
        QList<ApsisDefinition> out;
        for (const QJsonValue &item : std::as_const(items)) {
            if (auto definition = ApsisDefinition::fromApi(kind, item.toObject()))
                out.append(std::move(*definition));
            else
                qCWarning(lcConnectors) << "apsis: skipping a definition without name or version";
        }
        return out;
    };
    switch (step) {
    case Step::Attributes:
        m_details.attributes = definitions(ApsisDefinition::Kind::Attribute);
        request(Step::Tags);
        return;
    case Step::Tags:
        m_details.tags = definitions(ApsisDefinition::Kind::Tag);
        request(Step::Events);
        return;
    case Step::Events:
        m_details.events = definitions(ApsisDefinition::Kind::Event);
        request(Step::Segments);
        return;
    case Step::Segments:
        break;
    }

    m_details.assignColumns();
    for (const QJsonValue &item : std::as_const(items)) {
        AudienceInfo info = m_details.audienceFor(item.toObject());
        if (info.externalId.isEmpty()) {
            qCWarning(lcConnectors) << "apsis: skipping a segment without a discriminator";
            continue;
        }
        info.endpointId = m_api.context().endpoint().id;
        m_audiences << std::move(info);
    }
    nextSection();
}

void ApsisListing::finish(bool ok, const QString &error)
{
    qCDebug(lcConnectors) << "apsis listing done:" << ok << m_audiences.size() << "segment(s) in"
                          << m_sections.size() << "section(s)";
    SourceConnector::ListDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, ok ? m_audiences : QList<AudienceInfo>(), error); // may delete this
}

} // namespace courier
