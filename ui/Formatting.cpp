#include "Formatting.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

namespace courier::ui::format {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("courier::ui::format", text);
}

} // namespace

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString duration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return {};
    if (milliseconds < 1000)
        return tr("< 1 s");
    const qint64 seconds = (milliseconds + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString timestamp(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

QString time(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    // The locale's long time format has seconds, which a log needs, and a time zone, which
    // it does not.
    QString pattern = QLocale().timeFormat(QLocale::LongFormat);
    pattern.remove(QLatin1Char('t'));
    return QLocale().toString(utc.toLocalTime().time(), pattern.trimmed());
}

QString timestampLong(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return QLocale().toString(utc.toLocalTime(), QLocale::LongFormat);
}

QString fileName(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

QString percent(int value)
{
    return tr("%1 %").arg(QLocale().toString(value));
}

} // namespace courier::ui::format
