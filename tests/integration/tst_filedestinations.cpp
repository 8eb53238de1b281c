// The file-format destinations: the Fount export webhook payload (seed 000) with its optional
// webhook delivery to the sandbox's recording receiver (real loopback HTTP), and the Customer
// Journey Analytics profile JSON (seed 003). Files are parsed back and checked field by field.
#include "connectors/ConnectorRegistry.h"
#include "connectors/file/CjaProfileDestination.h"
#include "connectors/file/FountPayloadDestination.h"
#include "connectors/file/FountWebhookSender.h"
#include "connectors/file/JsonFileWriter.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/protocols/fount/FountWebhookReceiver.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

// A name that needs every kind of escaping: quotes, backslash, control characters, non-ASCII
// (Latin, CJK, an emoji outside the BMP) and U+2028.
const QString OddName = QStringLiteral("Quote \"Q\" \\ back\\slash\ttab\nline\x01 ctrl "
                                       "Zoë 日本 \U0001F600 \u2028 end");

RowBatch rows(const QList<QByteArray> &firstColumn, int columns = 1)
{
    RowBatch batch(columns);
    qint64 line = 1;
    for (const QByteArray &value : firstColumn) {
        batch.appendCell(value);
        for (int c = 1; c < columns; ++c)
            batch.appendCell(QByteArray("other-" + value));
        batch.finishRow(++line);
    }
    return batch;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonDocument parseFile(const QString &path, QString *error = nullptr)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(readFile(path), &parseError);
    if (error)
        *error =
            parseError.error == QJsonParseError::NoError ? QString() : parseError.errorString();
    return document;
}

QStringList filesIn(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// An audience as the Fount source lists it (FountListing::audienceFor keeps these details).
AudienceInfo fountAudience()
{
    AudienceInfo audience;
    audience.endpointId = 7;
    audience.externalId = QStringLiteral("42");
    audience.name = OddName;
    audience.description = QStringLiteral("Respondents in \"Gen Z Gamers\" (about 6 % of all)");
    audience.details = QJsonObject{
        {"is_active", false},
        {"is_public", true},
        {"is_standard", true},
        {"available_for_bav", true},
        {"deployed_at", "2021-02-01T09:00:00Z"},
        {"created_at", "2021-01-31T09:00:00Z"},
        {"updated_at", "2021-09-01T09:00:00Z"},
        {"group", QJsonObject{{"id", 4}, {"name", "Media & Gaming"}}},
        {"studyType", "bav"},
        {"formats", QJsonArray{}},
        {"alternativeColumns", true},
    };
    return audience;
}

} // namespace

class TestFileDestinations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // JsonFileWriter and the signing function.
    void writerEscapesStrings();
    void writerWritesNestedValues();
    void writerCancelLeavesNothing();
    void hmacTestVector();

    // The Fount payload file.
    void fountPayloadFieldByField();
    void fountPayloadDefaultsForOtherSources();
    void fountPayloadZeroMembers();
    void fountPayloadAbortLeavesNothing();
    void fountPayloadHundredThousandFlat();
    void fountPayloadRefusesRemoveAndUnmappedColumns();

    // Its webhook delivery, against the sandbox's receiver.
    void webhookDeliveredAndVerified();
    void webhookWrongSecretSaysSo();
    void webhookRetriesReceiverError();
    void webhookGivesUpAfterRetries();
    void webhookNeedsSecretAndUrl();
    void receiverChecksSignatureAndTimestamp();

    // The CJA profile file.
    void cjaProfileFieldByField();
    void cjaProfileIdsStableAcrossRuns();
    void cjaProfileOptionsOverrideMembership();
    void cjaProfileTenantValidation();
    void cjaProfileZeroMembersAndAbort();

    // What both declare.
    void schemasAndActions();

private:
    Endpoint endpoint(const QString &kind, const QJsonObject &settings) const;
    // open → send × n → commit; returns the commit's (or the first failing step's) result.
    Step deliver(DestinationConnector &connector, TestContext &context,
                 const DeliveryTarget &target, const QStringList &columns,
                 const QList<RowBatch> &batches,
                 Share::ShareAction action = Share::ShareAction::Add,
                 std::unique_ptr<DestinationDelivery> *deliveryOut = nullptr);
    QJsonObject inspect(const QString &path);
    QByteArray fetch(const QString &path, int *status = nullptr);
    int post(const QString &path, const QByteArray &body,
             const QList<std::pair<QByteArray, QByteArray>> &headers);
    std::unique_ptr<TestContext> webhookContext(const QByteArray &secret);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;
    FountPayloadDestinationConnector m_fount;
    CjaProfileDestinationConnector m_cja;
};

// --- fixtures ---------------------------------------------------------------------------------

void TestFileDestinations::initTestCase()
{
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));
}

void TestFileDestinations::init()
{
    m_sandbox->reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Endpoint TestFileDestinations::endpoint(const QString &kind, const QJsonObject &settings) const
{
    Endpoint e;
    e.id = 3;
    e.name = QStringLiteral("Insights team");
    e.kind = kind;
    e.role = Endpoint::Role::Destination;
    e.settings = settings;
    e.settings.insert("directory", m_dir->path());
    return e;
}

Step TestFileDestinations::deliver(DestinationConnector &connector, TestContext &context,
                                   const DeliveryTarget &target, const QStringList &columns,
                                   const QList<RowBatch> &batches, Share::ShareAction action,
                                   std::unique_ptr<DestinationDelivery> *deliveryOut)
{
    std::unique_ptr<DestinationDelivery> delivery = connector.createDelivery(context, target);
    Step opened;
    delivery->open(columns, action, false, opened.callback());
    if (!opened.wait() || !opened.ok)
        return opened;
    qint64 number = 0;
    for (const RowBatch &batch : batches) {
        Step sent;
        delivery->send(batch, DeliveryBatch{++number, "d:" + QByteArray::number(number)},
                       sent.callback());
        if (!sent.wait() || !sent.ok)
            return sent;
    }
    Step committed;
    delivery->commit(committed.callback());
    committed.wait();
    if (deliveryOut)
        *deliveryOut = std::move(delivery);
    return committed;
}

QByteArray TestFileDestinations::fetch(const QString &path, int *status)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(m_sandbox->url(path)));
    // On a timeout the unfinished reply's status (0) fails the caller's comparison.
    [[maybe_unused]] const bool finished =
        QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs);
    const QByteArray body = reply->readAll();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return body;
}

