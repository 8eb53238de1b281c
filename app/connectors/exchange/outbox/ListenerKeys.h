#pragma once

#include "model/Endpoint.h"

#include <memory>

namespace courier {

class Database;
class InboxKeys;
class SecretStore;

// The exchange endpoints that talk to the app's exchange listener: PUSH producers send their
// audiences to its inbox, PULL consumers fetch prepared files from its outbox. Both
// authenticate with the endpoint's bearer key.
bool pushesToListener(const Endpoint &endpoint);
bool pullsFromListener(const Endpoint &endpoint);

// Reads the keys of every such endpoint from the keychain into keys (asynchronously: each key
// arrives when the keychain answers; a request before its key arrived is refused with 401).
// Returns how many endpoints use the listener.
int loadListenerKeys(const Database &database, SecretStore &secrets,
                     const std::shared_ptr<InboxKeys> &keys);

} // namespace courier
