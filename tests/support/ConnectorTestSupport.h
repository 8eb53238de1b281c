#pragma once

// What the connector tests share: a ConnectorContext in memory (what a RunJob gives a
// connector, with fast retry and poll policies) and a way to wait for one asynchronous step.
#include "connectors/ConnectorContext.h"
#include "model/Endpoint.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

namespace courier::testing {

using namespace std::chrono_literals;

constexpr int StepTimeoutMs = 10000;

// What a RunJob gives a connector, in memory and fast.
class TestContext final : public ConnectorContext
{
public:
    explicit TestContext(Endpoint endpoint, QString workDirectory = {})
        : m_endpoint(std::move(endpoint))
    {
        m_workDirectory = workDirectory.isEmpty() ? m_dir.path() : workDirectory;
    }

    QNetworkAccessManager &network() override { return m_nam; }
    const Endpoint &endpoint() const override { return m_endpoint; }
    QByteArray secret(const QString &name) const override { return secrets.value(name); }
    void reloadSecrets(std::function<void(bool)> done) override
    {
        ++reloads;
        const bool changed = !reloadedSecrets.isEmpty();
        if (changed)
            secrets = reloadedSecrets;
        done(changed);
    }
    QString workDirectory() const override { return m_workDirectory; }
    void log(RunEvent::Level, const QString &message) override { logLines << message; }
    void enterPhase(RunState phase) override { phases << phase; }
    void reportDownload(qint64 received, qint64) override { downloaded = received; }
    void reportWaiting(int percent) override { waiting.append(percent); }
    QJsonObject checkpoint(const QString &part) const override { return checkpoints.value(part); }
    void saveCheckpoint(const QString &part, const QJsonObject &data) override
    {
        checkpoints.insert(part, data);
    }
    BackoffPolicy retryPolicy() const override
    {
        BackoffPolicy policy;
        policy.initial = 10ms;
        policy.cap = 50ms;
        policy.maxAttempts = 3;
        return policy;
    }
    BackoffPolicy pollPolicy() const override
    {
        BackoffPolicy policy;
        policy.initial = 20ms;
        policy.factor = 1.5;
        policy.cap = 100ms;
        return policy;
    }

    QHash<QString, QByteArray> secrets;
    QHash<QString, QByteArray> reloadedSecrets; // what reloadSecrets() finds, if anything
    QHash<QString, QJsonObject> checkpoints;
    QStringList logLines;
    QList<RunState> phases;
    qint64 downloaded = 0;
    QList<int> waiting; // percentComplete reports while the export was being prepared
    int reloads = 0;

private:
    QNetworkAccessManager m_nam;
    Endpoint m_endpoint;
    QTemporaryDir m_dir;
    QString m_workDirectory;
};

struct Step
{
    bool finished = false;
    bool ok = false;
    QString error;
    int calls = 0;

    StepDone callback()
    {
        return [this](bool success, const QString &message) {
            ++calls;
            finished = true;
            ok = success;
            error = message;
        };
    }
    bool wait()
    {
        return QTest::qWaitFor([this] { return finished; }, StepTimeoutMs);
    }
};

} // namespace courier::testing
