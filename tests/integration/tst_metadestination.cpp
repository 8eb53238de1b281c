// The Meta custom audience destination (MetaDelivery, MetaSchema) against the sandbox's Meta
// emulation over loopback HTTP: audiences created and reused, users added, removed and
// replaced in sessions, Meta's 10,000-row limit, invalid entries, token and rate-limit errors,
// and a replace session resumed after an interruption.
#include "connectors/meta/MetaConnectors.h"
#include "connectors/meta/MetaDelivery.h"
#include "connectors/meta/MetaSchema.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>
#include <QtTest>

using namespace courier;
using namespace courier::testing;

namespace {

constexpr auto Add = Share::ShareAction::Add;
constexpr auto Replace = Share::ShareAction::Replace;
constexpr auto Remove = Share::ShareAction::Remove;

QByteArray sha256(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex();
}

QByteArray emailHash(int i)
{
    return sha256("person" + QByteArray::number(i) + "@example.com");
}

// Members from..from+count-1: EMAIL hashed, PHONE hashed for every third, else empty.
RowBatch people(int from, int count)
{
    RowBatch batch(2);
    for (int i = from; i < from + count; ++i) {
        const QByteArray phone =
            i % 3 == 0 ? sha256("4670" + QByteArray::number(1000000 + i)) : QByteArray();
        batch.appendRow(std::array<QByteArray, 2>{emailHash(i), phone}, i);
    }
    return batch;
}

QSet<QString> hashes(int from, int count)
{
    QSet<QString> out;
    for (int i = from; i < from + count; ++i)
        out.insert(QString::fromLatin1(emailHash(i)));
    return out;
}

const QStringList Columns{"EMAIL", "PHONE"};

} // namespace

class TestMetaDestination : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void schemaListsMetasFields();
    void createsAudienceAndAdds();
    void addsToExistingAudience();
    void removesMembers();
    void replaceLeavesExactlyTheNewMembers();
    void emptyReplaceChangesNothing();
    void batchesOf25000RowsStayWithinTheLimit();
    void sandboxRefusesMoreThan10000Rows();
    void unhashedEmailsAreInvalidEntries();
    void expiredTokenAsksToReconnect();
    void reconnectedTokenIsUsed();
    void rateLimitIsRetriedThenSucceeds();
    void rateLimitGivesUpAfterThePolicy();
    void serviceUnavailableIsRetried();
    void errorMessagesNeverQuoteTheToken();
    void blockedAudienceSaysWhatToDo();
    void unknownAudienceSaysWhatToCheck();
    void replaceSessionResumesAfterInterruption();
    void resentBatchSeqIsAppliedOnce();

private:
    Endpoint endpoint() const;
    std::unique_ptr<TestContext> context(const QString &workDirectory = {}) const;
    QJsonObject inspect(const QString &path);
    QJsonObject post(const QString &path, const QByteArray &body, int *status = nullptr);
    QSet<QString> memberHashes(const QString &audienceId);
    std::unique_ptr<MetaDelivery> open(TestContext &context, const DeliveryTarget &target,
                                       Share::ShareAction action, bool resuming = false);
    bool send(MetaDelivery &delivery, const RowBatch &batch, qint64 number,
              QString *error = nullptr);
    bool commit(MetaDelivery &delivery, QString *error = nullptr);
    QString deliver(TestContext &context, const DeliveryTarget &target, Share::ShareAction action,
                    const QList<RowBatch> &batches);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QNetworkAccessManager m_nam;
};

// --- fixtures ---------------------------------------------------------------------------------

void TestMetaDestination::initTestCase()
{
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false\ncourier.http.debug=false");
}

void TestMetaDestination::init()
{
    m_sandbox->reset();
}

Endpoint TestMetaDestination::endpoint() const
{
    Endpoint endpoint;
    endpoint.id = 11;
    endpoint.name = "Sandbox Meta";
    endpoint.kind = "meta";
    endpoint.contactUrl = m_sandbox->url("/meta");
    endpoint.role = Endpoint::Role::Destination;
    endpoint.settings = {{"adAccountId", "act_1234"}, {"apiVersion", "v21.0"}};
    endpoint.secretStored = true;
    return endpoint;
}

