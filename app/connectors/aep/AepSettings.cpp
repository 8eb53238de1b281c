#include "AepSettings.h"

#include "connectors/ConnectorContext.h"

#include <QRegularExpression>

namespace courier {

namespace {

const QString DefaultImsUrl = QStringLiteral("https://ims-na1.adobelogin.com/ims");
const QString DefaultPlatformUrl = QStringLiteral("https://platform.adobe.io");
// The scopes Adobe's Developer Console lists for an Experience Platform API project. [U] Any
// scope the project has is accepted; the endpoint may say otherwise ("scope").
const QString DefaultScope = QStringLiteral("openid,AdobeID,read_organizations,additional_info."
                                            "projectedProductContext,session");

QString text(const QJsonObject &settings, const char *key)
{
    return settings.value(QLatin1String(key)).toString().trimmed();
}

std::optional<QUrl> httpUrl(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return std::nullopt;
    return url;
}

} // namespace

bool AepSettings::isIdentifier(const QString &name, bool allowPath)
{
    static const QRegularExpression Plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    static const QRegularExpression Path(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62}){0,15}$"));
    return (allowPath ? Path : Plain).match(name).hasMatch();
}

std::optional<AepSettings> AepSettings::read(const ConnectorContext &context, QString *error,
                                             bool forExport)
{
    const Endpoint &endpoint = context.endpoint();
    const QJsonObject &settings = endpoint.settings;
    const QString name = endpoint.name.isEmpty() ? endpoint.contactUrl.host() : endpoint.name;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };

    AepSettings out;
    const QString ims = text(settings, "imsUrl");
    const auto imsUrl = httpUrl(ims.isEmpty() ? DefaultImsUrl : ims);
    if (!imsUrl) {
        return fail(
            tr("The Adobe IMS address “%1” of “%2” is not an http(s) address.").arg(ims, name));
    }
    out.imsUrl = *imsUrl;
    QString platform = text(settings, "platformUrl");
    if (platform.isEmpty())
        platform =
            endpoint.contactUrl.isValid() ? endpoint.contactUrl.toString() : DefaultPlatformUrl;
    const auto platformUrl = httpUrl(platform);
    if (!platformUrl) {
        return fail(tr("The Experience Platform address “%1” of “%2” is not an http(s) address.")
                        .arg(platform, name));
    }
    out.platformUrl = *platformUrl;

    out.orgId = text(settings, "orgId");
    out.sandboxName = text(settings, "sandboxName");
    out.clientId = text(settings, "clientId");
    out.datasetId = text(settings, "datasetId");
    out.queryTable = text(settings, "queryTable");
    QStringList missing;
    if (out.orgId.isEmpty())
        missing << tr("organisation id");
    if (out.sandboxName.isEmpty())
        missing << tr("sandbox name");
    if (out.clientId.isEmpty())
        missing << tr("client id (API key)");
    if (forExport && out.datasetId.isEmpty())
        missing << tr("destination dataset id");
    if (forExport && out.queryTable.isEmpty())
        missing << tr("Query Service table name");
    if (!missing.isEmpty()) {
        return fail(tr("The Adobe Experience Platform endpoint “%1” lacks: %2. Complete it in "
                       "the endpoint's settings.")
                        .arg(name, missing.join(QStringLiteral(", "))));
    }
    out.scope = text(settings, "scope");
    if (out.scope.isEmpty())
        out.scope = DefaultScope;
    out.fields = text(settings, "fields");
    out.personIdField = text(settings, "personIdField");
    if (out.personIdField.isEmpty())
        out.personIdField = QStringLiteral("personID");
    if (const int minutes = settings.value(QStringLiteral("exportTimeoutMinutes")).toInt();
        minutes > 0)
        out.exportTimeoutMinutes = minutes;

    // Query Service: the organisation's host (…platform-query.adobe.io), port 80 with TLS
    // required, database "<sandbox>:all" (Adobe's credentials guide and psql command).
    out.queryHost = text(settings, "queryHost");
    if (!forExport)
        return out;
    if (out.queryHost.isEmpty()) {
        return fail(tr("The Adobe Experience Platform endpoint “%1” has no Query Service host; "
                       "copy it from Queries › Credentials in Experience Platform.")
                        .arg(name));
    }
    const QJsonValue port = settings.value(QStringLiteral("queryPort"));
    if (!port.isUndefined() && !port.isNull()) {
        const int value = port.isString() ? port.toString().toInt() : port.toInt();
        if (value <= 0 || value > 65535)
            return fail(tr("The Query Service port of “%1” is not a port number.").arg(name));
        out.queryPort = value;
    }
    out.queryDatabase = text(settings, "queryDatabase");
    if (out.queryDatabase.isEmpty())
        out.queryDatabase = out.sandboxName + QStringLiteral(":all");
    out.querySslMode = text(settings, "querySslMode").toLower();
    if (out.querySslMode.isEmpty())
        out.querySslMode = QStringLiteral("require");
    static const QStringList SslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!SslModes.contains(out.querySslMode)) {
        return fail(tr("The Query Service SSL mode “%1” of “%2” is not one of %3.")
                        .arg(out.querySslMode, name, SslModes.join(QStringLiteral(", "))));
    }
    const QString dialect = text(settings, "queryDialect").toLower();
    if (dialect == QLatin1String("postgres") || dialect == QLatin1String("postgresql"))
        out.queryDialect = AepQueryDialect::Postgres;
    else if (!dialect.isEmpty() && dialect != QLatin1String("queryservice"))
        return fail(tr("The query dialect “%1” of “%2” is not known.").arg(dialect, name));

    // Names go into the SQL text (they cannot be parameters): only plain identifiers.
    const bool paths = out.queryDialect == AepQueryDialect::QueryService;
    if (!isIdentifier(out.queryTable)) {
        return fail(tr("The Query Service table name “%1” of “%2” is not a plain table name "
                       "(letters, digits and underscores); copy it from the dataset's page.")
                        .arg(out.queryTable, name));
    }
    if (!isIdentifier(out.personIdField, paths)) {
        return fail(tr("The person id field “%1” of “%2” is not a field name.")
                        .arg(out.personIdField, name));
    }
    return out;
}

} // namespace courier
