#include "FileTarget.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace courier {

namespace {

// "Person ID", "person_id" and "personId" are the same name to a person mapping columns.
QString comparable(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out.append(c.toCaseFolded());
    }
    return out;
}

} // namespace

QString FileTarget::resolvePath(const Endpoint &endpoint, const DeliveryTarget &target,
                                const QString &extension, QString *error)
{
    const QString directory = endpoint.settings.value(QStringLiteral("directory")).toString();
    if (directory.isEmpty()) {
        *error = tr("The destination “%1” has no folder set.").arg(endpoint.name);
        return {};
    }
    const QFileInfo folder(directory);
    if (!folder.exists()) {
        *error = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(directory));
        return {};
    }
    if (!folder.isDir()) {
        *error = tr("%1 is not a folder.").arg(QDir::toNativeSeparators(directory));
        return {};
    }
    if (!folder.isWritable()) {
        *error = tr("The folder %1 cannot be written to.").arg(QDir::toNativeSeparators(directory));
        return {};
    }
    QString fileName = target.options.value(QStringLiteral("fileName")).toString().trimmed();
    if (fileName.isEmpty()) {
        fileName = sanitisedStem(target.shareName) + QLatin1Char('-') +
                   QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                   QLatin1Char('.') + extension;
    } else if (fileName.contains(QLatin1Char('/')) || fileName.contains(QLatin1Char('\\')) ||
               fileName == QLatin1String(".") || fileName == QLatin1String("..")) {
        *error = tr("The file name “%1” must not contain a folder.").arg(fileName);
        return {};
    }
    return QDir(directory).filePath(fileName);
}

QString FileTarget::sanitisedStem(const QString &name)
{
    QString stem;
    stem.reserve(name.size());
    for (const QChar c : name) {
        const bool keep = c.isLetterOrNumber() || c == QLatin1Char(' ') || c == QLatin1Char('.') ||
                          c == QLatin1Char('-') || c == QLatin1Char('_');
        stem.append(keep ? c : QLatin1Char('_'));
    }
    stem = stem.simplified();
    // No hidden files, no "..": leading dots go.
    while (stem.startsWith(QLatin1Char('.')))
        stem.remove(0, 1);
    stem = stem.left(100).trimmed();
    return stem.isEmpty() ? QStringLiteral("share") : stem;
}

int FileTarget::findColumn(const QStringList &columns, const DestinationField &field)
{
    if (const qsizetype exact = columns.indexOf(field.name); exact >= 0)
        return int(exact);
    QStringList names{comparable(field.name)};
    for (const QString &synonym : field.synonyms)
        names << comparable(synonym);
    int found = -1;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (!names.contains(comparable(columns.at(i))))
            continue;
        if (found >= 0)
            return -1; // two candidates: guessing could write the wrong one
        found = int(i);
    }
    if (found >= 0)
        return found;
    return columns.size() == 1 ? 0 : -1;
}

} // namespace courier