std::unique_ptr<TestContext> TestMetaDestination::context(const QString &workDirectory) const
{
    auto context = std::make_unique<TestContext>(endpoint(), workDirectory);
    context->secrets.insert("accessToken", m_sandbox->options().meta.accessToken);
    return context;
}

QJsonObject TestMetaDestination::inspect(const QString &path)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(m_sandbox->url(path)));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs))
        qWarning() << "no answer from" << path;
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QJsonObject TestMetaDestination::post(const QString &path, const QByteArray &body, int *status)
{
    QNetworkRequest request(m_sandbox->url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = m_nam.post(request, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs))
        qWarning() << "no answer from" << path;
    reply->deleteLater();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QSet<QString> TestMetaDestination::memberHashes(const QString &audienceId)
{
    QSet<QString> out;
    const QJsonArray members =
        inspect("/sandbox/meta/audiences/" + audienceId + "/members").value("members").toArray();
    for (const QJsonValue &member : members)
        out.insert(member.toObject().value("EMAIL").toString());
    return out;
}

std::unique_ptr<MetaDelivery> TestMetaDestination::open(TestContext &context,
                                                        const DeliveryTarget &target,
                                                        Share::ShareAction action, bool resuming)
{
    MetaDestinationConnector connector;
    std::unique_ptr<DestinationDelivery> created = connector.createDelivery(context, target);
    std::unique_ptr<MetaDelivery> delivery(static_cast<MetaDelivery *>(created.release()));
    Step opened;
    delivery->open(Columns, action, resuming, opened.callback());
    if (!opened.wait() || !opened.ok) {
        qWarning() << "open failed:" << opened.error;
        return nullptr;
    }
    return delivery;
}

bool TestMetaDestination::send(MetaDelivery &delivery, const RowBatch &batch, qint64 number,
                               QString *error)
{
    Step sent;
    delivery.send(batch, DeliveryBatch{number, "run:" + QByteArray::number(number)},
                  sent.callback());
    const bool finished = sent.wait();
    if (error)
        *error = sent.error;
    else if (!sent.ok)
        qWarning() << "send failed:" << sent.error;
    return finished && sent.ok && sent.calls == 1;
}

bool TestMetaDestination::commit(MetaDelivery &delivery, QString *error)
{
    Step committed;
    delivery.commit(committed.callback());
    const bool finished = committed.wait();
    if (error)
        *error = committed.error;
    else if (!committed.ok)
        qWarning() << "commit failed:" << committed.error;
    return finished && committed.ok && committed.calls == 1;
}

QString TestMetaDestination::deliver(TestContext &context, const DeliveryTarget &target,
                                     Share::ShareAction action, const QList<RowBatch> &batches)
{
    auto delivery = open(context, target, action);
    if (!delivery)
        return {};
    for (int i = 0; i < batches.size(); ++i) {
        if (!send(*delivery, batches.at(i), i + 1))
            return {};
    }
    if (!commit(*delivery))
        return {};
    return delivery->audienceId();
}

// --- tests ------------------------------------------------------------------------------------

void TestMetaDestination::schemaListsMetasFields()
{
    MetaDestinationConnector connector;
    QCOMPARE(connector.kind(), "meta");
    QCOMPARE(connector.secretNames(), QStringList{"accessToken"});
    QCOMPARE(connector.supportedActions(), (QList<Share::ShareAction>{Add, Replace, Remove}));
    QCOMPARE(connector.maxBatchRows(), 10000);
    QVERIFY(connector.deliveredBatchesSurvive());

    const DestinationSchema schema = connector.schema(endpoint());
    QVERIFY(!schema.acceptsOtherFields);
    QCOMPARE(schema.minIdentifiers, 1);
    QStringList names;
    QStringList identifiers;
    QStringList unhashed;
    for (const DestinationField &field : schema.fields) {
        names << field.name;
        if (field.identifier)
            identifiers << field.name;
        if (!field.hashed)
            unhashed << field.name;
        QVERIFY2(!field.label.isEmpty(), qPrintable(field.name));
        QVERIFY2(!field.synonyms.isEmpty(), qPrintable(field.name));
        QVERIFY(!field.required); // any one identifier will do
    }
    QCOMPARE(names, (QStringList{"EMAIL", "PHONE", "MADID", "EXTERN_ID", "FN", "LN", "FI", "GEN",
                                 "DOBY", "DOBM", "DOBD", "CT", "ST", "ZIP", "COUNTRY"}));
    QCOMPARE(identifiers, (QStringList{"EMAIL", "PHONE", "MADID", "EXTERN_ID"}));
    QCOMPARE(unhashed, (QStringList{"MADID", "EXTERN_ID"}));
    QCOMPARE(schema.field("EMAIL")->shape, ValueShape::Email);
    QCOMPARE(schema.field("PHONE")->shape, ValueShape::Phone);
    QCOMPARE(schema.field("MADID")->shape, ValueShape::DeviceId);
    QCOMPARE(schema.field("COUNTRY")->shape, ValueShape::CountryCode);
    QVERIFY(schema.field("EMAIL")->synonyms.contains("e-mail"));
    QVERIFY(schema.field("PHONE")->synonyms.contains("mobile"));
    QVERIFY(schema.field("EMAIL_SHA256") == nullptr); // the single-key alias is not a field
    QVERIFY(MetaSchema::isHashed("ZIP"));
    QVERIFY(!MetaSchema::isHashed("MADID"));
    QVERIFY(!MetaSchema::isField("email"));
}

void TestMetaDestination::createsAudienceAndAdds()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Spring buyers", {}, {}}, Add,
                               {people(0, 100), people(100, 100), people(200, 50)});
    QVERIFY(!id.isEmpty());

    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("name").toString(), "Spring buyers");
    QCOMPARE(audience.value("account_id").toString(), "1234");
    QCOMPARE(audience.value("subtype").toString(), "CUSTOM");
    QCOMPARE(audience.value("customer_file_source").toString(), "USER_PROVIDED_ONLY");
    QCOMPARE(audience.value("members").toInteger(), 250);
    QCOMPARE(audience.value("requests").toObject().value("add").toInteger(), 3);
    QCOMPARE(audience.value("userSessions").toInteger(), 1); // one session for the run
    QCOMPARE(memberHashes(id), hashes(0, 250));

    // The token travelled in the bodies only: never in a URL, so never in a log.
    QCOMPARE(inspect("/sandbox/meta/audiences").value("tokensInQuery").toInteger(), 0);

    QVERIFY(ctx->logLines.join('\n').contains("Created the custom audience “Spring buyers”"));
    QVERIFY(ctx->logLines.join('\n').contains("250 row(s) to add"));
    // The held-back batch file is gone once the session is closed.
    QVERIFY(QDir(ctx->workDirectory()).entryList({"meta-batch-*"}, QDir::Files).isEmpty());
    QVERIFY(ctx->checkpoints.value("destination").value("closed").toBool());
}

