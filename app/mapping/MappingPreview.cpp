#include "MappingPreview.h"

#include "Mapper.h"
#include "pipeline/RowBatch.h"

namespace courier {

namespace {

// "78 %": rounded, but never "100 %" while a row is missing nor "0 %" while one is there.
int displayedPercent(int valid, int total)
{
    if (total <= 0)
        return 0;
    const int rounded = qRound(100.0 * valid / total);
    if (valid < total && rounded == 100)
        return 99;
    if (valid > 0 && rounded == 0)
        return 1;
    return rounded;
}

// The identifier alone, marked as the only identifier: the mapper then passes exactly the rows
// where it ends up non-empty and no transform of it rejected the row.
IdentifierCoverage measureIdentifier(const FieldMapping &field, const Mapping &mapping,
                                     const QStringList &sourceColumns, const RowBatch &sample,
                                     const QLocale &locale)
{
    IdentifierCoverage coverage;
    coverage.target = field.target;
    coverage.sampleRows = sample.rowCount();

    Mapping single = mapping;
    single.fields = {field};
    single.fields.first().identifier = true;
    if (auto mapper = Mapper::bind(single, sourceColumns)) {
        RowBatch out;
        mapper->map(sample, out, {});
        coverage.validRows = out.rowCount();
    }
    coverage.percent =
        coverage.sampleRows > 0 ? 100.0 * coverage.validRows / coverage.sampleRows : 0.0;
    coverage.sentence =
        coverage.sampleRows > 0
            ? MappingPreview::tr("%1 % of rows carry a valid %2")
                  .arg(locale.toString(displayedPercent(coverage.validRows, coverage.sampleRows)),
                       field.target)
            : MappingPreview::tr("No sample rows to check %1 with").arg(field.target);
    return coverage;
}

QStringList rowCells(const RowBatch &batch, int row)
{
    QStringList cells;
    cells.reserve(batch.columnCount());
    for (int column = 0; column < batch.columnCount(); ++column)
        cells.append(QString::fromUtf8(batch.cell(row, column)));
    return cells;
}

} // namespace

MappingPreview previewMapping(const Mapping &mapping, const QStringList &sourceColumns,
                              const RowBatch &sample, int maxRows, const QLocale &locale)
{
    MappingPreview preview;
    preview.sampleRows = sample.rowCount();
    auto mapper = Mapper::bind(mapping, sourceColumns, &preview.error);
    if (!mapper) {
        if (preview.error.isEmpty())
            preview.error = MappingPreview::tr("The mapping cannot be applied to this source.");
        return preview;
    }
    preview.columns = mapper->outputColumns();

    RowBatch out;
    mapper->map(sample, out,
                [&preview](RejectedRow &&row) { preview.rejected.append(std::move(row)); });
    preview.mappedRows = out.rowCount();
    const int shown = std::min(out.rowCount(), std::max(maxRows, 0));
    preview.rows.reserve(shown);
    for (int row = 0; row < shown; ++row)
        preview.rows.append(rowCells(out, row));

    for (const FieldMapping &field : mapping.fields) {
        if (field.identifier)
            preview.coverage.append(
                measureIdentifier(field, mapping, sourceColumns, sample, locale));
    }
    return preview;
}

} // namespace courier
