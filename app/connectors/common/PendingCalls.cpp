#include "PendingCalls.h"

#include "engine/HttpJob.h"
#include "engine/Poller.h"

namespace courier {

void dropPendingCalls(std::unique_ptr<Poller> &poller, std::unique_ptr<QObject> &calls)
{
    if (poller) {
        poller->cancel();
        poller.release()->deleteLater(); // we may be inside one of its callbacks
    }
    const QList<HttpJob *> jobs = calls->findChildren<HttpJob *>(Qt::FindDirectChildrenOnly);
    for (HttpJob *job : jobs) {
        QObject::disconnect(job, nullptr, calls.get(), nullptr);
        job->setParent(nullptr);
        job->cancel();
        job->deleteLater();
    }
    calls = std::make_unique<QObject>();
}

} // namespace courier
