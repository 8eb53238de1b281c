#pragma once

#include <QByteArray>

namespace courier::sandbox {

// Appends UTF-8 text as a JSON string, quotes included, escaping what JSON requires; for the
// bodies that are written a row at a time (GA4 query pages, APSIS and AEP files) instead of
// through QJsonDocument.
void appendJsonString(QByteArrayView utf8, QByteArray &out);

} // namespace courier::sandbox
