// SecretStore against the real system keychain (the Secret Service on Linux). scripts/test.sh
// runs CTest inside dbus-run-session with a throwaway, unlocked gnome-keyring, so these tests
// never touch a developer's own keyring; they also use their own service name.
#include "secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

using courier::SecretStore;

namespace {

const QString kService =
    QStringLiteral("audience-courier-test-%1").arg(QCoreApplication::applicationPid());

// Set in the child process of keychainUnavailable(), which runs with a dead session bus.
constexpr auto kChildEnv = "COURIER_SECRETSTORE_NO_KEYCHAIN";

struct Result
{
    bool answered = false;
    bool ok = false;
    QString error;
};

Result waitFor(Result &result)
{
    if (!QTest::qWaitFor([&] { return result.answered; }, 30000))
        return {false, false, "no answer within 30 s"};
    return result;
}

Result writeAndWait(SecretStore &store, qint64 id, const QString &name, const QByteArray &secret)
{
    Result result;
    store.write(id, name, secret, [&](bool ok, const QString &error) {
        result = {true, ok, error};
    });
    // Asynchronous: nothing may be answered inside the call.
    if (result.answered)
        return {true, false, "answered synchronously"};
    return waitFor(result);
}

Result removeAndWait(SecretStore &store, qint64 id, const QStringList &names)
{
    Result result;
    auto done = [&](bool ok, const QString &error) { result = {true, ok, error}; };
    if (names.size() == 1)
        store.remove(id, names.first(), done);
    else
        store.removeAllFor(id, names, done);
    return waitFor(result);
}

QMutex logMutex;
QStringList capturedLog;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&logMutex);
    capturedLog.append(QString::fromUtf8(context.category ? context.category : "") + u": " +
                       message);
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadBinarySafe();
    void overwrite();
    void readMissing();
    void removeThenMissing();
    void endpointsDoNotCollide();
    void removeAllFor();
    void readBlocking();
    void secretsNeverLogged();
    void keychainUnavailable();
    void cleanupTestCase();

private:
    SecretStore m_store{kService};
    bool m_reachable = false; // set once initTestCase() reached the keychain
};

void TestSecretStore::initTestCase()
{
    if (qEnvironmentVariableIsSet(kChildEnv))
        return;
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is empty), so no Secret Service: "
              "run the tests with scripts/test.sh, which starts a session bus and a throwaway "
              "gnome-keyring.");
    // One round trip, so an unreachable keychain fails here with the store's own message.
    const Result probe = writeAndWait(m_store, 1, "probe", "probe");
    QVERIFY2(probe.ok, qPrintable("The keychain is not reachable: " + probe.error));
    m_reachable = true;
}

void TestSecretStore::writeReadBinarySafe()
{
    const QByteArray secret("a\0b\xff\xfe\n\r\tkey \xc3\xa5\xc3\xa4\xc3\xb6 \xe2\x82\xac", 21);
    QCOMPARE(secret.size(), 21);
    const Result written = writeAndWait(m_store, 7, "bearer-key", secret);
    QVERIFY2(written.ok, qPrintable(written.error));

    QString error;
    const auto read = m_store.readBlocking(7, "bearer-key", &error);
    QVERIFY2(read.has_value(), qPrintable(error));
    QCOMPARE(*read, secret);
}

void TestSecretStore::overwrite()
{
    QVERIFY(writeAndWait(m_store, 7, "refresh-token", "first").ok);
    QVERIFY(writeAndWait(m_store, 7, "refresh-token", "second, longer").ok);
    QCOMPARE(m_store.readBlocking(7, "refresh-token").value_or("<none>"),
             QByteArray("second, longer"));
}

