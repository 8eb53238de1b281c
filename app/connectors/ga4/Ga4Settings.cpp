#include "Ga4Settings.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace courier {

namespace ga4 {
QStringList exportDimensions()
{
    return {QStringLiteral("deviceId"), QStringLiteral("userId"),
            QStringLiteral("isAdsPersonalizationAllowed"), QStringLiteral("isLimitedAdTracking")};
}
} // namespace ga4

namespace {

// A setting as text, whether the JSON holds a string or a number.
QString text(const QJsonObject &settings, const QString &key)
{
    const QJsonValue value = settings.value(key);
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString().trimmed();
}

// A whole number setting; nullopt when absent, `bad` set when present but not a number.
std::optional<qint64> number(const QJsonObject &settings, const QString &key, bool *bad)
{
    const QString value = text(settings, key);
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok)
        *bad = true;
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

} // namespace

QString Ga4Settings::endpointName(const Endpoint &endpoint)
{
    if (!endpoint.name.isEmpty())
        return endpoint.name;
    const QString property = text(endpoint.settings, QStringLiteral("propertyId"));
    return property.isEmpty() ? tr("Google Analytics 4") : tr("GA4 property %1").arg(property);
}

std::optional<Ga4Settings>
Ga4Settings::fromEndpoint(const Endpoint &endpoint,
                          const std::function<bool(const char *)> &hasSecret, QString *error)
{
    const QJsonObject &json = endpoint.settings;
    const QString name = endpointName(endpoint);
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };

    Ga4Settings settings;
    // People paste "properties/1234567" as often as the number itself.
    QString property = text(json, QStringLiteral("propertyId"));
    if (property.startsWith(QLatin1String("properties/")))
        property = property.mid(11);
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    if (property.isEmpty())
        return fail(tr("The GA4 property id of “%1” is not set. Enter the numeric property id "
                       "(Admin → Property details in Google Analytics).")
                        .arg(name));
    if (!digits.match(property).hasMatch())
        return fail(tr("“%1” is not a GA4 property id (of “%2”): it is a number such as 1234567, "
                       "shown under Admin → Property details in Google Analytics.")
                        .arg(property, name));
    settings.propertyId = property;

    const QString method = text(json, QStringLiteral("authMethod"));
    if (method == QLatin1String("serviceAccount")) {
        settings.authMethod = AuthMethod::ServiceAccount;
    } else if (method == QLatin1String("oauth")) {
        settings.authMethod = AuthMethod::OAuth;
    } else if (method == QLatin1String("accessToken")) {
        settings.authMethod = AuthMethod::AccessToken;
    } else if (method.isEmpty()) {
        // Older endpoints say nothing: the stored secret tells.
        if (hasSecret(ga4::RefreshTokenSecret) && !hasSecret(ga4::ServiceAccountKeySecret))
            settings.authMethod = AuthMethod::OAuth;
        else if (hasSecret(ga4::AccessTokenSecret) && !hasSecret(ga4::ServiceAccountKeySecret))
            settings.authMethod = AuthMethod::AccessToken;
    } else {
        return fail(tr("The sign-in method “%1” of “%2” is unknown; choose a service account, "
                       "Google sign-in or a pasted access token.")
                        .arg(method, name));
    }

    const auto url = [&](const QString &key, const char *fallback, QUrl *out) {
        const QString value = text(json, key);
        *out = QUrl(value.isEmpty() ? QString::fromLatin1(fallback) : value, QUrl::StrictMode);
        return out->isValid() &&
               (out->scheme() == QLatin1String("https") ||
                out->scheme() == QLatin1String("http")) &&
               !out->host().isEmpty();
    };
    if (!url(QStringLiteral("adminUrl"), ga4::DefaultAdminUrl, &settings.adminUrl))
        return fail(tr("The Admin API address of “%1” is not a valid http(s) URL.").arg(name));
    if (!url(QStringLiteral("dataUrl"), ga4::DefaultDataUrl, &settings.dataUrl))
        return fail(tr("The Data API address of “%1” is not a valid http(s) URL.").arg(name));
    settings.tokenUrlSet = !text(json, QStringLiteral("tokenUrl")).isEmpty();
    if (!url(QStringLiteral("tokenUrl"), ga4::DefaultTokenUrl, &settings.tokenUrl))
        return fail(tr("The token address of “%1” is not a valid http(s) URL.").arg(name));
    settings.oauthClientId = text(json, QStringLiteral("oauthClientId"));

    bool bad = false;
    if (const auto pageSize = number(json, QStringLiteral("pageSize"), &bad))
        settings.pageSize = int(std::clamp<qint64>(*pageSize, 0, 1000));
    if (const auto limit = number(json, QStringLiteral("queryLimit"), &bad); limit && *limit > 0)
        settings.queryLimit = std::min(*limit, MaxQueryLimit);
    if (const auto hours = number(json, QStringLiteral("reuseHours"), &bad))
        settings.reuseHours =
            int(std::clamp<qint64>(*hours, 0, ExportLifetimeHours - ReuseMarginHours));
    if (const auto minutes = number(json, QStringLiteral("exportTimeoutMinutes"), &bad);
        minutes && *minutes > 0)
        settings.exportTimeoutMinutes = int(std::min<qint64>(*minutes, 7 * 24 * 60));
    if (bad)
        return fail(tr("A number in the settings of “%1” (page size, query limit, reuse hours or "
                       "export timeout) is not a whole number.")
                        .arg(name));

    switch (settings.authMethod) {
    case AuthMethod::ServiceAccount:
        if (!hasSecret(ga4::ServiceAccountKeySecret))
            return fail(tr("No service-account key is stored for “%1”. Paste the JSON key file of "
                           "a service account that has Viewer access to property %2.")
                            .arg(name, property));
        break;
    case AuthMethod::OAuth:
        if (!hasSecret(ga4::RefreshTokenSecret))
            return fail(
                tr("“%1” is not signed in to Google. Sign in again to connect it.").arg(name));
        if (settings.oauthClientId.isEmpty())
            return fail(tr("The OAuth client id of “%1” is not set; it is needed to renew the "
                           "Google sign-in.")
                            .arg(name));
        break;
    case AuthMethod::AccessToken:
        if (!hasSecret(ga4::AccessTokenSecret))
            return fail(tr("No access token is stored for “%1”. Paste a current one.").arg(name));
        break;
    }
    return settings;
}

} // namespace courier