QJsonObject TestFileDestinations::inspect(const QString &path)
{
    return QJsonDocument::fromJson(fetch(path)).object();
}

int TestFileDestinations::post(const QString &path, const QByteArray &body,
                               const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_sandbox->url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.post(request, body);
    [[maybe_unused]] const bool finished =
        QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

std::unique_ptr<TestContext> TestFileDestinations::webhookContext(const QByteArray &secret)
{
    Endpoint e = endpoint("fount_payload", {{"deliver", "webhook"}});
    e.contactUrl = m_sandbox->url("/fount/webhooks");
    auto context = std::make_unique<TestContext>(e);
    if (!secret.isEmpty())
        context->secrets.insert("webhookSecret", secret);
    return context;
}

// --- JsonFileWriter and signing -----------------------------------------------------------------

void TestFileDestinations::writerEscapesStrings()
{
    const auto escaped = [](QByteArrayView in) {
        std::string out;
        JsonFileWriter::appendEscaped(out, in);
        return QByteArray::fromStdString(out);
    };
    QCOMPARE(escaped("plain"), QByteArray("plain"));
    QCOMPARE(escaped("a\"b\\c/d"), QByteArray(R"(a\"b\\c/d)"));
    QCOMPARE(escaped("\b\f\n\r\t"), QByteArray(R"(\b\f\n\r\t)"));
    QCOMPARE(escaped(QByteArrayView("\x00\x01\x1f\x7f", 4)),
             QByteArray("\\u0000\\u0001\\u001f\x7f"));
    // Non-ASCII stays UTF-8; U+2028/2029 are escaped for JavaScript readers.
    QCOMPARE(escaped("Zo\xC3\xAB \xE6\x97\xA5 \xF0\x9F\x98\x80"),
             QByteArray("Zo\xC3\xAB \xE6\x97\xA5 \xF0\x9F\x98\x80"));
    QCOMPARE(escaped("\xE2\x80\xA8|\xE2\x80\xA9"), QByteArray(R"(\u2028|\u2029)"));
    // Ill-formed UTF-8 (a Latin-1 byte, an overlong, a surrogate, a cut sequence) → U+FFFD.
    QCOMPARE(escaped("caf\xE9!"), QByteArray("caf\xEF\xBF\xBD!"));
    QCOMPARE(escaped("\xC0\xAF"), QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(escaped("\xED\xA0\x80"), QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(escaped("end\xE6\x97"), QByteArray("end\xEF\xBF\xBD\xEF\xBF\xBD"));

    // Every control character and the odd name survive a round trip through a JSON parser.
    QByteArray controls;
    for (char c = 0; c < 0x20; ++c)
        controls.append(c);
    const QString path = m_dir->filePath("strings.json");
    JsonFileWriter json(path);
    QVERIFY(json.open());
    json.beginArray();
    json.string(QByteArrayView(controls));
    json.string(OddName);
    json.string(QByteArrayView("caf\xE9"));
    json.endArray();
    QVERIFY2(json.commit(), qPrintable(json.errorString()));
    QString error;
    const QJsonArray parsed = parseFile(path, &error).array();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.size(), 3);
    QCOMPARE(parsed.at(0).toString().toUtf8(), controls);
    QCOMPARE(parsed.at(1).toString(), OddName);
    QCOMPARE(parsed.at(2).toString(), QStringLiteral("caf\uFFFD"));
}

void TestFileDestinations::writerWritesNestedValues()
{
    const QString path = m_dir->filePath("nested.json");
    JsonFileWriter json(path);
    QVERIFY(json.open());
    json.beginObject();
    json.key("n");
    json.number(-9007199254740993LL);
    json.key("v");
    json.value(QJsonObject{{"a", QJsonArray{1, 2.5, true, QJsonValue(), "x"}}, {"b", 1e300}});
    json.key("lines");
    json.beginArray(JsonFileWriter::Layout::OnePerLine);
    json.number(1);
    json.number(2);
    json.endArray();
    json.key("empty");
    json.beginArray(JsonFileWriter::Layout::OnePerLine);
    json.endArray();
    json.endObject();
    QVERIFY2(json.commit(), qPrintable(json.errorString()));
    QCOMPARE(readFile(path), QByteArray("{\"n\":-9007199254740993,\"v\":{\"a\":[1,2.5,true,null,"
                                        "\"x\"],\"b\":1.0000000000000001e+300},\"lines\":[\n1,\n2\n"
                                        "],\"empty\":[]}"));
    QVERIFY(!parseFile(path).isNull());
}

void TestFileDestinations::writerCancelLeavesNothing()
{
    const QString path = m_dir->filePath("cancelled.json");
    {
        JsonFileWriter json(path);
        QVERIFY(json.open());
        json.beginArray();
        for (int i = 0; i < 100000; ++i) // more than one flush
            json.string(QByteArrayView("respondent-0000000000"));
        QVERIFY(json.bytesFlushed() > 0);
        json.cancel();
    }
    QVERIFY(filesIn(m_dir->path()).isEmpty());
    {
        JsonFileWriter json(path);
        QVERIFY(json.open());
        json.beginArray(); // destroyed unfinished and uncommitted
    }
    QVERIFY(filesIn(m_dir->path()).isEmpty());
}

void TestFileDestinations::hmacTestVector()
{
    // PROTOCOLS.md: key "secret", body {"a":1}.
    const QByteArray expected = "aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494";
    QCOMPARE(FountWebhookSender::sign("secret", "{\"a\":1}"), expected);
    QByteArray body("{\"a\":1}");
    QBuffer device(&body);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QCOMPARE(FountWebhookSender::sign("secret", device), expected);

    // The streamed form reads in slices; a body of several slices signs as the whole.
    QByteArray large;
    for (int i = 0; i < 30000; ++i)
        large += "\"respondent-" + QByteArray::number(i) + "\",";
    QBuffer largeDevice(&large);
    QVERIFY(largeDevice.open(QIODevice::ReadOnly));
    QCOMPARE(FountWebhookSender::sign("k", largeDevice),
             QMessageAuthenticationCode::hash(large, "k", QCryptographicHash::Sha256).toHex());
}

// --- the Fount payload file ----------------------------------------------------------------------

void TestFileDestinations::fountPayloadFieldByField()
{
    Endpoint e = endpoint(
        "fount_payload",
        {{"user", QJsonObject{{"id", 12},
                              {"name", "Jane \"JD\" Doe"},
                              {"email", "jane.doe@wpp.com"},
                              {"role", "not in the payload"},
                              {"operating_company", QJsonObject{{"id", 1}, {"name", "WPP"}}}}}});
    TestContext context(e);
    DeliveryTarget target{"Gen Z / gamers", {}, fountAudience()};
    const QList<QByteArray> ids{"0f6b7c1e-1111-4a2b-8c3d-000000000001",
                                "808_2x_4",
                                "back\\slash \"quoted\"",
                                "",
                                "Zo\xC3\xAB",
                                "0f6b7c1e-1111-4a2b-8c3d-000000000002"};
    // The Fount source's column name finds the field through its synonyms.
    const Step step = deliver(m_fount, context, target, {"bavRespondentId"},
                              {rows(ids.mid(0, 3)), rows(ids.mid(3))});
    QVERIFY2(step.ok, qPrintable(step.error));

    const QStringList files = filesIn(m_dir->path());
    QCOMPARE(files.size(), 1);
    QVERIFY2(
        QRegularExpression("^Gen Z _ gamers-\\d{8}-\\d{6}\\.json$").match(files.first()).hasMatch(),
        qPrintable(files.first()));
    const QString path = m_dir->filePath(files.first());
    QString error;
    const QJsonObject payload = parseFile(path, &error).object();
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // Seed 000's fields, in its order, then the webhook's three.
    const QByteArray raw = readFile(path);
    const QStringList order{
        "id",          "name",        "description",         "is_active",   "is_public",
        "is_standard", "deployed_at", "segments_updated_at", "created_at",  "updated_at",
        "group",       "user",        "respondents",         "webhookDate", "webhookTimestamp",
        "webhookId"};
    qsizetype last = -1;
    for (const QString &key : order) {
        const qsizetype at = raw.indexOf(QByteArray("\"" + key.toUtf8() + "\":"));
        QVERIFY2(at > last, qPrintable(key));
        last = at;
    }
    QCOMPARE(payload.keys().size(), order.size());

    QCOMPARE(payload.value("id").type(), QJsonValue::Double);
    QCOMPARE(payload.value("id").toInteger(), qint64(42));
    QCOMPARE(payload.value("name").toString(), OddName);
    QCOMPARE(payload.value("description").toString(), fountAudience().description);
    QCOMPARE(payload.value("is_active"), QJsonValue(false));
    QCOMPARE(payload.value("is_public"), QJsonValue(true));
    QCOMPARE(payload.value("is_standard"), QJsonValue(true));
    QCOMPARE(payload.value("deployed_at").toString(), "2021-02-01T09:00:00Z");
    QVERIFY(payload.value("segments_updated_at").isNull()); // the Audiences API has none
    QCOMPARE(payload.value("created_at").toString(), "2021-01-31T09:00:00Z");
    QCOMPARE(payload.value("updated_at").toString(), "2021-09-01T09:00:00Z");
    QCOMPARE(payload.value("group").toObject(),
             (QJsonObject{{"id", 4}, {"name", "Media & Gaming"}}));
    QCOMPARE(payload.value("user").toObject(),
             (QJsonObject{{"id", 12},
                          {"name", "Jane \"JD\" Doe"},
                          {"email", "jane.doe@wpp.com"},
                          {"operating_company", QJsonObject{{"id", 1}, {"name", "WPP"}}}}));
    // In order, the empty cell left out, escaping undone by the parser.
    const QJsonArray respondents = payload.value("respondents").toArray();
    QCOMPARE(respondents.size(), 5);
    QCOMPARE(respondents.at(0).toString(), "0f6b7c1e-1111-4a2b-8c3d-000000000001");
    QCOMPARE(respondents.at(1).toString(), "808_2x_4");
    QCOMPARE(respondents.at(2).toString(), "back\\slash \"quoted\"");
    QCOMPARE(respondents.at(3).toString(), QString::fromUtf8("Zo\xC3\xAB"));
    QCOMPARE(respondents.at(4).toString(), "0f6b7c1e-1111-4a2b-8c3d-000000000002");

    const QDateTime date =
        QDateTime::fromString(payload.value("webhookDate").toString(), Qt::ISODate);
    QVERIFY(date.isValid());
    QCOMPARE(date.toSecsSinceEpoch(), payload.value("webhookTimestamp").toInteger());
    QVERIFY(qAbs(QDateTime::currentSecsSinceEpoch() - date.toSecsSinceEpoch()) < 60);
    const QUuid webhookId(payload.value("webhookId").toString());
    QVERIFY(!webhookId.isNull());
    QCOMPARE(webhookId.version(), QUuid::Random);

    QVERIFY(context.logLines.join('\n').contains("5 respondent"));
}

void TestFileDestinations::fountPayloadDefaultsForOtherSources()
{
    TestContext context(endpoint("fount_payload", {}));
    AudienceInfo audience;
    audience.externalId = "seg-7";
    audience.name = "Newsletter";
    DeliveryTarget target{"share", {{"fileName", "payload.json"}}, audience};
    // respondent_id by its own name among other columns.
    const Step step = deliver(m_fount, context, target, {"email", "respondent_id"}, {[] {
                                  RowBatch batch(2);
                                  batch.appendRow(std::array<QByteArray, 2>{"a@x.com", "r1"}, 2);
                                  batch.appendRow(std::array<QByteArray, 2>{"b@x.com", "r2"}, 3);
                                  return batch;
                              }()});
    QVERIFY2(step.ok, qPrintable(step.error));
    const QJsonObject payload = parseFile(m_dir->filePath("payload.json")).object();
    QCOMPARE(payload.value("id"), QJsonValue("seg-7")); // not a number: kept as the string
    QCOMPARE(payload.value("name").toString(), "Newsletter");
    QCOMPARE(payload.value("description").toString(), QString());
    QCOMPARE(payload.value("is_active"), QJsonValue(true));
    QCOMPARE(payload.value("is_public"), QJsonValue(false));
    QCOMPARE(payload.value("is_standard"), QJsonValue(false));
    for (const char *key :
         {"deployed_at", "segments_updated_at", "created_at", "updated_at", "group", "user"}) {
        QVERIFY2(payload.contains(key), key);
        QVERIFY2(payload.value(key).isNull(), key);
    }
    QCOMPARE(payload.value("respondents").toArray(), (QJsonArray{"r1", "r2"}));
}

void TestFileDestinations::fountPayloadZeroMembers()
{
    TestContext context(endpoint("fount_payload", {}));
    DeliveryTarget target{"empty", {{"fileName", "empty.json"}}, fountAudience()};
    const Step step = deliver(m_fount, context, target, {"respondent_id"}, {});
    QVERIFY2(step.ok, qPrintable(step.error));
    const QJsonObject payload = parseFile(m_dir->filePath("empty.json")).object();
    QVERIFY(payload.value("respondents").isArray());
    QVERIFY(payload.value("respondents").toArray().isEmpty());
    QVERIFY(readFile(m_dir->filePath("empty.json")).contains("\"respondents\":[]"));
}

void TestFileDestinations::fountPayloadAbortLeavesNothing()
{
    TestContext context(endpoint("fount_payload", {}));
    DeliveryTarget target{"aborted", {{"fileName", "aborted.json"}}, fountAudience()};
    auto delivery = m_fount.createDelivery(context, target);
    Step opened;
    delivery->open({"respondent_id"}, Share::ShareAction::Replace, false, opened.callback());
    QVERIFY(opened.wait() && opened.ok);
    QList<QByteArray> ids;
    for (int i = 0; i < 20000; ++i)
        ids << "respondent-" + QByteArray::number(i);
    Step sent;
    delivery->send(rows(ids), {1, "d:1"}, sent.callback());
    QVERIFY(sent.wait() && sent.ok);
    delivery->abort();
    QVERIFY(filesIn(m_dir->path()).isEmpty());
    QVERIFY(!QFile::exists(m_dir->filePath("aborted.json")));
}

void TestFileDestinations::fountPayloadHundredThousandFlat()
{
    constexpr int Members = 100000;
    constexpr int PerBatch = 10000;
    const auto respondent = [](int i) {
        return QUuid::createUuidV5(QUuid(), QByteArray::number(i))
            .toByteArray(QUuid::WithoutBraces);
    };

    // The writer hands members to the file as they come: what it holds is bounded by its
    // buffer, whatever the size of the document.
    {
        JsonFileWriter json(m_dir->filePath("writer.json"));
        QVERIFY(json.open());
        json.beginArray();
        for (int i = 0; i < Members; ++i) {
            json.string(respondent(i));
            if ((i + 1) % PerBatch == 0) {
                QVERIFY(json.bytesBuffered() <= qsizetype(JsonFileWriter::FlushThreshold) + 64);
                QVERIFY(json.bytesFlushed() + json.bytesBuffered() >= qint64(i + 1) * 39);
            }
        }
        json.endArray();
        QVERIFY(json.commit());
        QCOMPARE(QFileInfo(m_dir->filePath("writer.json")).size(), qint64(Members) * 39 + 1);
    }

    TestContext context(endpoint("fount_payload", {}));
    DeliveryTarget target{"big", {{"fileName", "big.json"}}, fountAudience()};
    QList<RowBatch> batches;
    for (int b = 0; b < Members / PerBatch; ++b) {
        QList<QByteArray> ids;
        for (int i = b * PerBatch; i < (b + 1) * PerBatch; ++i)
            ids << respondent(i);
        batches << rows(ids);
    }
    const Step step = deliver(m_fount, context, target, {"respondent_id"}, batches);
    QVERIFY2(step.ok, qPrintable(step.error));

    const QString path = m_dir->filePath("big.json");
    QVERIFY(QFileInfo(path).size() > qint64(Members) * 39);
    QString error;
    const QJsonArray respondents = parseFile(path, &error).object().value("respondents").toArray();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(respondents.size(), Members);
    for (int i = 0; i < Members; ++i) {
        if (respondents.at(i).toString().toLatin1() != respondent(i))
            QFAIL(qPrintable(QStringLiteral("respondent %1 out of order").arg(i)));
    }
}

void TestFileDestinations::fountPayloadRefusesRemoveAndUnmappedColumns()
{
    TestContext context(endpoint("fount_payload", {}));
    DeliveryTarget target{"x", {}, fountAudience()};
    {
        auto delivery = m_fount.createDelivery(context, target);
        Step opened;
        delivery->open({"respondent_id"}, Share::ShareAction::Remove, false, opened.callback());
        QVERIFY(opened.wait());
        QVERIFY(!opened.ok);
        QVERIFY2(opened.error.contains("whole audience"), qPrintable(opened.error));
    }
    {
        auto delivery = m_fount.createDelivery(context, target);
        Step opened;
        delivery->open({"email", "phone"}, Share::ShareAction::Add, false, opened.callback());
        QVERIFY(opened.wait());
        QVERIFY(!opened.ok);
        QVERIFY2(opened.error.contains("email, phone") && opened.error.contains("respondent_id"),
                 qPrintable(opened.error));
    }
    Endpoint missingFolder = endpoint("fount_payload", {});
    missingFolder.settings.insert("directory", m_dir->filePath("nowhere"));
    TestContext noFolder(missingFolder);
    auto delivery = m_fount.createDelivery(noFolder, target);
    Step opened;
    delivery->open({"respondent_id"}, Share::ShareAction::Add, false, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(!opened.ok);
    QVERIFY2(opened.error.contains("does not exist"), qPrintable(opened.error));
    QVERIFY(filesIn(m_dir->path()).isEmpty());
}

// --- webhook delivery ----------------------------------------------------------------------------

void TestFileDestinations::webhookDeliveredAndVerified()
{
    auto context = webhookContext(sandbox::FountWebhookReceiverState::defaultSecret());
    DeliveryTarget target{"hook", {{"fileName", "hook.json"}}, fountAudience()};
    QList<QByteArray> ids;
    for (int i = 0; i < 3000; ++i)
        ids << "808_" + QByteArray::number(i) + "x_4";
    std::unique_ptr<DestinationDelivery> delivery;
    const Step step = deliver(m_fount, *context, target, {"aoProgressiveNumber"},
                              {rows(ids.mid(0, 1000)), rows(ids.mid(1000))},
                              Share::ShareAction::Replace, &delivery);
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(delivery->outputDescription().contains("/fount/webhooks"));

    const QByteArray file = readFile(m_dir->filePath("hook.json"));
    const QJsonObject state = inspect("/fount/webhooks/received");
    QCOMPARE(state.value("accepted").toInt(), 1);
    const QJsonArray received = state.value("received").toArray();
    QCOMPARE(received.size(), 1);
    const QJsonObject hook = received.first().toObject();
    QCOMPARE(hook.value("status").toInt(), 200);
    QVERIFY(hook.value("signatureValid").toBool());
    QCOMPARE(hook.value("signature").toString().toLatin1(),
             FountWebhookSender::sign(sandbox::FountWebhookReceiverState::defaultSecret(), file));
    QCOMPARE(hook.value("userAgent").toString(), "BAV-Webhook");
    QCOMPARE(hook.value("event").toString(), "AudienceExport");
    QCOMPARE(hook.value("contentType").toString(), "application/json");
    QCOMPARE(hook.value("acceptCharset").toString(), "utf-8");
    QCOMPARE(hook.value("contentLength").toString().toLongLong(), file.size());
    QCOMPARE(QUuid(hook.value("deliveryId").toString()).version(), QUuid::Random);
    QVERIFY(qAbs(hook.value("timestampSkewSeconds").toInteger()) <= 2);
    // Exactly the bytes of the file.
    QCOMPARE(hook.value("bodyBytes").toInteger(), file.size());
    QCOMPARE(hook.value("bodySha256").toString().toLatin1(),
             QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex());
    QCOMPARE(fetch("/fount/webhooks/received/1/body"), file);
    QCOMPARE(hook.value("respondents").toInteger(), qint64(3000));
    QCOMPARE(hook.value("firstRespondents").toArray().first().toString(), "808_0x_4");
    QCOMPARE(hook.value("audience").toObject().value("name").toString(), OddName);
    QCOMPARE(hook.value("audience").toObject().value("id").toInt(), 42);
    QVERIFY(context->logLines.join('\n').contains("Delivered the payload"));
}

void TestFileDestinations::webhookWrongSecretSaysSo()
{
    auto context = webhookContext("not-the-receivers-secret");
    DeliveryTarget target{"hook", {{"fileName", "hook.json"}}, fountAudience()};
    const Step step = deliver(m_fount, *context, target, {"respondent_id"}, {rows({"r1", "r2"})});
    QVERIFY(step.finished);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("401") && step.error.contains("webhook secret") &&
                 step.error.contains("Insights team") && step.error.contains("Invalid signature"),
             qPrintable(step.error));
    QVERIFY2(!step.error.contains("not-the-receivers-secret"), qPrintable(step.error));
    // Refused at once (retrying cannot fix a secret), and the payload stays for the user.
    const QJsonArray received = inspect("/fount/webhooks/received").value("received").toArray();
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().toObject().value("status").toInt(), 401);
    QVERIFY(!received.first().toObject().value("signatureValid").toBool());
    QVERIFY(QFile::exists(m_dir->filePath("hook.json")));
    QVERIFY2(step.error.contains(QDir::toNativeSeparators(m_dir->filePath("hook.json"))),
             qPrintable(step.error));
}

void TestFileDestinations::webhookRetriesReceiverError()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = "/fount/webhooks";
    rule.method = "POST";
    rule.times = 1;
    rule.errorStatus = 500;
    m_sandbox->faults().addRule(rule);

    auto context = webhookContext(sandbox::FountWebhookReceiverState::defaultSecret());
    DeliveryTarget target{"hook", {{"fileName", "hook.json"}}, fountAudience()};
    const Step step = deliver(m_fount, *context, target, {"respondent_id"}, {rows({"r1", "r2"})});
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(m_sandbox->requestLog().matching("/fount/webhooks", "POST").size(), 2);
    const QJsonObject state = inspect("/fount/webhooks/received");
    QCOMPARE(state.value("accepted").toInt(), 1);
    QVERIFY2(context->logLines.join('\n').contains("HTTP 500"),
             qPrintable(context->logLines.join('\n')));
    QVERIFY(context->logLines.join('\n').contains("trying again"));
}

