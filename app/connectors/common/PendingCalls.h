#pragma once

#include <memory>
#include <QObject>

namespace courier {

class Poller;

// Stops every HTTP call of a fetch at once: the poller, and the HttpJobs parented to `calls`
// (their callbacks are disconnected first, so none runs afterwards; a callback waiting for a
// token finds its context gone). `calls` is replaced by a fresh parent for the next calls.
// Safe from inside a callback of any of them: they are deleted later.
void dropPendingCalls(std::unique_ptr<Poller> &poller, std::unique_ptr<QObject> &calls);

} // namespace courier
