#pragma once

#include <optional>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace courier {

class ConnectorContext;

// How SQL is written for the export table (AepMembershipQuery).
enum class AepQueryDialect {
    // Adobe Query Service (Spark SQL over the PostgreSQL wire protocol): the seed guide's
    // explode(segmentMembership.ups) query.
    QueryService,
    // Plain PostgreSQL with segmentMembership as jsonb: a self-hosted copy of the export table,
    // and the tests' throwaway server.
    Postgres,
};

// The endpoint settings of an "aep" endpoint, read and checked once (AepConnectors.h has the
// contract). Never holds the client secret or a token.
struct AepSettings
{
    Q_DECLARE_TR_FUNCTIONS(AepSettings)

public:
    QUrl imsUrl;      // https://ims-na1.adobelogin.com/ims; token/v3 hangs below it
    QUrl platformUrl; // https://platform.adobe.io
    QString orgId;    // x-gw-ims-org-id, also the Query Service user
    QString sandboxName;
    QString clientId; // also x-api-key
    QString scope;
    QString datasetId; // destination dataset of the export jobs
    QString fields;    // the export job's "fields"
    int exportTimeoutMinutes = 6 * 60;

    QString queryHost;
    int queryPort = 80; // Adobe's documented Query Service port
    QString queryDatabase;
    QString querySslMode; // libpq sslmode; "require" unless told otherwise
    QString queryTable;
    QString personIdField; // the column (Query Service: field path) used as the person id
    AepQueryDialect queryDialect = AepQueryDialect::QueryService;

    // Reads the endpoint's settings; nullopt + *error (translated, actionable) when one that is
    // needed is missing or malformed. Listing audiences needs only the Platform ones
    // (forExport false); an export also needs the dataset and Query Service settings.
    static std::optional<AepSettings> read(const ConnectorContext &context, QString *error,
                                           bool forExport = true);

    // True for a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*); with allowPath also a dotted
    // path of them (Query Service field paths).
    static bool isIdentifier(const QString &name, bool allowPath = false);
};

} // namespace courier
