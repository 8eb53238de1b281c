#pragma once

#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"
#include "model/Audience.h"

#include <functional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QUrlQuery>

namespace courier {

class Poller;

// One answer from the exchange, as ExchangeApi::send() hands it over.
struct ExchangeReply
{
    bool ok = false; // 2xx, or a status the request accepted
    int status = 0;  // 0 when no answer arrived
    QByteArray body; // the answer (in memory unless the request spooled it to a file)
    QString error;   // !ok: user-visible, translated
};

// The exchange protocol's client side (docs/exchange-protocol.md): URLs under the endpoint's
// contact URL, requests with the bearer key (secret "key", read at each attempt, re-read from
// the keychain once on a 401), and error answers turned into messages people can act on.
class ExchangeApi
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeApi)

public:
    explicit ExchangeApi(ConnectorContext &context)
        : m_context(context)
    {}

    ConnectorContext &context() const { return m_context; }

    // {contact URL}/{path}; path is relative ("v1/segments"), its ids already encoded by id().
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    // An id as one path segment (percent-encoded).
    static QString id(const QString &value);

    static HttpRequestSpec request(QNetworkAccessManager::Operation verb, QUrl url);
    static HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                       const QJsonObject &body);

    // A job for this endpoint: bearer key, token refresh through the keychain, retry policy.
    HttpJob *createJob(HttpRequestSpec spec, QObject *parent) const;
    // The same for a poller's requests (and its poll policy).
    void configure(Poller &poller) const;

    // Starts spec; handler gets the answer once (not when the job is dropped first). The job
    // is a child of owner and deletes itself after answering.
    using ReplyHandler = std::function<void(const ExchangeReply &reply)>;
    HttpJob *send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler,
                  const QList<int> &acceptedStatuses = {}, const QString &responseFile = {}) const;
    // Stops a job without its handler being called; null-safe.
    static void drop(QPointer<HttpJob> &job);

    // The message for a failed request: the key refused (401) → reconnect; an error document
    // ({"error":{"code","message"}}) → its message; else the transport's own.
    QString errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const;

    // The body as a JSON object; false + *error (translated) when it is not one.
    static bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);
    // A segment document as an audience (refreshedAt = now).
    static AudienceInfo audienceFromSegment(const QJsonObject &segment);

    QString endpointName() const;

private:
    ConnectorContext &m_context;
};

} // namespace courier
