#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>
#include <QThreadPool>
#include <type_traits>
#include <utility>

namespace courier {

class Database;

namespace ui {

// Calls done(result) on context's thread once future has finished; never if context is
// destroyed first. A QFutureWatcher rather than QFuture::then(context, ...), whose
// continuation Qt 6.4 can lose when the future finishes while it is being attached.
template <typename T, typename Done>
void whenFinished(QFuture<T> future, QObject *context, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         if constexpr (std::is_void_v<T>)
                             done();
                         else
                             done(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

// Runs the views' cache reads on one background thread, so typing in a search box or opening
// a run log never makes the UI thread wait on SQLite. One thread keeps one SQLite connection
// for the window's lifetime and serialises the reads, so answers arrive in the order asked.
class CacheReader
{
public:
    explicit CacheReader(const Database &database);
    // Closes the reader thread's connection and waits for reads still running.
    ~CacheReader();
    Q_DISABLE_COPY_MOVE(CacheReader)

    const Database &database() const { return m_database; }

    // Calls query(database) on the reader thread and then done(result) on context's thread.
    // If context is destroyed first, done is never called.
    template <typename Query, typename Done> void read(QObject *context, Query query, Done done)
    {
        const Database *database = &m_database;
        using Result = std::invoke_result_t<Query, const Database &>;
        whenFinished(QtConcurrent::run(&m_pool,
                                       [database, query = std::move(query)]() -> Result {
                                           return query(*database);
                                       }),
                     context, std::move(done));
    }

private:
    const Database &m_database;
    QThreadPool m_pool;
};

} // namespace ui
} // namespace courier
