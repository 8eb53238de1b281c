#include "ListenerKeys.h"

#include "connectors/exchange/inbox/InboxKeys.h"
#include "secrets/SecretStore.h"
#include "store/EndpointRepository.h"

namespace courier {

bool pushesToListener(const Endpoint &endpoint)
{
    return endpoint.kind == QLatin1String("exchange") &&
           endpoint.transfer == Endpoint::Transfer::Push &&
           endpoint.role != Endpoint::Role::Destination;
}

bool pullsFromListener(const Endpoint &endpoint)
{
    return endpoint.kind == QLatin1String("exchange") &&
           endpoint.transfer == Endpoint::Transfer::Pull && endpoint.role != Endpoint::Role::Source;
}

int loadListenerKeys(const Database &database, SecretStore &secrets,
                     const std::shared_ptr<InboxKeys> &keys)
{
    int count = 0;
    for (const Endpoint &endpoint : EndpointRepository(database).list()) {
        if (!pushesToListener(endpoint) && !pullsFromListener(endpoint))
            continue;
        ++count;
        secrets.read(endpoint.id, QStringLiteral("key"),
                     [keys, id = endpoint.id](std::optional<QByteArray> key, const QString &) {
                         if (key)
                             keys->set(id, *key);
                     });
    }
    return count;
}

} // namespace courier
