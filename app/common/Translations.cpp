#include "Translations.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace courier {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;

    auto appTranslator = new QTranslator(&app);
    // Falls back to English, which carries the plural forms of the source strings.
    if (appTranslator->load(locale, QStringLiteral("courier"), QStringLiteral("_"),
                            QStringLiteral(":/translations")) ||
        appTranslator->load(QStringLiteral("courier_en"), QStringLiteral(":/translations"))) {
        QCoreApplication::installTranslator(appTranslator);
        return true;
    }
    qCDebug(lcUi) << "no translation for" << locale.name();
    delete appTranslator;
    return false;
}

} // namespace courier