void TestMetaDestination::addsToExistingAudience()
{
    auto first = context();
    auto created = open(*first, {"Existing", {}, {}}, Add);
    QVERIFY(created);
    const QString id = created->audienceId();
    QCOMPARE(created->resolvedOptions().value("customAudienceId").toString(), id);
    QVERIFY(send(*created, people(0, 60), 1));
    QVERIFY(commit(*created));

    auto second = context();
    QCOMPARE(deliver(*second, {"Existing", {{"customAudienceId", id}}, {}}, Add, {people(40, 60)}),
             id);
    QCOMPARE(inspect("/sandbox/meta/audiences").value("audiences").toArray().size(), 1);
    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("members").toInteger(), 100);
    QCOMPARE(audience.value("duplicateRows").toInteger(), 20); // 40..59 were members already
    QCOMPARE(memberHashes(id), hashes(0, 100));
}

void TestMetaDestination::removesMembers()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Remove from me", {}, {}}, Add, {people(0, 100)});
    QVERIFY(!id.isEmpty());
    auto removeCtx = context();
    auto delivery = open(*removeCtx, {"Remove from me", {{"customAudienceId", id}}, {}}, Remove);
    QVERIFY(delivery);
    QVERIFY(delivery->resolvedOptions().isEmpty()); // the share already names the audience
    QVERIFY(send(*delivery, people(0, 25), 1));
    QVERIFY(send(*delivery, people(25, 15), 2));
    QVERIFY(commit(*delivery));
    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("requests").toObject().value("remove").toInteger(), 2);
    QCOMPARE(audience.value("rowsRemoved").toInteger(), 40);
    QCOMPARE(memberHashes(id), hashes(40, 60));
}

