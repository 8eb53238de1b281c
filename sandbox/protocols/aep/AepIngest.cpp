#include "sandbox/protocols/aep/AepIngest.h"

#include "sandbox/http/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

// --- RowCounter

RowCounter::RowCounter(const QString &format, bool multiLineJson)
{
    const QString f = format.toLower();
    if (f == "json"_L1)
        m_kind = multiLineJson ? Kind::JsonDocument : Kind::JsonLines;
    else if (f == "csv"_L1)
        m_kind = Kind::Csv;
    else
        m_kind = Kind::Opaque;
    if (m_kind == Kind::Opaque)
        m_rows = -1;
}

void RowCounter::feed(QByteArrayView data)
{
    if (m_kind == Kind::Opaque)
        return;
    m_carry.append(data);
    if (m_kind == Kind::JsonDocument)
        return;
    qsizetype start = 0;
    for (qsizetype nl = m_carry.indexOf('\n'); nl >= 0; nl = m_carry.indexOf('\n', start)) {
        line(QByteArrayView(m_carry).sliced(start, nl - start));
        start = nl + 1;
    }
    m_carry.remove(0, start);
}

void RowCounter::finish()
{
    switch (m_kind) {
    case Kind::Opaque:
        return;
    case Kind::JsonDocument: {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_carry, &error);
        m_carry.clear();
        if (error.error != QJsonParseError::NoError) {
            ++m_invalid;
            problem(u"not a JSON document: %1 at offset %2"_s.arg(error.errorString())
                        .arg(error.offset));
        } else if (document.isObject()) {
            ++m_rows;
        } else {
            const QJsonArray array = document.array();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (array.at(i).isObject()) {
                    ++m_rows;
                } else {
                    ++m_invalid;
                    problem(u"element %1 is not an object"_s.arg(i));
                }
            }
        }
        return;
    }
    case Kind::JsonLines:
    case Kind::Csv:
        if (!m_carry.isEmpty())
            line(m_carry);
        m_carry.clear();
        return;
    }
}

void RowCounter::line(QByteArrayView text)
{
    ++m_lines;
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    if (m_kind == Kind::Csv) {
        if (m_csvHeader)
            ++m_rows;
        m_csvHeader = true; // the first non-empty line is the header
        return;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toByteArray(), &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        ++m_rows;
        return;
    }
    ++m_invalid;
    problem(
        error.error != QJsonParseError::NoError
            ? u"line %1: %2 at offset %3"_s.arg(m_lines).arg(error.errorString()).arg(error.offset)
            : u"line %1: not a JSON object"_s.arg(m_lines));
}

void RowCounter::problem(const QString &text)
{
    if (m_samples.size() < 10)
        m_samples.append(text);
}

// --- AepIngest

QJsonObject AepIngest::File::toJson() const
{
    return {{u"name"_s, name},
            {u"bytes"_s, bytes},
            {u"rows"_s, counter.rows()},
            {u"invalidRows"_s, counter.invalid()},
            {u"problems"_s, QJsonArray::fromStringList(counter.samples())},
            {u"contentType"_s, QString::fromLatin1(contentType)},
            {u"uploads"_s, uploads},
            {u"chunked"_s, chunked},
            {u"complete"_s, complete}};
}

AepIngest::AepIngest(SandboxContext &context)
    : m_context(context)
{}

AepIngest::Batch &AepIngest::create(const QString &datasetId, const QString &format,
                                    bool multiLineJson, const QString &user)
{
    Batch batch;
    batch.id = QUuid::createUuid().toString(QUuid::Id128);
    batch.datasetId = datasetId;
    batch.format = format;
    batch.multiLineJson = multiLineJson;
    batch.createdUser = user;
    batch.createdAt = QDateTime::currentDateTimeUtc();
    m_order.append(batch.id);
    const QString id = batch.id;
    return m_batches.emplace(id, std::move(batch)).first->second;
}

AepIngest::Batch *AepIngest::find(const QString &id)
{
    const auto it = m_batches.find(id);
    return it == m_batches.end() ? nullptr : &it->second;
}

QList<const AepIngest::Batch *> AepIngest::all() const
{
    QList<const Batch *> list;
    for (const QString &id : m_order)
        list.append(&m_batches.at(id));
    return list;
}

