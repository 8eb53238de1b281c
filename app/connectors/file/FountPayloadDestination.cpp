#include "FountPayloadDestination.h"

#include "common/Logging.h"
#include "common/Redaction.h"
#include "FileTarget.h"
#include "FountWebhookSender.h"
#include "JsonFileWriter.h"

#include <climits>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTimer>
#include <QUuid>

namespace courier {

namespace {

// [U] The BAV-Event of an export webhook is not documented by The Fount; the sandbox and this
// default agree on it, and the endpoint setting "event" overrides it.
const char DefaultEvent[] = "AudienceExport";

QString displayUrl(const QUrl &url)
{
    return redactedUrl(url).toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
}

// A details value of the given type, else the default (a Fount audience's flags and
// timestamps are in its details; other sources have none of them).
void writeDetail(JsonFileWriter &json, const QJsonObject &details, const char *name,
                 QJsonValue::Type type, const QJsonValue &fallback)
{
    const QJsonValue value = details.value(QLatin1String(name));
    json.key(QByteArrayView(name));
    json.value(value.type() == type ? value : fallback);
}

// {id, name} of an object that has at least one of them, else null.
void writeIdName(JsonFileWriter &json, const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    if (!value.isObject() ||
        (!object.contains(QStringLiteral("id")) && !object.contains(QStringLiteral("name")))) {
        json.null();
        return;
    }
    json.beginObject();
    json.key("id");
    json.value(object.value(QStringLiteral("id")));
    json.key("name");
    json.value(object.value(QStringLiteral("name")));
    json.endObject();
}

// The exporting user from the endpoint setting "user", with the payload's fields only.
void writeUser(JsonFileWriter &json, const QJsonValue &value)
{
    if (!value.isObject()) {
        json.null();
        return;
    }
    const QJsonObject user = value.toObject();
    json.beginObject();
    for (const char *name : {"id", "name", "email"}) {
        json.key(QByteArrayView(name));
        json.value(user.value(QLatin1String(name)));
    }
    json.key("operating_company");
    writeIdName(json, user.value(QStringLiteral("operating_company")));
    json.endObject();
}

class FountPayloadDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(FountPayloadDelivery)

public:
    FountPayloadDelivery(ConnectorContext &context, DeliveryTarget target, DestinationField field)
        : m_context(context)
        , m_target(std::move(target))
        , m_field(std::move(field))
    {}

    void open(const QStringList &columns, Share::ShareAction action, bool, StepDone done) override
    {
        if (action != Share::ShareAction::Add && action != Share::ShareAction::Replace)
            return later(std::move(done), false,
                         tr("A Fount payload is the whole audience: it can be added or replace "
                            "one, not remove members."));
        QString error;
        if (!readDeliverySettings(&error))
            return later(std::move(done), false, error);
        m_column = FileTarget::findColumn(columns, m_field);
        if (m_column < 0)
            return later(std::move(done), false,
                         tr("None of the columns (%1) is the respondent id: map one column to "
                            "“%2”.")
                             .arg(columns.join(QStringLiteral(", ")), m_field.name));
        m_path =
            FileTarget::resolvePath(m_context.endpoint(), m_target, QStringLiteral("json"), &error);
        if (m_path.isEmpty())
            return later(std::move(done), false, error);
        m_writer = std::make_unique<JsonFileWriter>(m_path);
        if (!m_writer->open())
            return fail(std::move(done));
        writeHead();
        if (m_writer->hasFailed())
            return fail(std::move(done));
        qCDebug(lcConnectors) << "fount payload writing" << m_path << "column" << m_column;
        later(std::move(done), true);
    }

    void send(const RowBatch &batch, const DeliveryBatch &, StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The payload file is not open."));
        for (int row = 0; row < batch.rowCount(); ++row) {
            const QByteArrayView id = batch.cell(row, m_column);
            if (id.trimmed().isEmpty())
                continue; // says nothing about who the member is
            m_writer->string(id);
            ++m_respondents;
        }
        if (m_writer->hasFailed())
            return fail(std::move(done));
        later(std::move(done), true);
    }