void TestMetaDestination::replaceLeavesExactlyTheNewMembers()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Replace me", {}, {}}, Add, {people(0, 300)});
    QVERIFY(!id.isEmpty());

    auto replaceCtx = context();
    DeliveryTarget target{"Replace me", {{"customAudienceId", id}}, {}};
    target.audience.size = 150;
    auto delivery = open(*replaceCtx, target, Replace);
    QVERIFY(delivery);
    QVERIFY(send(*delivery, people(1000, 50), 1));
    QVERIFY(send(*delivery, people(1050, 50), 2));
    QVERIFY(send(*delivery, people(250, 50), 3)); // some of the old members stay
    // Staged, not applied: the audience keeps its old members until the last batch.
    QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("members").toInteger(), 300);
    const QJsonArray sessions = audience.value("openSessions").toArray();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().toObject().value("session_id").toInteger(), delivery->sessionId());
    QCOMPARE(sessions.first().toObject().value("batches").toArray(), (QJsonArray{1, 2}));
    QCOMPARE(sessions.first().toObject().value("estimated_num_total").toInteger(), 150);

    QVERIFY(commit(*delivery));
    audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("sessionsApplied").toInteger(), 1);
    QCOMPARE(audience.value("requests").toObject().value("replace").toInteger(), 3);
    QVERIFY(audience.value("openSessions").toArray().isEmpty());
    QCOMPARE(memberHashes(id), hashes(1000, 100) + hashes(250, 50));
    QVERIFY(replaceCtx->logLines.join('\n').contains("150 row(s) to replace the members"));
}

void TestMetaDestination::emptyReplaceChangesNothing()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Keep me", {}, {}}, Add, {people(0, 10)});
    auto replaceCtx = context();
    auto delivery = open(*replaceCtx, {"Keep me", {{"customAudienceId", id}}, {}}, Replace);
    QVERIFY(delivery);
    QString error;
    QVERIFY(!commit(*delivery, &error));
    QVERIFY2(error.contains("Remove action"), qPrintable(error));
    QCOMPARE(memberHashes(id), hashes(0, 10));
}

void TestMetaDestination::batchesOf25000RowsStayWithinTheLimit()
{
    // As the engine cuts 25,000 rows for this destination: maxBatchRows() at a time.
    MetaDestinationConnector connector;
    const int rows = connector.maxBatchRows();
    QList<RowBatch> batches;
    for (int from = 0; from < 25000; from += rows)
        batches << people(from, std::min(rows, 25000 - from));
    QCOMPARE(batches.size(), 3);
    auto ctx = context();
    const QString id = deliver(*ctx, {"Large", {}, {}}, Add, batches);
    QVERIFY(!id.isEmpty());
    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("members").toInteger(), 25000);
    QCOMPARE(audience.value("largestRequest").toInteger(), 10000);
    QCOMPARE(audience.value("requests").toObject().value("add").toInteger(), 3);
    QCOMPARE(audience.value("requests").toObject().value("refused").toInteger(), 0);

    // A bigger batch is refused before it leaves.
    auto bigCtx = context();
    auto delivery = open(*bigCtx, {"Large", {{"customAudienceId", id}}, {}}, Add);
    QVERIFY(delivery);
    QString error;
    QVERIFY(!send(*delivery, people(0, 10001), 1, &error));
    QVERIFY2(error.contains("10000") || error.contains("10,000"), qPrintable(error));
}