QString AepIngest::status(const Batch &batch) const
{
    if (batch.aborted)
        return u"aborted"_s;
    if (!batch.completedClock)
        return u"loading"_s;
    if (Clock::now() - *batch.completedClock < m_context.options().jobReadyAfter)
        return u"processing"_s;
    return batch.failJob || invalidRows(batch) > 0 ? u"failed"_s : u"success"_s;
}

qint64 AepIngest::rows(const Batch &batch) const
{
    qint64 total = 0;
    for (const auto &[name, file] : batch.files) {
        if (file.counter.rows() < 0)
            return -1;
        total += file.counter.rows();
    }
    return total;
}

qint64 AepIngest::invalidRows(const Batch &batch) const
{
    qint64 total = 0;
    for (const auto &[name, file] : batch.files)
        total += file.counter.invalid();
    return total;
}

QJsonObject AepIngest::catalogJson(const Batch &batch) const
{
    const QString state = status(batch);
    qint64 bytes = 0;
    for (const auto &[name, file] : batch.files)
        bytes += file.bytes;
    const qint64 read = rows(batch);
    const qint64 invalid = invalidRows(batch);
    QJsonObject metrics{{u"inputByteSize"_s, bytes},
                        {u"inputFileCount"_s, qint64(batch.files.size())}};
    QJsonArray errors;
    if (state == "success"_L1 || state == "failed"_L1) {
        if (read >= 0) {
            metrics.insert(u"recordsRead"_s, read + invalid);
            metrics.insert(u"recordsWritten"_s, state == "success"_L1 ? read : 0);
            metrics.insert(u"failedRecordCount"_s, invalid);
        }
        if (invalid > 0)
            errors.append(
                QJsonObject{{u"code"_s, u"INGEST-1212-400"_s},
                            {u"description"_s, u"Encountered %1 records that could not "
                                               "be parsed as JSON objects."_s.arg(invalid)},
                            {u"recordCount"_s, invalid}});
        if (batch.failJob)
            errors.append(QJsonObject{
                {u"code"_s, u"INGEST-1100-500"_s},
                {u"description"_s, u"The batch failed to process (injected fault)."_s}});
    }
    const qint64 created = batch.createdAt.toMSecsSinceEpoch();
    QJsonObject json{
        {u"id"_s, batch.id},
        {u"imsOrg"_s, m_context.options().aep.imsOrgId},
        {u"status"_s, state},
        {u"created"_s, created},
        {u"updated"_s, batch.completedAt ? batch.completedAt->toMSecsSinceEpoch() : created},
        {u"createdUser"_s, batch.createdUser},
        {u"updatedUser"_s, batch.createdUser},
        {u"createdClient"_s, m_context.options().aep.clientId},
        {u"relatedObjects"_s,
         QJsonArray{QJsonObject{{u"type"_s, u"dataSet"_s}, {u"id"_s, batch.datasetId}}}},
        {u"inputFormat"_s, QJsonObject{{u"format"_s, batch.format}}},
        {u"version"_s, u"1.0.0"_s},
        {u"tags"_s, QJsonObject()},
        {u"metrics"_s, metrics},
        {u"errors"_s, errors}};
    if (batch.completedAt)
        json.insert(u"completed"_s, batch.completedAt->toMSecsSinceEpoch());
    return json;
}

QJsonObject AepIngest::inspectJson(const Batch &batch) const
{
    QJsonArray files;
    qint64 bytes = 0;
    for (const auto &[name, file] : batch.files) {
        files.append(file.toJson());
        bytes += file.bytes;
    }
    return {{u"id"_s, batch.id},
            {u"datasetId"_s, batch.datasetId},
            {u"datasetName"_s, m_datasets.value(batch.datasetId)},
            {u"format"_s, batch.format},
            {u"isMultiLineJson"_s, batch.multiLineJson},
            {u"status"_s, status(batch)},
            {u"createdAt"_s, rfc3339(batch.createdAt)},
            {u"completedAt"_s,
             batch.completedAt ? QJsonValue(rfc3339(*batch.completedAt)) : QJsonValue()},
            {u"files"_s, files},
            {u"fileCount"_s, qint64(batch.files.size())},
            {u"bytes"_s, bytes},
            {u"rows"_s, rows(batch)},
            {u"invalidRows"_s, invalidRows(batch)}};
}

QString AepIngest::createDataset(const QString &name)
{
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(24);
    m_datasets.insert(id, name);
    return id;
}

void AepIngest::reset()
{
    m_batches.clear();
    m_order.clear();
    m_datasets.clear();
}

} // namespace courier::sandbox