void TestFileDestinations::webhookGivesUpAfterRetries()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = "/fount/webhooks";
    rule.method = "POST";
    rule.errorStatus = 503;
    m_sandbox->faults().addRule(rule);

    auto context = webhookContext(sandbox::FountWebhookReceiverState::defaultSecret());
    DeliveryTarget target{"hook", {{"fileName", "hook.json"}}, fountAudience()};
    const Step step = deliver(m_fount, *context, target, {"respondent_id"}, {rows({"r1"})});
    QVERIFY(step.finished);
    QVERIFY(!step.ok);
    const int attempts = context->retryPolicy().maxAttempts;
    QCOMPARE(m_sandbox->requestLog().matching("/fount/webhooks", "POST").size(), attempts);
    QVERIFY2(step.error.contains(QStringLiteral("after %1 attempt").arg(attempts)) &&
                 step.error.contains("HTTP 503"),
             qPrintable(step.error));
    QVERIFY(QFile::exists(m_dir->filePath("hook.json")));
}

void TestFileDestinations::webhookNeedsSecretAndUrl()
{
    DeliveryTarget target{"hook", {{"fileName", "hook.json"}}, fountAudience()};
    {
        auto context = webhookContext({});
        auto delivery = m_fount.createDelivery(*context, target);
        Step opened;
        delivery->open({"respondent_id"}, Share::ShareAction::Add, false, opened.callback());
        QVERIFY(opened.wait());
        QVERIFY(!opened.ok);
        QVERIFY2(opened.error.contains("No webhook secret"), qPrintable(opened.error));
    }
    {
        auto context = std::make_unique<TestContext>(
            endpoint("fount_payload", {{"deliver", "webhook"}})); // no contact URL
        context->secrets.insert("webhookSecret", "s");
        auto delivery = m_fount.createDelivery(*context, target);
        Step opened;
        delivery->open({"respondent_id"}, Share::ShareAction::Add, false, opened.callback());
        QVERIFY(opened.wait());
        QVERIFY(!opened.ok);
        QVERIFY2(opened.error.contains("contact URL"), qPrintable(opened.error));
    }
    QVERIFY(filesIn(m_dir->path()).isEmpty()); // nothing written before the checks pass
}

