#pragma once

#include "engine/Backoff.h"
#include "model/Endpoint.h"
#include "model/Run.h"

#include <atomic>
#include <functional>
#include <QByteArray>
#include <QJsonObject>
#include <QString>

class QNetworkAccessManager;

namespace courier {

// What a connector may use while it works for one run (or one audience listing). The RunJob
// implements it; every call happens on the run's own thread, the thread the connector lives on.
class ConnectorContext
{
public:
    virtual ~ConnectorContext() = default;

    // This thread's network access; connectors create their HttpJobs on it.
    virtual QNetworkAccessManager &network() = 0;

    // The endpoint the connector talks to, as stored (never with secrets in it).
    virtual const Endpoint &endpoint() const = 0;

    // A secret of this endpoint ("key", "token", "clientSecret", ...), as read from the OS
    // keychain when the run started. Empty when none is stored. Never log it.
    virtual QByteArray secret(const QString &name) const = 0;

    // Reads the endpoint's secrets from the keychain again (after a 401, the user may have
    // reconnected the endpoint meanwhile); done(true) when something changed.
    virtual void reloadSecrets(std::function<void(bool changed)> done) = 0;

    // A folder only this run uses, kept until the run ends for good (so a resumed run finds
    // its downloads); spool files go here.
    virtual QString workDirectory() const = 0;

    // The run log (SQLite, shown in Activity). Messages are user-visible: translate them,
    // and never put a secret in them (they are redacted anyway).
    virtual void log(RunEvent::Level level, const QString &message) = 0;

    // The phase a source is in: Requesting, Waiting or Downloading.
    virtual void enterPhase(RunState phase) = 0;
    virtual void reportDownload(qint64 bytesReceived, qint64 bytesTotal) = 0;
    // While waiting: how far the source says it is with the export (0–100), if it says.
    virtual void reportWaiting(int percentComplete) = 0;

    // The connector's own resume data ("source" or "destination" part), persisted in the
    // run's checkpoint at once, and handed back when an interrupted run resumes.
    virtual QJsonObject checkpoint(const QString &part) const = 0;
    virtual void saveCheckpoint(const QString &part, const QJsonObject &data) = 0;

    // Retry/back-off for HTTP calls, and the polling cadence (tests make them fast).
    virtual BackoffPolicy retryPolicy() const = 0;
    virtual BackoffPolicy pollPolicy() const = 0;
};

// Completion of an asynchronous connector step. error is user-visible (translated).
using StepDone = std::function<void(bool ok, const QString &error)>;

} // namespace courier
