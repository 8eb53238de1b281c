#include "sandbox/protocols/ga4/Ga4ServiceAccount.h"

#include "sandbox/Logging.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace courier::sandbox::Ga4ServiceAccount {

QJsonObject keyFile()
{
    static const QJsonObject file = [] {
        QFile resource(u":/courier-sandbox/ga4/TestServiceAccount.json"_s);
        if (!resource.open(QIODevice::ReadOnly)) {
            qCWarning(lcSandbox) << "the GA4 test service account resource is missing";
            return QJsonObject();
        }
        return QJsonDocument::fromJson(resource.readAll()).object();
    }();
    return file;
}

QByteArray keyFileJson(const QUrl &tokenUri)
{
    QJsonObject file = keyFile();
    file.insert(u"token_uri"_s, tokenUri.toString());
    return QJsonDocument(file).toJson(QJsonDocument::Indented);
}

QByteArray privateKeyPem()
{
    return keyFile().value(u"private_key"_s).toString().toUtf8();
}

QString clientEmail()
{
    return keyFile().value(u"client_email"_s).toString();
}

QString privateKeyId()
{
    return keyFile().value(u"private_key_id"_s).toString();
}

} // namespace courier::sandbox::Ga4ServiceAccount