    void commit(StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The payload file is not open."));
        writeTail();
        if (!m_writer->commit())
            return fail(std::move(done));
        m_writer.reset();
        m_context.log(RunEvent::Level::Info,
                      tr("Wrote the Fount payload %1 with %n respondent(s).", nullptr,
                         int(std::min<qint64>(m_respondents, INT_MAX)))
                          .arg(QDir::toNativeSeparators(m_path)));
        if (!m_webhook)
            return later(std::move(done), true);
        post(std::move(done));
    }

    void abort() override
    {
        m_aborted = true;
        if (m_writer) {
            m_writer->cancel(); // the temporary file goes; the target never appears
            m_writer.reset();
        }
        m_sender.reset(); // stops an upload in progress; the written file stays
    }

    QString outputDescription() const override
    {
        const QString file = QDir::toNativeSeparators(m_path);
        return m_webhook ? tr("%1, sent to %2").arg(file, displayUrl(m_url)) : file;
    }

private:
    bool readDeliverySettings(QString *error)
    {
        const Endpoint &endpoint = m_context.endpoint();
        const QString deliver = endpoint.settings.value(QStringLiteral("deliver")).toString();
        if (deliver.isEmpty() || deliver == QLatin1String("file"))
            return true;
        if (deliver != QLatin1String("webhook")) {
            *error = tr("The destination “%1” has an unknown delivery “%2”: use “file” or "
                        "“webhook”.")
                         .arg(endpoint.name, deliver);
            return false;
        }
        m_url = endpoint.contactUrl;
        if (!m_url.isValid() || m_url.host().isEmpty() ||
            (m_url.scheme() != QLatin1String("http") && m_url.scheme() != QLatin1String("https"))) {
            *error = tr("The destination “%1” delivers by webhook but its contact URL is not an "
                        "http(s) address: enter the receiver's URL.")
                         .arg(endpoint.name);
            return false;
        }
        if (m_context.secret(FountPayloadDestinationConnector::secretName()).isEmpty()) {
            *error = tr("No webhook secret is stored for “%1”: enter the secret the receiver "
                        "checks BAV-Signature with in the endpoint's settings.")
                         .arg(endpoint.name);
            return false;
        }
        m_event = endpoint.settings.value(QStringLiteral("event")).toString().toUtf8();
        if (m_event.isEmpty())
            m_event = DefaultEvent;
        m_webhook = true;
        return true;
    }

    void writeHead()
    {
        const AudienceInfo &audience = m_target.audience;
        const QJsonObject &details = audience.details;
        JsonFileWriter &json = *m_writer;
        json.beginObject();
        json.key("id");
        bool numeric = false;
        const qint64 id = audience.externalId.toLongLong(&numeric);
        if (numeric && id >= 0 && QString::number(id) == audience.externalId)
            json.number(id); // The Fount's ids are integers
        else if (!audience.externalId.isEmpty())
            json.string(audience.externalId);
        else
            json.null();
        json.key("name");
        json.string(audience.name.isEmpty() ? m_target.shareName : audience.name);
        json.key("description");
        json.string(audience.description);
        writeDetail(json, details, "is_active", QJsonValue::Bool, true);
        writeDetail(json, details, "is_public", QJsonValue::Bool, false);
        writeDetail(json, details, "is_standard", QJsonValue::Bool, false);
        for (const char *time : {"deployed_at", "segments_updated_at", "created_at", "updated_at"})
            writeDetail(json, details, time, QJsonValue::String, QJsonValue::Null);
        json.key("group");
        writeIdName(json, details.value(QStringLiteral("group")));
        json.key("user");
        writeUser(json, m_context.endpoint().settings.value(QStringLiteral("user")));
        json.key("respondents");
        json.beginArray();
    }

    // Written last, at commit: the timestamp a receiver checks (±1 minute) is then the time
    // the payload was finished, not when a long fetch started.
    void writeTail()
    {
        JsonFileWriter &json = *m_writer;
        json.endArray();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        json.key("webhookDate");
        json.string(now.toString(Qt::ISODate));
        json.key("webhookTimestamp");
        json.number(now.toSecsSinceEpoch());
        json.key("webhookId");
        json.string(QUuid::createUuid().toString(QUuid::WithoutBraces));
        json.endObject();
    }

