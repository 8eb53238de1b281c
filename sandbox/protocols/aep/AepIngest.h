#pragma once

#include "sandbox/SandboxContext.h"

#include <chrono>
#include <map>
#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace courier::sandbox {

// Counts the records of an uploaded file as its bytes arrive (whole PUTs or PATCH chunks):
// JSON Lines (one object per line; a line that is not a JSON object is invalid), a
// multi-line JSON document (an array of objects, or one object), or CSV (lines after the
// header; quoted line breaks are not understood). Other formats (parquet…) are not read.
class RowCounter
{
public:
    RowCounter() = default;
    RowCounter(const QString &format, bool multiLineJson);

    void feed(QByteArrayView data);
    void finish();
    qint64 rows() const { return m_rows; } // -1: the format is not inspected
    qint64 invalid() const { return m_invalid; }
    QStringList samples() const { return m_samples; } // the first few problems

private:
    void line(QByteArrayView line);
    void problem(const QString &text);

    enum class Kind { JsonLines, JsonDocument, Csv, Opaque } m_kind = Kind::Opaque;
    QByteArray m_carry; // the unfinished last line, or the whole multi-line document
    qint64 m_rows = 0;
    qint64 m_invalid = 0;
    qint64 m_lines = 0;
    bool m_csvHeader = false;
    QStringList m_samples;
};

// Batch ingestion (POST /data/foundation/import/batches …): what a destination connector
// uploaded, kept for inspection (GET /sandbox/aep/batches/{id}). After COMPLETE a batch is
// "processing" for jobReadyAfter, then "success" — or "failed" when a file had invalid
// records or a failJobs fault hit the COMPLETE call.
class AepIngest : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;

    struct File
    {
        QString name;
        qint64 bytes = 0;
        QByteArray contentType;
        int uploads = 0;      // PUTs, or PATCH chunks
        bool chunked = false; // INITIALIZE / PATCH / COMPLETE
        bool complete = false;
        RowCounter counter;
        QJsonObject toJson() const;
    };

    struct Batch
    {
        QString id;
        QString datasetId;
        QString format;
        bool multiLineJson = false;
        QString createdUser;
        QDateTime createdAt;
        std::optional<QDateTime> completedAt;
        std::optional<Clock::time_point> completedClock;
        bool aborted = false;
        bool failJob = false;
        std::map<QString, File> files;
    };

    explicit AepIngest(SandboxContext &context);

    Batch &create(const QString &datasetId, const QString &format, bool multiLineJson,
                  const QString &user);
    Batch *find(const QString &id);
    QList<const Batch *> all() const;

    // "loading", "processing", "success", "failed" or "aborted".
    QString status(const Batch &batch) const;
    qint64 rows(const Batch &batch) const;
    qint64 invalidRows(const Batch &batch) const;
    // The Catalog's view: {id: {status, relatedObjects, metrics, errors, …}}.
    QJsonObject catalogJson(const Batch &batch) const;
    // Everything the sandbox recorded, files included.
    QJsonObject inspectJson(const Batch &batch) const;

    // Datasets created through the Catalog API (ids → names). Any dataset id is accepted by
    // the other routes; these are only remembered.
    QString createDataset(const QString &name);
    QString datasetName(const QString &id) const { return m_datasets.value(id); }

    void reset() override;

private:
    SandboxContext &m_context;
    std::map<QString, Batch> m_batches;
    QList<QString> m_order;
    QHash<QString, QString> m_datasets;
};

} // namespace courier::sandbox
