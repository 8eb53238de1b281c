#pragma once

#include "connectors/ConnectorRegistry.h"
#include "model/Endpoint.h"

#include <memory>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace courier {

class AudienceRefresh;
class Database;
class SecretStore;

namespace sandbox {
class SandboxServer;
} // namespace sandbox

namespace ui {

// The embedded demo: a first start shows a real share run without any account. It starts the
// sandbox server on a free loopback port (for as long as this object lives), registers the
// demo endpoints on it — "Sandbox exchange (demo)", a source, "Sandbox consumer (demo)", a
// destination, and the sources "Google Analytics 4 (demo)", "APSIS One (demo)" and "The Fount
// (demo)" — keeps their
// keys in the keychain like any other endpoint's, refreshes the sources' audiences, and the
// first time creates the share "Newsletter subscribers → demo list". Profiles that have their own
// endpoints and no demo ones are left alone.
//
// Demo endpoints carry {"demo": true} in their settings. Each start updates their contact URL
// to the new port; the sandbox keeps nothing between starts, so lists a demo share created on
// the consumer last time are forgotten too (the share creates a new one at its next run).
class DemoSandbox : public QObject
{
    Q_OBJECT

public:
    // The command-line flag that turns the demo off.
    static QString disableOptionName() { return QStringLiteral("no-demo"); }
    static bool isDemoEndpoint(const Endpoint &endpoint);

    // database and secrets must outlive this object.
    DemoSandbox(const Database &database, SecretStore &secrets, ConnectorRegistry registry,
                QObject *parent = nullptr);
    ~DemoSandbox() override;

    // Starts the sandbox and registers the demo endpoints when the profile has no endpoints
    // yet or has demo ones; the rest (keychain, audience refresh, demo share) follows
    // asynchronously and ends with ready(). False when the profile is not a demo one (*error
    // empty) or the demo could not start (*error says why); ready() does not follow then.
    //
    // The endpoint writes are synchronous: main() calls this before the window shows, and they
    // are two small rows (like RunRepository::markInterrupted() there). The demo share is
    // created later, off the UI thread.
    bool start(QString *error = nullptr);

    bool isRunning() const;
    sandbox::SandboxServer *server() const { return m_server.get(); }
    qint64 sourceEndpointId() const { return m_source.id; }
    qint64 destinationEndpointId() const { return m_destinationId; }
    // The demo share, once created by this start (0 before, or when it existed already).
    qint64 createdShareId() const { return m_createdShareId; }

signals:
    // The demo is usable: its keys are in the keychain, its audiences are in the cache and, the
    // first time, its share exists. error (translated) says what failed when !ok.
    void ready(bool ok, const QString &error);

private:
    // A demo endpoint as this start registers it, with the secrets it keeps in the keychain.
    struct DemoEndpoint
    {
        Endpoint endpoint;
        QHash<QString, QByteArray> secrets;
    };
    QList<DemoEndpoint> demoEndpoints() const;
    bool registerEndpoints(const QList<Endpoint> &existing, QString *error);
    void storeKeys();
    void refreshAudiences();
    void onRefreshed(qint64 endpointId, bool ok, int count, const QString &error);
    void createShareIfNew();
    void finish(bool ok, const QString &error);

    const Database &m_database;
    SecretStore &m_secrets;
    ConnectorRegistry m_registry;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<AudienceRefresh> m_refresh;
    QList<DemoEndpoint> m_endpoints; // as registered by this start
    QSet<qint64> m_refreshing;       // demo sources whose audiences are being refreshed
    Endpoint m_source;               // the demo exchange, as registered
    qint64 m_destinationId = 0;
    qint64 m_createdShareId = 0;
    bool m_shareCreatedBefore = false;
};

} // namespace ui
} // namespace courier
