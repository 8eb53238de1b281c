#include "Redaction.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace courier {

namespace {

const QString Mask = QStringLiteral("***");

// Key names whose values are credentials wherever they appear (query, form, JSON).
// Key names whose values are credentials wherever they appear (query, form, JSON).
QString secretKeys()
{
    return QStringLiteral(
        "access_token|refresh_token|id_token|client_secret|api_key|apikey|x-api-key|password");
}

struct Rule
{
    QRegularExpression pattern;
    QString replacement;
};

const QList<Rule> &rules()
{
    // Order matters: JSON and key=value first so their key names survive, then the generic
    // bearer and JWT shapes catch what is left (a token pasted anywhere in a message).
    static const QList<Rule> list = [] {
        const auto ci = QRegularExpression::CaseInsensitiveOption;
        const QString keys = secretKeys();
        return QList<Rule>{
            // "access_token" : "value" (escaped quotes inside the value included)
            {QRegularExpression(QStringLiteral(R"re(("(?:)re") + keys +
                                    QStringLiteral(R"re()"\s*:\s*")(?:[^"\\]|\\.)*")re"),
                                ci),
             QStringLiteral(R"re(\1***")re")},
            // access_token=value in a query string or form body
            {QRegularExpression(QStringLiteral(R"re(\b((?:)re") + keys +
                                    QStringLiteral(R"re()=)[^&\s"'<>]+)re"),
                                ci),
             QStringLiteral(R"re(\1***)re")},
            // x-api-key: value (header dumps)
            {QRegularExpression(
                 QStringLiteral(R"re(\b((?:x-api-key|api-key|apikey)\s*:\s*)[^\s,;"']+)re"), ci),
             QStringLiteral(R"re(\1***)re")},
            // Bearer <token>, with or without "Authorization:" in front
            {QRegularExpression(QStringLiteral(R"re(\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*)re"), ci),
             QStringLiteral(R"re(\1***)re")},
            // JWT: three base64url segments; the header always starts with {" → eyJ
            {QRegularExpression(
                 QStringLiteral(R"re(\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)re")),
             Mask},
        };
    }();
    return list;
}

bool isSecretKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^(?:") + secretKeys() + QStringLiteral(")$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

} // namespace

QString redactSecrets(QString text)
{
    for (const Rule &rule : rules())
        text.replace(rule.pattern, rule.replacement);
    return text;
}

QByteArray redactSecrets(const QByteArray &text)
{
    return redactSecrets(QString::fromUtf8(text)).toUtf8();
}

QUrl redactedUrl(const QUrl &url)
{
    QUrl result = url;
    result.setUserInfo(QString());
    if (result.hasQuery()) {
        QUrlQuery query(result);
        auto items = query.queryItems(QUrl::FullyEncoded);
        for (auto &[key, value] : items) {
            if (isSecretKey(QUrl::fromPercentEncoding(key.toUtf8())))
                value = Mask;
            else
                value = redactSecrets(value);
        }
        query.setQueryItems(items);
        result.setQuery(query);
    }
    // OAuth implicit flows put the token in the fragment ("#access_token=…").
    if (result.hasFragment())
        result.setFragment(redactSecrets(result.fragment(QUrl::FullyEncoded)), QUrl::StrictMode);
    return result;
}

} // namespace courier
