#include "CacheReader.h"

#include "store/Database.h"

namespace courier::ui {

CacheReader::CacheReader(const Database &database)
    : m_database(database)
{
    m_pool.setMaxThreadCount(1);
    // Never let the thread expire: its SQLite connection would be orphaned with it.
    m_pool.setExpiryTimeout(-1);
}

CacheReader::~CacheReader()
{
    // The connection belongs to the reader thread, so that thread must close it.
    const Database *database = &m_database;
    QFuture<void> released =
        QtConcurrent::run(&m_pool, [database] { database->releaseThreadConnection(); });
    m_pool.waitForDone(); // also waits for reads queued before this one
    released.waitForFinished();
}

} // namespace courier::ui