void TestMetaDestination::sandboxRefusesMoreThan10000Rows()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Limit", {}, {}}, Add, {people(0, 1)});
    QByteArray data;
    for (int i = 0; i < 10001; ++i)
        data += (i ? ",[\"" : "[\"") + emailHash(i) + "\"]";
    const QByteArray body = "{\"access_token\":\"" + m_sandbox->options().meta.accessToken +
                            "\",\"payload\":{\"schema\":[\"EMAIL\"],\"data\":[" + data + "]}}";
    int status = 0;
    const QJsonObject answer = post("/meta/v21.0/" + id + "/users", body, &status);
    QCOMPARE(status, 400);
    const QJsonObject error = answer.value("error").toObject();
    QCOMPARE(error.value("code").toInt(), 100);
    QVERIFY2(error.value("message").toString().contains("10000"),
             qPrintable(error.value("message").toString()));
    QVERIFY(!error.value("fbtrace_id").toString().isEmpty());
    QCOMPARE(inspect("/sandbox/meta/audiences/" + id).value("members").toInteger(), 1);

    // An unknown schema field is refused as a whole, too.
    const QByteArray unknown = "{\"access_token\":\"" + m_sandbox->options().meta.accessToken +
                               "\",\"payload\":{\"schema\":[\"EMAIL\",\"SHOE_SIZE\"],"
                               "\"data\":[[\"" +
                               emailHash(5) + "\",\"44\"]]}}";
    const QJsonObject refused = post("/meta/v21.0/" + id + "/users", unknown, &status);
    QCOMPARE(status, 400);
    QCOMPARE(refused.value("error").toObject().value("code").toInt(), 100);
    QVERIFY(refused.value("error").toObject().value("message").toString().contains("SHOE_SIZE"));
}

void TestMetaDestination::unhashedEmailsAreInvalidEntries()
{
    RowBatch batch(2);
    batch.appendRow(std::array<QByteArray, 2>{emailHash(1), ""}, 1);
    batch.appendRow(std::array<QByteArray, 2>{"jane.doe@example.com", ""}, 2); // not hashed
    batch.appendRow(std::array<QByteArray, 2>{emailHash(3), sha256("12125650000")}, 3);
    batch.appendRow(std::array<QByteArray, 2>{emailHash(4).toUpper(), ""}, 4); // not lower case
    batch.appendRow(std::array<QByteArray, 2>{emailHash(5), ""}, 5);
    auto ctx = context();
    const QString id = deliver(*ctx, {"Mixed", {}, {}}, Add, {batch});
    QVERIFY(!id.isEmpty());

    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("invalidEntries").toInteger(), 2);
    QCOMPARE(audience.value("members").toInteger(), 3);
    const QString log = ctx->logLines.join('\n');
    QVERIFY2(log.contains("Meta could not use 2 of the 5 row(s) of batch 1"), qPrintable(log));
    QVERIFY2(log.contains("EMAIL is not a SHA-256 hash"), qPrintable(log));
    QVERIFY2(log.contains("“email, sha256”"), qPrintable(log));
    QVERIFY2(log.contains("2 of them could not be used"), qPrintable(log));
    QVERIFY(!log.contains("jane.doe@example.com")); // the samples are personal data
}

void TestMetaDestination::expiredTokenAsksToReconnect()
{
    auto ctx = context();
    ctx->secrets.insert("accessToken", m_sandbox->options().meta.expiredToken);
    MetaDestinationConnector connector;
    auto delivery = connector.createDelivery(*ctx, {"Expired", {}, {}});
    Step opened;
    delivery->open(Columns, Add, false, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(!opened.ok);
    QVERIFY2(opened.error.contains("Reconnect the endpoint"), qPrintable(opened.error));
    QVERIFY2(opened.error.contains("Session has expired"), qPrintable(opened.error));
    QVERIFY(!opened.error.contains(QString::fromLatin1(m_sandbox->options().meta.expiredToken)));
    QCOMPARE(ctx->reloads, 1); // the keychain was read again once, in case of a reconnect
    QVERIFY(inspect("/sandbox/meta/audiences").value("audiences").toArray().isEmpty());
}

void TestMetaDestination::reconnectedTokenIsUsed()
{
    auto ctx = context();
    ctx->secrets.insert("accessToken", m_sandbox->options().meta.expiredToken);
    ctx->reloadedSecrets.insert("accessToken", m_sandbox->options().meta.accessToken);
    QVERIFY(!deliver(*ctx, {"Reconnected", {}, {}}, Add, {people(0, 5)}).isEmpty());
    QCOMPARE(ctx->reloads, 1);
}

void TestMetaDestination::rateLimitIsRetriedThenSucceeds()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Throttled", {}, {}}, Add, {people(0, 10)});
    // The next two users requests hit Meta's user request limit.
    int status = 0;
    post("/sandbox/meta/errors",
         R"({"edge":"users","code":17,"subcode":2446079,"times":2,
             "message":"(#17) User request limit reached"})",
         &status);
    QCOMPARE(status, 200);

    auto runCtx = context();
    QCOMPARE(deliver(*runCtx, {"Throttled", {{"customAudienceId", id}}, {}}, Add,
                     {people(10, 10), people(20, 10)}),
             id);
    QCOMPARE(memberHashes(id), hashes(0, 30));
    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("requests").toObject().value("refused").toInteger(), 2);
    const QStringList warnings = runCtx->logLines.filter("Meta is limiting the requests");
    QCOMPARE(warnings.size(), 2);
    QVERIFY2(warnings.first().contains("17/2446079"), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains("attempt 2 of 3"), qPrintable(warnings.first()));
}

