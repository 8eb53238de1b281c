#include "MetaApi.h"

#include "connectors/common/ApiRequests.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace courier {

namespace {

constexpr int MaxQuotedLength = 300; // of Meta's own message, quoted in ours

QString quoted(const QString &text)
{
    return text.simplified().left(MaxQuotedLength);
}

int intValue(const QJsonValue &value)
{
    // Graph sends numbers, but some proxies and SDKs pass them on as strings.
    return value.isString() ? value.toString().toInt() : value.toInt();
}

} // namespace

bool GraphError::isRateLimit() const
{
    return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
}

bool GraphError::isTokenProblem() const
{
    return code == 190 || code == 102 || (code == 0 && httpStatus == 401);
}

bool GraphError::isTemporary() const
{
    return transient || code == 1 || code == 2;
}

QString MetaApi::apiVersion() const
{
    const QString setting =
        m_context->endpoint().settings.value(QStringLiteral("apiVersion")).toString().trimmed();
    return setting.isEmpty() ? QString(DefaultVersion) : setting;
}

QString MetaApi::adAccountId() const
{
    QString id =
        m_context->endpoint().settings.value(QStringLiteral("adAccountId")).toVariant().toString();
    id = id.trimmed();
    if (id.startsWith(QLatin1StringView("act_")))
        id = id.mid(4);
    return id;
}

QUrl MetaApi::url(const QString &path) const
{
    QUrl base = m_context->endpoint().contactUrl;
    if (base.isEmpty())
        base = QUrl(QString(DefaultBaseUrl));
    return api::urlUnder(base, api::pathSegment(apiVersion()) + QLatin1Char('/') + path);
}

QString MetaApi::endpointName() const
{
    const Endpoint &endpoint = m_context->endpoint();
    return endpoint.name.isEmpty() ? QStringLiteral("Meta") : api::endpointName(endpoint);
}

QString MetaApi::settingsProblem(bool needAdAccount) const
{
    static const QRegularExpression version(QStringLiteral("^v\\d+\\.\\d+$"));
    if (!version.match(apiVersion()).hasMatch()) {
        return tr("The Meta endpoint “%1” names the API version “%2”; it must look like %3. "
                  "Edit the endpoint.")
            .arg(endpointName(), apiVersion(), DefaultVersion);
    }
    if (!needAdAccount)
        return {};
    const QString account = adAccountId();
    if (account.isEmpty()) {
        return tr("The Meta endpoint “%1” has no ad account id, which is needed to create a "
                  "custom audience. Edit the endpoint (the number after “act_” in Ads Manager), "
                  "or give the share the id of an existing custom audience.")
            .arg(endpointName());
    }
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (!digits.match(account).hasMatch()) {
        return tr("The ad account id “%1” of the Meta endpoint “%2” is not a number. Edit the "
                  "endpoint (the number after “act_” in Ads Manager).")
            .arg(account, endpointName());
    }
    return {};
}

std::optional<GraphError> MetaApi::parseError(int httpStatus, const QByteArray &body)
{
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    if (error.isEmpty()) {
        if (httpStatus == 401) { // no document, but unmistakable
            GraphError unauthorized;
            unauthorized.httpStatus = httpStatus;
            return unauthorized;
        }
        return std::nullopt;
    }
    GraphError out;
    out.httpStatus = httpStatus;
    out.code = intValue(error.value(QStringLiteral("code")));
    out.subcode = intValue(error.value(QStringLiteral("error_subcode")));
    out.type = error.value(QStringLiteral("type")).toString();
    out.message = error.value(QStringLiteral("message")).toString();
    out.userMessage = error.value(QStringLiteral("error_user_msg")).toString();
    out.traceId = error.value(QStringLiteral("fbtrace_id")).toString();
    out.transient = error.value(QStringLiteral("is_transient")).toBool();
    return out;
}

QString MetaApi::errorMessage(const GraphError &error, const QString &object) const
{
    if (error.isTokenProblem()) {
        return tr("Meta refused the access token of “%1”: it is invalid, has expired or was "
                  "revoked (%2). Reconnect the endpoint with a new system-user access token.")
            .arg(endpointName(), error.message.isEmpty() ? tr("HTTP %1").arg(error.httpStatus)
                                                         : quoted(error.message));
    }
    if (error.code == 100 && error.subcode == 1713230) {
        return tr("Meta blocked uploads to %1 (“Audience upload blocked”): the audience was "
                  "flagged, or the ad account has not accepted the Custom Audience terms. Check "
                  "the audience in Meta Ads Manager; if it stays blocked, clear the share's "
                  "custom audience id so that the next run creates a new audience.")
            .arg(object);
    }
    if (error.code == 100 && error.subcode == 33) {
        return tr("Meta says %1 does not exist or the access token of “%2” may not use it. Check "
                  "the ad account and audience ids, and that the system user is assigned to the "
                  "ad account with permission to manage its audiences (ads_management).")
            .arg(object, endpointName());
    }
    if (error.code == 10 || (error.code >= 200 && error.code < 300)) { // permission errors
        return tr("Meta refused the request for lack of permission (error %1: %2). Give the "
                  "system user of “%3” the ads_management permission on the ad account, and "
                  "accept the Custom Audience terms in Ads Manager.")
            .arg(error.code)
            .arg(quoted(error.message), endpointName());
    }
    if (error.isRateLimit())
        return rateLimitGiveUp(error, 1);

    QString code = QString::number(error.code);
    if (error.subcode != 0)
        code += QLatin1Char('/') + QString::number(error.subcode);
    QString text = error.userMessage.isEmpty() ? error.message : error.userMessage;
    if (text.isEmpty())
        text = tr("HTTP %1").arg(error.httpStatus);
    QString message =
        tr("Meta refused the request about %1 (error %2): %3").arg(object, code, quoted(text));
    if (!error.traceId.isEmpty())
        message += QLatin1Char(' ') + tr("(Meta trace id %1.)").arg(error.traceId);
    return message;
}

QString MetaApi::rateLimitGiveUp(const GraphError &error, int attempts) const
{
    QString code = QString::number(error.code);
    if (error.subcode != 0)
        code += QLatin1Char('/') + QString::number(error.subcode);
    return tr("Meta kept limiting the requests of “%1” (error %2: %3) after %n attempt(s), so "
              "the run gave up. Meta lifts the limit after a while (usually within an hour): "
              "run the share again later, or lower how often it runs.",
              nullptr, attempts)
        .arg(endpointName(), code, quoted(error.message));
}

} // namespace courier
