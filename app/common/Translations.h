#pragma once

#include <QLocale>

class QCoreApplication;

namespace courier {

// Installs Qt's own and Audience Courier's translators for the locale, so plural forms read
// right in English too ("1 field", "3 fields"). The app's .qm files are embedded in the
// executable under :/translations; Qt's come from the system. Returns whether the app's
// translation for that language was found.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace courier