void TestMetaDestination::rateLimitGivesUpAfterThePolicy()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Throttled hard", {}, {}}, Add, {people(0, 10)});
    post("/sandbox/meta/errors",
         R"({"edge":"users","code":613,"subcode":1487742,"times":5,
             "message":"(#613) Calls to this api have exceeded the rate limit."})");
    auto runCtx = context();
    auto delivery = open(*runCtx, {"Throttled hard", {{"customAudienceId", id}}, {}}, Add);
    QVERIFY(delivery);
    QVERIFY(send(*delivery, people(10, 10), 1)); // held back: nothing sent yet
    QString error;
    QVERIFY(!commit(*delivery, &error));
    QVERIFY2(error.contains("613/1487742"), qPrintable(error));
    QVERIFY2(error.contains("after 3 attempt(s)"), qPrintable(error)); // the context's policy
    QVERIFY2(error.contains("run the share again later"), qPrintable(error));
    QCOMPARE(
        inspect("/sandbox/meta/errors").value("errors").toArray().first().toObject().value("times"),
        2);
}

void TestMetaDestination::serviceUnavailableIsRetried()
{
    // The sandbox's generic faults apply to /meta too: a 503 in front of Graph, then normal.
    sandbox::FaultRule rule;
    rule.pathPrefix = "/meta/";
    rule.method = "POST";
    rule.times = 2;
    rule.errorStatus = 503;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    const QString id = deliver(*ctx, {"Busy", {}, {}}, Add, {people(0, 10), people(10, 10)});
    QVERIFY(!id.isEmpty());
    QCOMPARE(memberHashes(id), hashes(0, 20));
    QCOMPARE(m_sandbox->faults().rules().first().fired, 2u);
}

void TestMetaDestination::errorMessagesNeverQuoteTheToken()
{
    const QByteArray token = m_sandbox->options().meta.accessToken;
    post("/sandbox/meta/errors", R"({"edge":"customaudiences","code":2500,"message":"(#2500) )" +
                                     token + R"( is not welcome here"})");
    auto ctx = context();
    MetaDestinationConnector connector;
    auto delivery = connector.createDelivery(*ctx, {"Quoted", {}, {}});
    Step opened;
    delivery->open(Columns, Add, false, opened.callback());
    QVERIFY(opened.wait());
    QVERIFY(!opened.ok);
    QVERIFY2(opened.error.contains("is not welcome here"), qPrintable(opened.error));
    QVERIFY2(opened.error.contains("error 2500"), qPrintable(opened.error));
    QVERIFY2(opened.error.contains("Sandbox0001"), qPrintable(opened.error)); // the trace id
    QVERIFY2(!opened.error.contains(QString::fromLatin1(token)), qPrintable(opened.error));
}

void TestMetaDestination::blockedAudienceSaysWhatToDo()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Flagged", {}, {}}, Add, {people(0, 10)});
    post("/sandbox/meta/errors",
         R"({"edge":"users","code":100,"subcode":1713230,"message":"Audience Upload Blocked"})");
    auto runCtx = context();
    auto delivery = open(*runCtx, {"Flagged", {{"customAudienceId", id}}, {}}, Add);
    QVERIFY(delivery);
    QVERIFY(send(*delivery, people(10, 10), 1));
    QString error;
    QVERIFY(!commit(*delivery, &error));
    QVERIFY2(error.contains("blocked uploads to the custom audience " + id), qPrintable(error));
    QVERIFY2(error.contains("clear the share's custom audience id"), qPrintable(error));
}

