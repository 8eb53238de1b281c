#include "sandbox/protocols/apsis/ApsisExports.h"

#include <QUuid>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace courier::sandbox {

bool RateWindow::admit(int *retryAfterSeconds)
{
    if (m_limit <= 0)
        return true;
    const auto now = Clock::now();
    while (!m_events.empty() && m_events.front() + m_window <= now)
        m_events.pop_front();
    if (qsizetype(m_events.size()) < m_limit) {
        m_events.push_back(now);
        return true;
    }
    if (retryAfterSeconds) {
        const auto wait = duration_cast<milliseconds>(m_events.front() + m_window - now);
        *retryAfterSeconds = int(std::max<qint64>(1, (wait.count() + 999) / 1000));
    }
    return false;
}

ApsisExports::ApsisExports(SandboxContext &context)
    : m_context(context)
    , m_tokenRequests(context.options().apsis.tokenRequestsPerMinute, minutes(1))
    , m_exportRequests(context.options().apsis.exportRequestsPerSecond, seconds(1))
    , m_downloads(context.options().apsis.downloadsPerMinute, minutes(1))
{}

const ApsisExports::Export &ApsisExports::create(Export e)
{
    // A UUID, as APSIS ids look, with a sequence number in front for people reading logs.
    e.id = u"%1-%2"_s.arg(++m_created, 4, 10, QChar(u'0'))
               .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    e.createdAt = QDateTime::currentDateTimeUtc();
    e.started = Clock::now();
    const QString id = e.id;
    return *m_exports.insert(id, std::move(e));
}

const ApsisExports::Export *ApsisExports::find(const QString &id) const
{
    const auto it = m_exports.constFind(id);
    return it == m_exports.cend() ? nullptr : &*it;
}

ApsisExports::Phase ApsisExports::phase(const Export &e) const
{
    const auto age = Clock::now() - e.started;
    if (age >= m_context.options().jobTtl)
        return Phase::Expired;
    if (age < m_context.options().jobReadyAfter)
        return Phase::Pending;
    return e.fails ? Phase::Failed : Phase::Ready;
}

QDateTime ApsisExports::expiresAt(const Export &e) const
{
    return e.createdAt.addMSecs(m_context.options().jobTtl.count());
}

int ApsisExports::pending() const
{
    int count = 0;
    for (const Export &e : m_exports) {
        if (phase(e) == Phase::Pending)
            ++count;
    }
    return count;
}

void ApsisExports::reset()
{
    m_exports.clear();
    m_created = 0;
    const ApsisOptions &options = m_context.options().apsis;
    m_tokenRequests = RateWindow(options.tokenRequestsPerMinute, minutes(1));
    m_exportRequests = RateWindow(options.exportRequestsPerSecond, seconds(1));
    m_downloads = RateWindow(options.downloadsPerMinute, minutes(1));
}

} // namespace courier::sandbox
