#pragma once

#include "sandbox/protocols/meta/MetaPayload.h"
#include "sandbox/SandboxContext.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>

namespace courier::sandbox {

// The people in a custom audience. A member is one row (its non-empty cells); rows that share
// an identifier value (EMAIL, PHONE, MADID or EXTERN_ID) are the same person, as Meta matches
// them: adding such a row again changes nothing, removing any of its identifiers removes them.
class MetaMemberSet
{
public:
    bool add(const MetaRow &row);    // false: already a member
    bool remove(const MetaRow &row); // false: not a member
    qint64 size() const { return m_members.size(); }
    // Every member as {"FIELD": value, …}, in a stable order.
    QJsonArray toJson() const;

private:
    static QByteArray canonical(const MetaRow &row);
    static QByteArrayList identifiers(const MetaRow &row); // "EMAIL=…" keys
    void erase(const QByteArray &key);

    QHash<QByteArray, MetaRow> m_members;       // canonical → row
    QHash<QByteArray, QByteArray> m_identities; // "FIELD=value" → canonical
};

// What the Meta emulation keeps: custom audiences with their members, replace sessions being
// staged, the counters a test checks a delivery with, and Graph errors queued to be answered.
// Pure bookkeeping; the HTTP side is MetaRoutes.cpp.
class MetaState : public ProtocolState
{
public:
    // A usersreplace session: batches by batch_seq (a batch sent again replaces its earlier
    // copy), applied all at once when the one with last_batch_flag arrives.
    struct ReplaceSession
    {
        QMap<int, QList<MetaRow>> batches;
        qint64 rows = 0;
        qint64 estimatedTotal = 0;
        QDateTime startedAt;
    };

    struct Audience
    {
        QString id;
        QString account; // "act_…"
        QString name;
        QString description;
        QString subtype;
        QString customerFileSource;
        QDateTime createdAt;
        MetaMemberSet members;

        qint64 addRequests = 0;
        qint64 removeRequests = 0;
        qint64 replaceRequests = 0;
        qint64 refusedRequests = 0; // answered with an error (validation, session, injected)
        qint64 rowsReceived = 0;
        qint64 invalidEntries = 0;
        qint64 largestRequest = 0; // rows in the biggest request received
        qint64 duplicateRows = 0;  // added rows that were members already
        qint64 rowsRemoved = 0;
        qint64 sessionsApplied = 0;
        QHash<qint64, ReplaceSession> openSessions;
        QHash<qint64, QJsonObject> finishedSessions; // session_id → its last batch's answer
        QHash<qint64, int> finishedLastSeq;          // session_id → its last batch_seq
        QSet<qint64> userSessions;                   // session ids seen on add/remove requests
    };

    // A Graph error to answer instead of running the route, `times` times.
    struct InjectedError
    {
        QString edge;      // "customaudiences", "users", "usersreplace"; empty: any
        QByteArray method; // "POST", "DELETE"; empty: any
        int httpStatus = 400;
        int code = 0;
        int subcode = 0;
        QString type = QStringLiteral("OAuthException");
        QString message;
        bool transient = false;
        int times = 1;

        QJsonObject toJson() const;
        static std::optional<InjectedError> fromJson(const QJsonObject &json, QString *error);
    };

    Audience &create(const QString &account, const QString &name);
    Audience *find(const QString &id);
    QList<const Audience *> audiences() const; // in creation order

    void inject(InjectedError error) { m_errors.append(std::move(error)); }
    QJsonArray injectedJson() const;
    // The first queued error for this edge and method, used up by one.
    std::optional<InjectedError> takeError(const QString &edge, const QByteArray &method);

    // A Graph trace id for an error answer.
    QString nextTraceId();

    qint64 tokensInQuery = 0; // requests that carried access_token in the URL
    qint64 requests = 0;      // Graph requests received (control routes not counted)

    static QJsonObject audienceJson(const Audience &audience); // the Graph fields
    static QJsonObject countersJson(const Audience &audience); // /sandbox/meta/audiences

    void reset() override;

private:
    QHash<QString, Audience> m_audiences;
    QStringList m_order;
    QList<InjectedError> m_errors;
    quint64 m_created = 0;
    quint64 m_traces = 0;
};

} // namespace courier::sandbox