void TestMetaDestination::unknownAudienceSaysWhatToCheck()
{
    auto ctx = context();
    auto delivery = open(*ctx, {"Gone", {{"customAudienceId", "98765"}}, {}}, Remove);
    QVERIFY(delivery);
    QVERIFY(send(*delivery, people(0, 3), 1));
    QString error;
    QVERIFY(!commit(*delivery, &error));
    QVERIFY2(error.contains("98765 does not exist"), qPrintable(error));
    QVERIFY2(error.contains("ads_management"), qPrintable(error));
}

void TestMetaDestination::replaceSessionResumesAfterInterruption()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Resumed", {}, {}}, Add, {people(0, 200)});
    const DeliveryTarget target{"Resumed", {{"customAudienceId", id}}, {}};

    // The first run sends batches 1–3 of the replace (1 and 2 reach Meta, 3 is held), then
    // the app closes.
    auto runCtx = context();
    qint64 session = 0;
    {
        auto delivery = open(*runCtx, target, Replace);
        QVERIFY(delivery);
        for (int i = 0; i < 3; ++i)
            QVERIFY(send(*delivery, people(1000 + 40 * i, 40), i + 1));
        session = delivery->sessionId();
    }
    const QJsonObject checkpoint = runCtx->checkpoints.value("destination");
    QCOMPARE(checkpoint.value("session").toString(), QString::number(session));
    QCOMPARE(checkpoint.value("nextSeq").toInt(), 3);
    QCOMPARE(checkpoint.value("held").toObject().value("number").toInt(), 3);
    QCOMPARE(memberHashes(id), hashes(0, 200)); // nothing applied yet

    // The resumed run: same work folder and checkpoint; batches 1–3 count as delivered.
    auto resumedCtx = context(runCtx->workDirectory());
    resumedCtx->checkpoints = runCtx->checkpoints;
    auto delivery = open(*resumedCtx, target, Replace, true);
    QVERIFY(delivery);
    QCOMPARE(delivery->sessionId(), session);
    QVERIFY(send(*delivery, people(1120, 40), 4));
    QVERIFY(commit(*delivery));

    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("sessionsApplied").toInteger(), 1);
    QCOMPARE(audience.value("requests").toObject().value("replace").toInteger(), 4);
    QCOMPARE(memberHashes(id), hashes(1000, 160));
}

void TestMetaDestination::resentBatchSeqIsAppliedOnce()
{
    auto ctx = context();
    const QString id = deliver(*ctx, {"Resent", {}, {}}, Add, {people(0, 50)});
    const DeliveryTarget target{"Resent", {{"customAudienceId", id}}, {}};

    // Interrupted after Meta acknowledged batch 1 (sent while batch 2 was handed over) but
    // before the checkpoint said so: the resumed run sends batch 1 again under the same seq.
    auto runCtx = context();
    QJsonObject before;
    QByteArray heldFile;
    {
        auto delivery = open(*runCtx, target, Replace);
        QVERIFY(delivery);
        QVERIFY(send(*delivery, people(500, 30), 1));
        before = runCtx->checkpoints.value("destination");
        QFile file(QDir(runCtx->workDirectory()).filePath("meta-batch-1.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        heldFile = file.readAll();
        QVERIFY(send(*delivery, people(530, 30), 2));
    }
    QFile restored(QDir(runCtx->workDirectory()).filePath("meta-batch-1.json"));
    QVERIFY(restored.open(QIODevice::WriteOnly));
    restored.write(heldFile);
    restored.close();

    auto resumedCtx = context(runCtx->workDirectory());
    resumedCtx->checkpoints.insert("destination", before);
    auto delivery = open(*resumedCtx, target, Replace, true);
    QVERIFY(delivery);
    QVERIFY(send(*delivery, people(530, 30), 2)); // the engine had not recorded batch 2
    QVERIFY(commit(*delivery));

    const QJsonObject audience = inspect("/sandbox/meta/audiences/" + id);
    QCOMPARE(audience.value("requests").toObject().value("replace").toInteger(), 3); // 1, 1, 2
    QCOMPARE(audience.value("sessionsApplied").toInteger(), 1);
    QCOMPARE(memberHashes(id), hashes(500, 60));
}

QTEST_GUILESS_MAIN(TestMetaDestination)
#include "tst_metadestination.moc"
