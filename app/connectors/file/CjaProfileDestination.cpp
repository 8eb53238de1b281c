#include "CjaProfileDestination.h"

#include "common/Logging.h"
#include "FileTarget.h"
#include "JsonFileWriter.h"

#include <climits>
#include <QCoreApplication>
#include <QDir>
#include <QTimer>

namespace courier {

namespace {

class CjaProfileDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(CjaProfileDelivery)

public:
    CjaProfileDelivery(ConnectorContext &context, DeliveryTarget target, DestinationField field)
        : m_context(context)
        , m_target(std::move(target))
        , m_field(std::move(field))
    {}

    void open(const QStringList &columns, Share::ShareAction action, bool, StepDone done) override
    {
        if (action != Share::ShareAction::Add && action != Share::ShareAction::Replace)
            return later(std::move(done), false,
                         tr("A CJA profile file is the whole audience: it can be added or "
                            "replace one, not remove members."));
        const Endpoint &endpoint = m_context.endpoint();
        m_tenant = endpoint.settings.value(QStringLiteral("tenantId")).toString().trimmed();
        if (const QString problem = CjaProfileDestinationConnector::tenantIdProblem(m_tenant);
            !problem.isEmpty())
            return later(std::move(done), false,
                         tr("The destination “%1”: %2").arg(endpoint.name, problem));

        const QJsonObject &options = m_target.options;
        m_membershipId = options.value(QStringLiteral("audienceMembershipId")).toString().trimmed();
        if (m_membershipId.isEmpty())
            m_membershipId = m_target.audience.externalId;
        if (m_membershipId.isEmpty())
            return later(std::move(done), false,
                         tr("The audience has no id to write as audienceMembershipId: set "
                            "“audienceMembershipId” in the share's options."));
        m_membershipName =
            options.value(QStringLiteral("audienceMembershipName")).toString().trimmed();
        if (m_membershipName.isEmpty())
            m_membershipName = m_target.audience.name;
        if (m_membershipName.isEmpty())
            m_membershipName = m_membershipId;

        m_column = FileTarget::findColumn(columns, m_field);
        if (m_column < 0)
            return later(std::move(done), false,
                         tr("None of the columns (%1) is the person id: map one column to "
                            "“%2”.")
                             .arg(columns.join(QStringLiteral(", ")), m_field.name));
        QString error;
        m_path = FileTarget::resolvePath(endpoint, m_target, QStringLiteral("json"), &error);
        if (m_path.isEmpty())
            return later(std::move(done), false, error);
        m_writer = std::make_unique<JsonFileWriter>(m_path);
        if (!m_writer->open())
            return fail(std::move(done));
        m_tenantKey = m_tenant.toUtf8();
        m_writer->beginArray(JsonFileWriter::Layout::OnePerLine);
        qCDebug(lcConnectors) << "cja profile writing" << m_path << "column" << m_column;
        later(std::move(done), true);
    }

    void send(const RowBatch &batch, const DeliveryBatch &, StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The profile file is not open."));
        JsonFileWriter &json = *m_writer;
        for (int row = 0; row < batch.rowCount(); ++row) {
            const QByteArrayView person = batch.cell(row, m_column);
            if (person.trimmed().isEmpty())
                continue; // says nothing about who the member is
            json.beginObject();
            json.key("_id");
            json.string(CjaProfileDestinationConnector::profileId(m_membershipId, person));
            json.key("personID");
            json.string(person);
            json.key(QByteArrayView(m_tenantKey));
            json.beginObject();
            json.key("audienceMembershipId");
            json.string(m_membershipId);
            json.key("audienceMembershipName");
            json.string(m_membershipName);
            json.endObject();
            json.endObject();
            ++m_profiles;
        }
        if (json.hasFailed())
            return fail(std::move(done));
        later(std::move(done), true);
    }