    void post(StepDone done)
    {
        QFile body(m_path);
        QByteArray signature;
        if (body.open(QIODevice::ReadOnly))
            signature = FountWebhookSender::sign(
                m_context.secret(FountPayloadDestinationConnector::secretName()), body);
        if (signature.isEmpty())
            return later(std::move(done), false,
                         tr("Cannot read %1 to sign it: %2")
                             .arg(QDir::toNativeSeparators(m_path), body.errorString()));
        body.close();

        FountWebhookMessage message;
        message.url = m_url;
        message.bodyPath = m_path;
        message.signature = signature;
        message.event = m_event;
        message.deliveryId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        m_sender =
            std::make_unique<FountWebhookSender>(m_context.network(), m_context.retryPolicy());
        m_sender->setRetrying(
            [this](const FountWebhookResult &failed, std::chrono::milliseconds wait) {
                m_context.log(RunEvent::Level::Warning,
                              tr("The webhook receiver at %1 did not take the payload (%2); trying "
                                 "again in %3 s.")
                                  .arg(displayUrl(m_url), attemptOutcome(failed),
                                       QLocale().toString(double(wait.count()) / 1000.0, 'g', 3)));
            });
        const QByteArray deliveryId = message.deliveryId;
        m_sender->send(std::move(message), [this, done = std::move(done),
                                            deliveryId](const FountWebhookResult &result) {
            finishPost(result, deliveryId, done);
        });
    }

    void finishPost(const FountWebhookResult &result, const QByteArray &deliveryId,
                    const StepDone &done)
    {
        if (m_aborted)
            return;
        const QString url = displayUrl(m_url);
        if (result.delivered) {
            m_context.log(RunEvent::Level::Info,
                          tr("Delivered the payload to the webhook receiver at %1 (BAV-Delivery "
                             "%2).")
                              .arg(url, QString::fromLatin1(deliveryId)));
            return done(true, {}); // may delete this
        }
        const QString file = QDir::toNativeSeparators(m_path);
        if (result.refused) {
            return done(false,
                        tr("The webhook receiver at %1 refused the payload's signature (%2): the "
                           "webhook secret stored for “%3” is not the one it expects. Enter the "
                           "secret again in the endpoint's settings. The payload is in %4.")
                            .arg(url, attemptOutcome(result), m_context.endpoint().name, file));
        }
        done(false, tr("The webhook receiver at %1 did not take the payload after %n attempt(s) "
                       "(last: %2). The payload is in %3.",
                       nullptr, result.attempts)
                        .arg(url, attemptOutcome(result), file));
    }

    // "HTTP 500: what the receiver said", or the transport error.
    static QString attemptOutcome(const FountWebhookResult &result)
    {
        if (result.status == 0)
            return result.transportError.isEmpty() ? tr("no answer") : result.transportError;
        QString text = tr("HTTP %1").arg(result.status);
        if (!result.receiverMessage.isEmpty())
            text += QStringLiteral(": ") + result.receiverMessage;
        return text;
    }

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
    std::unique_ptr<FountWebhookSender> m_sender;
    QString m_path;
    int m_column = -1;
    qint64 m_respondents = 0;
    bool m_webhook = false;
    QUrl m_url;
    QByteArray m_event;
    bool m_aborted = false;
};

} // namespace

DestinationSchema FountPayloadDestinationConnector::schema(const Endpoint &) const
{
    DestinationField respondent;
    respondent.name = respondentField();
    respondent.label = QCoreApplication::translate("FountPayloadDestination", "Respondent id");
    respondent.identifier = true;
    respondent.required = true;
    // The Fount source's columns for its three id formats, and what people call them.
    respondent.synonyms = {QStringLiteral("respondent id"),
                           QStringLiteral("respondent"),
                           QStringLiteral("bavRespondentId"),
                           QStringLiteral("aoRespondentId"),
                           QStringLiteral("aoProgressiveNumber"),
                           QStringLiteral("bav id"),
                           QStringLiteral("ao id"),
                           QStringLiteral("progressive number")};
    return DestinationSchema{{respondent}, false, 1};
}

std::unique_ptr<DestinationDelivery>
FountPayloadDestinationConnector::createDelivery(ConnectorContext &context,
                                                 const DeliveryTarget &target)
{
    return std::make_unique<FountPayloadDelivery>(context, target,
                                                  schema(context.endpoint()).fields.constFirst());
}

} // namespace courier