void TestSecretStore::readMissing()
{
    std::optional<QByteArray> secret{"sentinel"};
    QString error = "sentinel";
    bool answered = false;
    m_store.read(424242, "never-written", [&](std::optional<QByteArray> s, const QString &e) {
        secret = std::move(s);
        error = e;
        answered = true;
    });
    QVERIFY(!answered);
    QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
    QVERIFY(!secret.has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSecretStore::removeThenMissing()
{
    QVERIFY(writeAndWait(m_store, 8, "bearer-key", "to be removed").ok);
    const Result removed = removeAndWait(m_store, 8, {"bearer-key"});
    QVERIFY2(removed.ok, qPrintable(removed.error));
    QString error = "sentinel";
    QVERIFY(!m_store.readBlocking(8, "bearer-key", &error).has_value());
    QVERIFY(error.isEmpty());
    // Removing again is not an error: the secret is gone either way.
    QVERIFY(removeAndWait(m_store, 8, {"bearer-key"}).ok);
}

void TestSecretStore::endpointsDoNotCollide()
{
    QCOMPARE(SecretStore::keyFor(7, "bearer-key"), QString("endpoint/7/bearer-key"));
    QCOMPARE(SecretStore::defaultService(), QString("audience-courier"));
    QVERIFY(writeAndWait(m_store, 10, "bearer-key", "ten").ok);
    QVERIFY(writeAndWait(m_store, 11, "bearer-key", "eleven").ok);
    QCOMPARE(m_store.readBlocking(10, "bearer-key").value_or("<none>"), QByteArray("ten"));
    QCOMPARE(m_store.readBlocking(11, "bearer-key").value_or("<none>"), QByteArray("eleven"));
    QVERIFY(removeAndWait(m_store, 10, {"bearer-key"}).ok);
    QCOMPARE(m_store.readBlocking(11, "bearer-key").value_or("<none>"), QByteArray("eleven"));
    // Another service name is another namespace too.
    SecretStore other(kService + "-other");
    QVERIFY(!other.readBlocking(11, "bearer-key").has_value());
}

void TestSecretStore::removeAllFor()
{
    QVERIFY(writeAndWait(m_store, 20, "bearer-key", "a").ok);
    QVERIFY(writeAndWait(m_store, 20, "refresh-token", "b").ok);
    QVERIFY(writeAndWait(m_store, 21, "bearer-key", "c").ok);
    const Result removed = removeAndWait(m_store, 20, {"bearer-key", "refresh-token", "absent"});
    QVERIFY2(removed.ok, qPrintable(removed.error));
    QVERIFY(!m_store.readBlocking(20, "bearer-key").has_value());
    QVERIFY(!m_store.readBlocking(20, "refresh-token").has_value());
    QCOMPARE(m_store.readBlocking(21, "bearer-key").value_or("<none>"), QByteArray("c"));

    // An empty list answers too, later.
    Result empty;
    m_store.removeAllFor(20, {}, [&](bool ok, const QString &e) { empty = {true, ok, e}; });
    QVERIFY(!empty.answered);
    QTRY_VERIFY(empty.answered);
    QVERIFY(empty.ok);
}

void TestSecretStore::readBlocking()
{
    QVERIFY(writeAndWait(m_store, 30, "bearer-key", "blocking").ok);
    QString error = "sentinel";
    QCOMPARE(m_store.readBlocking(30, "bearer-key", &error).value_or("<none>"),
             QByteArray("blocking"));
    QVERIFY(error.isEmpty());
    error = "sentinel";
    QVERIFY(!m_store.readBlocking(30, "missing", &error).has_value());
    QVERIFY(error.isEmpty());
}

void TestSecretStore::secretsNeverLogged()
{
    const QByteArray secret = "tok_S3cr3t-Never-Logged-9f8e7d";
    capturedLog.clear();
    QLoggingCategory::setFilterRules("courier.*.debug=true");
    const auto previous = qInstallMessageHandler(captureMessage);
    const Result written = writeAndWait(m_store, 40, "bearer-key", secret);
    const auto read = m_store.readBlocking(40, "bearer-key");
    const Result removed = removeAndWait(m_store, 40, {"bearer-key"});
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(written.ok && removed.ok);
    QCOMPARE(read.value_or("<none>"), secret);
    const QString all = capturedLog.join(u'\n');
    // The log did record the work, by key name...
    QVERIFY2(all.contains("courier.secrets") && all.contains("endpoint/40/bearer-key"),
             qPrintable(all));
    // ...but never the secret, raw or encoded.
    for (const QByteArray &form : {secret, secret.toBase64(), secret.toHex()})
        QVERIFY2(!all.contains(QString::fromLatin1(form)), qPrintable(all));
}

// With no reachable session bus the store retries, then fails with the clear, translated
// message. libsecret keeps its bus connection for the process, so this runs in a child process
// of this test binary with a dead bus address.
void TestSecretStore::keychainUnavailable()
{
    if (qEnvironmentVariableIsSet(kChildEnv)) {
        SecretStore store(kService);
        store.setRetryPolicy(3, std::chrono::milliseconds(100));
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY(!store.readBlocking(1, "bearer-key", &error).has_value());
        QVERIFY2(error.startsWith("The system keychain is not available: "), qPrintable(error));
        QVERIFY2(error.endsWith("Audience Courier keeps secrets only in the keychain."),
                 qPrintable(error));
        QVERIFY(timer.elapsed() >= 200); // two pauses between three tries
        Result write;
        store.write(1, "bearer-key", "x", [&](bool ok, const QString &e) {
            write = {true, ok, e};
        });
        QTRY_VERIFY(write.answered);
        QVERIFY(!write.ok && write.error.contains("keychain is not available"));
        return;
    }
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/courier-no-bus");
    env.remove("DISPLAY"); // no D-Bus autolaunch either
    env.insert(kChildEnv, "1");
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {"keychainUnavailable"});
    QVERIFY(child.waitForFinished(60000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             output.constData());
}

void TestSecretStore::cleanupTestCase()
{
    if (!m_reachable)
        return;
    // Leave nothing behind, even when run against a real desktop keyring.
    const QList<std::pair<qint64, QString>> keys = {
        {1, "probe"},       {7, "bearer-key"},  {7, "refresh-token"}, {8, "bearer-key"},
        {10, "bearer-key"}, {11, "bearer-key"}, {20, "bearer-key"},   {20, "refresh-token"},
        {21, "bearer-key"}, {30, "bearer-key"}, {40, "bearer-key"}};
    for (const auto &[id, name] : keys)
        removeAndWait(m_store, id, {name});
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