    void commit(StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The profile file is not open."));
        m_writer->endArray();
        if (!m_writer->commit())
            return fail(std::move(done));
        m_writer.reset();
        m_context.log(RunEvent::Level::Info,
                      tr("Wrote the CJA profile file %1 with %n profile(s) of “%2”.", nullptr,
                         int(std::min<qint64>(m_profiles, INT_MAX)))
                          .arg(QDir::toNativeSeparators(m_path), m_membershipName));
        later(std::move(done), true);
    }

    void abort() override
    {
        m_aborted = true;
        if (m_writer) {
            m_writer->cancel(); // the temporary file goes; the target never appears
            m_writer.reset();
        }
    }

    QString outputDescription() const override { return QDir::toNativeSeparators(m_path); }

private:
    void fail(StepDone done)
    {
        const QString error = m_writer ? m_writer->errorString() : QString();
        m_writer.reset();
        later(std::move(done), false, error);
    }

    // Completes a step from the event loop, never from inside the call.
    void later(StepDone done, bool ok, const QString &error = {})
    {
        QTimer::singleShot(0, &m_owner, [this, done = std::move(done), ok, error] {
            if (!m_aborted)
                done(ok, error); // may delete this
        });
    }

    ConnectorContext &m_context;
    DeliveryTarget m_target;
    DestinationField m_field;
    QObject m_owner; // context of the deferred completions; they die with the delivery
    std::unique_ptr<JsonFileWriter> m_writer;
    QString m_path;
    QString m_tenant;
    QByteArray m_tenantKey;
    QString m_membershipId;
    QString m_membershipName;
    int m_column = -1;
    qint64 m_profiles = 0;
    bool m_aborted = false;
};

} // namespace

DestinationSchema CjaProfileDestinationConnector::schema(const Endpoint &) const
{
    DestinationField person;
    person.name = personField();
    person.label = QCoreApplication::translate("CjaProfileDestination", "Person ID");
    person.identifier = true;
    person.required = true;
    person.synonyms = {QStringLiteral("person id"), QStringLiteral("ecid"),
                       QStringLiteral("crm id"), QStringLiteral("customer id"),
                       QStringLiteral("profile id")};
    return DestinationSchema{{person}, false, 1};
}

std::unique_ptr<DestinationDelivery>
CjaProfileDestinationConnector::createDelivery(ConnectorContext &context,
                                               const DeliveryTarget &target)
{
    return std::make_unique<CjaProfileDelivery>(context, target,
                                                schema(context.endpoint()).fields.constFirst());
}

QString CjaProfileDestinationConnector::tenantIdProblem(const QString &tenantId)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("CjaProfileDestination", text);
    };
    if (tenantId.isEmpty())
        return tr("no tenant id is set. Enter the Experience Platform tenant id, with its "
                  "leading underscore (e.g. “_mytenant”).");
    if (!tenantId.startsWith(QLatin1Char('_')))
        return tr("the tenant id “%1” must start with an underscore, as Experience Platform "
                  "writes it (“_%1”).")
            .arg(tenantId);
    if (tenantId.size() < 2)
        return tr("the tenant id “_” needs a name after the underscore (e.g. “_mytenant”).");
    for (const QChar c : tenantId) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'_';
        if (!ok)
            return tr("the tenant id “%1” may only hold letters, digits and underscores.")
                .arg(tenantId);
    }
    return {};
}

QUuid CjaProfileDestinationConnector::idNamespace()
{
    // Chosen once at random for Audience Courier's CJA profile ids; never change it, or every
    // re-run would write new ids.
    static const QUuid ns(QStringLiteral("5de9d8ff-4d7f-431e-8f14-fd89e255358d"));
    return ns;
}

QString CjaProfileDestinationConnector::profileId(const QString &membershipId,
                                                  QByteArrayView personId)
{
    QByteArray name = membershipId.toUtf8();
    name.append('\0');
    name.append(personId);
    return QUuid::createUuidV5(idNamespace(), name).toString(QUuid::WithoutBraces);
}

} // namespace courier
