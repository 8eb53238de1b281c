#include "JsonAnswer.h"

#include "common/Logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace courier {

bool parseJsonAnswer(const QByteArray &body, const QString &service, QJsonObject *object,
                     QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcConnectors).noquote()
            << QStringLiteral("%1 answer is not a JSON object: %2 (%3 bytes)")
                   .arg(service, parseError.errorString())
                   .arg(body.size());
        if (error)
            *error = QCoreApplication::translate(
                         "courier::JsonAnswer",
                         "%1 sent an answer that cannot be read (not a JSON object).")
                         .arg(service);
        return false;
    }
    *object = document.object();
    return true;
}

} // namespace courier
