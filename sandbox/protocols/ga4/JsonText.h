#pragma once

#include <QByteArray>

namespace courier::sandbox {

// Appends UTF-8 text as a JSON string, quotes included, escaping what JSON requires; for the
// GA4 and APSIS bodies that are written a row at a time instead of through QJsonDocument.
void appendJsonString(QByteArrayView utf8, QByteArray &out);

} // namespace courier::sandbox