void TestFileDestinations::receiverChecksSignatureAndTimestamp()
{
    // A custom secret through the configuration route.
    QNetworkRequest request(m_sandbox->url("/fount/webhooks/config"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = m_nam.put(request, R"({"secret":"s3cret","maxSkewSeconds":60})");
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QCOMPARE(inspect("/fount/webhooks/config").value("secretIsDefault").toBool(), false);

    const auto body = [](qint64 timestamp) -> QByteArray {
        return QByteArray(R"({"id":1,"respondents":["a","b"],"webhookTimestamp":)") +
               QByteArray::number(timestamp) + "}";
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray fresh = body(now);
    const QByteArray stale = body(now - 600);
    const QByteArray sig = FountWebhookSender::sign("s3cret", fresh);

    QCOMPARE(post("/fount/webhooks", fresh, {}), 401); // unsigned
    QCOMPARE(
        post("/fount/webhooks", fresh, {{"BAV-Signature", FountWebhookSender::sign("x", fresh)}}),
        401);
    QCOMPARE(post("/fount/webhooks", fresh + " ", {{"BAV-Signature", sig}}), 401); // one byte more
    QCOMPARE(post("/fount/webhooks", stale,
                  {{"BAV-Signature", FountWebhookSender::sign("s3cret", stale)}}),
             400);
    QCOMPARE(post("/fount/webhooks", fresh, {{"BAV-Signature", sig}, {"BAV-Delivery", "d-1"}}),
             200);
    QCOMPARE(post("/fount/webhooks", fresh, {{"BAV-Signature", sig}, {"BAV-Delivery", "d-1"}}),
             200);

    const QJsonObject state = inspect("/fount/webhooks/received");
    const QJsonArray received = state.value("received").toArray();
    QCOMPARE(received.size(), 6);
    QVERIFY(received.at(0).toObject().value("error").toString().contains("Missing BAV-Signature"));
    QVERIFY(received.at(3).toObject().value("error").toString().contains("webhookTimestamp"));
    const qint64 skew = received.at(3).toObject().value("timestampSkewSeconds").toInteger();
    QVERIFY2(skew >= 600 && skew <= 605, qPrintable(QString::number(skew)));
    QCOMPARE(received.at(4).toObject().value("respondents").toInteger(), qint64(2));
    QCOMPARE(received.at(4).toObject().value("duplicate").toBool(), false);
    QCOMPARE(received.at(5).toObject().value("duplicate").toBool(), true);
    QCOMPARE(state.value("accepted").toInt(), 1);

    int status = 0;
    fetch("/fount/webhooks/received/9/body", &status);
    QCOMPARE(status, 404);
    // A reset forgets the secret and the records.
    m_sandbox->reset();
    QCOMPARE(inspect("/fount/webhooks/config").value("secretIsDefault").toBool(), true);
    QCOMPARE(inspect("/fount/webhooks/received").value("received").toArray().size(), 0);
}

// --- the CJA profile file
// --------------------------------------------------------------------------

void TestFileDestinations::cjaProfileFieldByField()
{
    TestContext context(endpoint("cja_profile", {{"tenantId", "_mytenant"}}));
    AudienceInfo audience;
    audience.externalId = "seg-1";
    audience.name = OddName;
    DeliveryTarget target{"CJA", {}, audience};
    const QList<QByteArray> people{"alice@example.com", "bob \"the\" builder", "", "Zo\xC3\xAB"};
    const Step step =
        deliver(m_cja, context, target, {"ECID"}, {rows(people.mid(0, 2)), rows(people.mid(2))});
    QVERIFY2(step.ok, qPrintable(step.error));

    const QStringList files = filesIn(m_dir->path());
    QCOMPARE(files.size(), 1);
    QVERIFY(QRegularExpression("^CJA-\\d{8}-\\d{6}\\.json$").match(files.first()).hasMatch());
    const QString path = m_dir->filePath(files.first());
    QString error;
    const QJsonDocument document = parseFile(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(document.isArray()); // the seed's "final JSON" is an array
    const QJsonArray profiles = document.array();
    QCOMPARE(profiles.size(), 3);
    const QStringList expectedPeople{"alice@example.com", "bob \"the\" builder",
                                     QString::fromUtf8("Zo\xC3\xAB")};
    for (int i = 0; i < profiles.size(); ++i) {
        const QJsonObject profile = profiles.at(i).toObject();
        QCOMPARE(profile.keys(), (QStringList{"_id", "_mytenant", "personID"}));
        QCOMPARE(profile.value("personID").toString(), expectedPeople.at(i));
        QCOMPARE(profile.value("_id").toString(),
                 CjaProfileDestinationConnector::profileId("seg-1", expectedPeople.at(i).toUtf8()));
        const QJsonObject tenant = profile.value("_mytenant").toObject();
        QCOMPARE(tenant.keys(), (QStringList{"audienceMembershipId", "audienceMembershipName"}));
        QCOMPARE(tenant.value("audienceMembershipId").toString(), "seg-1");
        QCOMPARE(tenant.value("audienceMembershipName").toString(), OddName);
    }
    // One profile per line between the brackets.
    const QList<QByteArray> lines = readFile(path).split('\n');
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.first(), "[");
    QCOMPARE(lines.last(), "]");
    QVERIFY(lines.at(1).startsWith("{\"_id\":\""));
    QVERIFY(context.logLines.join('\n').contains("3 profile"));
}

void TestFileDestinations::cjaProfileIdsStableAcrossRuns()
{
    // UUID v5 as documented, checked against an independent implementation (Python's
    // uuid.uuid5(namespace, "seg-1\0alice@example.com")).
    QCOMPARE(CjaProfileDestinationConnector::profileId("seg-1", "alice@example.com"),
             "ce743afa-31be-5308-9002-c388dd046349");
    QCOMPARE(CjaProfileDestinationConnector::profileId("Luma Blue", "Zo\xC3\xAB"),
             "39f71bb6-9d25-53e9-9025-fb2e31ceb5b7");

    AudienceInfo audience;
    audience.externalId = "seg-1";
    audience.name = "Luma";
    const QList<QByteArray> people{"alice@example.com", "bob@example.com", "carol@example.com"};
    QList<QJsonArray> runs;
    for (const char *file : {"run1.json", "run2.json"}) {
        TestContext context(endpoint("cja_profile", {{"tenantId", "_t"}}));
        const Step step = deliver(m_cja, context, {"r", {{"fileName", file}}, audience},
                                  {"personID"}, {rows(people)});
        QVERIFY2(step.ok, qPrintable(step.error));
        runs << parseFile(m_dir->filePath(file)).array();
    }
    QCOMPARE(runs.at(0), runs.at(1));
    QSet<QString> ids;
    for (const QJsonValue &profile : runs.at(0))
        ids.insert(profile.toObject().value("_id").toString());
    QCOMPARE(ids.size(), 3); // one per person
    QCOMPARE(runs.at(0).at(0).toObject().value("_id").toString(),
             "ce743afa-31be-5308-9002-c388dd046349");
    // Another audience gives the same person another id.
    QVERIFY(CjaProfileDestinationConnector::profileId("seg-2", "alice@example.com") !=
            CjaProfileDestinationConnector::profileId("seg-1", "alice@example.com"));
}

void TestFileDestinations::cjaProfileOptionsOverrideMembership()
{
    TestContext context(endpoint("cja_profile", {{"tenantId", "_demoemea"}}));
    AudienceInfo audience;
    audience.externalId = "3f1c-uuid";
    audience.name = "Internal name";
    DeliveryTarget target{"x",
                          {{"fileName", "o.json"},
                           {"audienceMembershipId", "luma-blue"},
                           {"audienceMembershipName", "Luma - Blue+ Members"}},
                          audience};
    const Step step = deliver(m_cja, context, target, {"crm_id"}, {rows({"p1"})});
    QVERIFY2(step.ok, qPrintable(step.error));
    const QJsonObject profile = parseFile(m_dir->filePath("o.json")).array().first().toObject();
    QCOMPARE(profile.value("_demoemea").toObject(),
             (QJsonObject{{"audienceMembershipId", "luma-blue"},
                          {"audienceMembershipName", "Luma - Blue+ Members"}}));
    QCOMPARE(profile.value("_id").toString(),
             CjaProfileDestinationConnector::profileId("luma-blue", "p1"));
}

void TestFileDestinations::cjaProfileTenantValidation()
{
    QVERIFY(CjaProfileDestinationConnector::tenantIdProblem("_mytenant").isEmpty());
    QVERIFY(CjaProfileDestinationConnector::tenantIdProblem("_demo_emea2").isEmpty());
    QVERIFY(CjaProfileDestinationConnector::tenantIdProblem("").contains("no tenant id"));
    QVERIFY(CjaProfileDestinationConnector::tenantIdProblem("_").contains("after the underscore"));
    QVERIFY(
        CjaProfileDestinationConnector::tenantIdProblem("_my-tenant").contains("letters, digits"));
    QVERIFY(
        CjaProfileDestinationConnector::tenantIdProblem("_my tenant").contains("letters, digits"));

    TestContext context(endpoint("cja_profile", {{"tenantId", "mytenant"}}));
    auto delivery = m_cja.createDelivery(context, {"x", {}, AudienceInfo{}});
    Step opened;
    delivery->open({"personID"}, Share::ShareAction::Add, false, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(!opened.ok);
    QCOMPARE(
        opened.error,
        QString::fromUtf8("The destination “Insights team”: the tenant id “mytenant” must start "
                          "with an underscore, as Experience Platform writes it "
                          "(“_mytenant”)."));
    QVERIFY(filesIn(m_dir->path()).isEmpty());

    // A valid tenant but an audience without an id (and no override) cannot be written.
    TestContext valid(endpoint("cja_profile", {{"tenantId", "_mytenant"}}));
    auto second = m_cja.createDelivery(valid, {"x", {}, AudienceInfo{}});
    Step again;
    second->open({"personID"}, Share::ShareAction::Add, false, again.callback());
    QVERIFY(again.wait());
    QVERIFY(!again.ok);
    QVERIFY2(again.error.contains("audienceMembershipId"), qPrintable(again.error));
}

void TestFileDestinations::cjaProfileZeroMembersAndAbort()
{
    AudienceInfo audience;
    audience.externalId = "seg-1";
    TestContext context(endpoint("cja_profile", {{"tenantId", "_t"}}));
    const Step step =
        deliver(m_cja, context, {"x", {{"fileName", "none.json"}}, audience}, {"personID"}, {});
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(readFile(m_dir->filePath("none.json")), QByteArray("[]"));
    QVERIFY(parseFile(m_dir->filePath("none.json")).isArray());

    auto delivery = m_cja.createDelivery(context, {"x", {{"fileName", "gone.json"}}, audience});
    Step opened;
    delivery->open({"personID"}, Share::ShareAction::Add, false, opened.callback());
    QVERIFY(opened.wait() && opened.ok);
    Step sent;
    delivery->send(rows({"p1", "p2"}), {1, "d"}, sent.callback());
    QVERIFY(sent.wait() && sent.ok);
    delivery->abort();
    QCOMPARE(filesIn(m_dir->path()), QStringList{"none.json"});
}

// --- declarations
// ----------------------------------------------------------------------------------

void TestFileDestinations::schemasAndActions()
{
    const Endpoint e = endpoint("fount_payload", {});
    const DestinationSchema fount = m_fount.schema(e);
    QVERIFY(!fount.acceptsOtherFields);
    QCOMPARE(fount.minIdentifiers, 1);
    QCOMPARE(fount.fields.size(), 1);
    const DestinationField &respondent = fount.fields.first();
    QCOMPARE(respondent.name, "respondent_id");
    QVERIFY(respondent.identifier && respondent.required && !respondent.hashed);
    for (const char *synonym :
         {"respondent id", "bavRespondentId", "aoRespondentId", "aoProgressiveNumber"})
        QVERIFY2(respondent.synonyms.contains(synonym), synonym);
    QCOMPARE(m_fount.kind(), "fount_payload");
    QCOMPARE(m_fount.secretNames(), QStringList{"webhookSecret"});
    QCOMPARE(m_fount.supportedActions(),
             (QList<Share::ShareAction>{Share::ShareAction::Add, Share::ShareAction::Replace}));
    QVERIFY(!m_fount.deliveredBatchesSurvive());

    const DestinationSchema cja = m_cja.schema(endpoint("cja_profile", {}));
    QVERIFY(!cja.acceptsOtherFields);
    QCOMPARE(cja.fields.size(), 1);
    const DestinationField &person = cja.fields.first();
    QCOMPARE(person.name, "personID");
    QVERIFY(person.identifier && person.required && !person.hashed);
    for (const char *synonym : {"ecid", "crm id", "customer id", "person id"})
        QVERIFY2(person.synonyms.contains(synonym), synonym);
    QCOMPARE(m_cja.kind(), "cja_profile");
    QVERIFY(m_cja.secretNames().isEmpty());
    QCOMPARE(m_cja.supportedActions(),
             (QList<Share::ShareAction>{Share::ShareAction::Add, Share::ShareAction::Replace}));
    QVERIFY(!m_cja.deliveredBatchesSurvive());

    const ConnectorRegistry registry = ConnectorRegistry::builtin();
    QVERIFY(registry.destination("fount_payload"));
    QVERIFY(registry.destination("cja_profile"));
}

QTEST_GUILESS_MAIN(TestFileDestinations)
#include "tst_filedestinations.moc"
