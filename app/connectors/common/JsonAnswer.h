#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace courier {

// An API answer's body as a JSON object. False, a warning in the log (never the body: it may
// hold personal data) and *error = "<service> sent an answer that cannot be read (not a JSON
// object)." (translated) when it is not one. service is the user-visible name of the system.
bool parseJsonAnswer(const QByteArray &body, const QString &service, QJsonObject *object,
                     QString *error);

} // namespace courier
