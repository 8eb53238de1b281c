#include "FountTokenSession.h"

#include "common/Logging.h"
#include "connectors/ConnectorContext.h"
#include "FountApi.h"

#include <QPointer>

namespace courier {

FountTokenSession::FountTokenSession(ConnectorContext &context, QObject *parent)
    : TokenSession(parent)
    , m_context(context)
{}

QString FountTokenSession::refusedMessage(const ConnectorContext &context)
{
    return tr("The Fount did not accept the access token of “%1” (HTTP 401); check the access "
              "token — a personal access token from your Fount profile, with read access to "
              "audiences — and connect the endpoint again.")
        .arg(FountApi::endpointName(context));
}

void FountTokenSession::requestToken(TokenDone done)
{
    const QByteArray token = m_context.secret(QStringLiteral("token")).trimmed();
    if (m_handedOut.isEmpty()) {
        if (token.isEmpty()) {
            done(std::nullopt,
                 tr("The Fount endpoint “%1” has no access token; create a personal access "
                    "token in your Fount profile and connect the endpoint again.")
                     .arg(FountApi::endpointName(m_context)));
            return;
        }
        m_handedOut = token;
        done(AccessToken{token, {}}, {}); // no expiry: a 401 says when it stops working
        return;
    }
    // Asked again: the token was refused. Perhaps the keychain holds a newer one.
    QPointer<FountTokenSession> self(this);
    m_context.reloadSecrets([self, done](bool) {
        if (!self)
            return;
        const QByteArray fresh = self->m_context.secret(QStringLiteral("token")).trimmed();
        if (fresh.isEmpty() || fresh == self->m_handedOut) {
            qCWarning(lcConnectors) << "fount: the access token was refused; no other one stored";
            done(std::nullopt, refusedMessage(self->m_context));
            return;
        }
        qCDebug(lcConnectors) << "fount: trying the access token stored meanwhile";
        self->m_handedOut = fresh;
        done(AccessToken{fresh, {}}, {});
    });
}

} // namespace courier
