#include "sandbox/protocols/ga4/Ga4Exports.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

quint64 freshIdBase()
{
    // Nine-digit ids, a new range after every reset so an old name is never taken for a new
    // export.
    return 100'000'000 + QRandomGenerator::global()->bounded(800'000) * 1000;
}

// Google writes timestamps with up to nine fractional digits; clients must cope.
QString nanosecondTime(const QDateTime &time)
{
    const quint32 extra = QRandomGenerator::global()->bounded(1'000'000u);
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) +
           u"%1Z"_s.arg(extra, 6, 10, QChar(u'0'));
}

} // namespace

QString Ga4Exports::Export::name() const
{
    return u"properties/%1/audienceExports/%2"_s.arg(audience.property, id);
}

Ga4Exports::Ga4Exports(SandboxContext &context)
    : m_context(context)
    , m_idBase(freshIdBase())
{}

const Ga4Exports::Export &Ga4Exports::create(const Ga4Catalogue::Audience &audience,
                                             QList<Ga4Dimension> dimensions, bool fails)
{
    Export e;
    e.id = QString::number(m_idBase + ++m_created);
    e.audience = audience;
    e.dimensions = std::move(dimensions);
    e.createdAt = QDateTime::currentDateTimeUtc();
    e.beginCreatingTime = nanosecondTime(e.createdAt);
    e.started = Clock::now();
    e.fails = fails;
    const QString name = e.name();
    m_order.append(name);
    return *m_exports.insert(name, std::move(e));
}

const Ga4Exports::Export *Ga4Exports::find(const QString &property, const QString &id) const
{
    const auto it = m_exports.constFind(u"properties/%1/audienceExports/%2"_s.arg(property, id));
    return it == m_exports.cend() ? nullptr : &*it;
}

QList<const Ga4Exports::Export *> Ga4Exports::list(const QString &property) const
{
    QList<const Export *> out;
    for (const QString &name : m_order) {
        const auto it = m_exports.constFind(name);
        if (it == m_exports.cend())
            continue;
        const Export &e = *it;
        if (e.property() == property && phase(e) != Phase::Expired)
            out.append(&e);
    }
    return out;
}

Ga4Exports::Phase Ga4Exports::phase(const Export &e) const
{
    const auto age = Clock::now() - e.started;
    if (age >= m_context.options().ga4.exportTtl)
        return Phase::Expired;
    if (age < m_context.options().jobReadyAfter)
        return Phase::Creating;
    return e.fails ? Phase::Failed : Phase::Active;
}

double Ga4Exports::percentageCompleted(const Export &e) const
{
    using namespace std::chrono;
    const auto ready = m_context.options().jobReadyAfter;
    if (ready.count() <= 0)
        return 100.0;
    const auto age = duration_cast<milliseconds>(Clock::now() - e.started);
    if (age >= ready)
        return 100.0;
    // Rises with time, never 100 while creating; one decimal, as Google shows it.
    return std::min(99.9, double(age.count() * 1000 / ready.count()) / 10.0);
}

int Ga4Exports::quotaTokensCharged(const Export &e) const
{
    // Grows while CREATING and is frozen once ACTIVE or FAILED, as the API documents.
    const int total = int(std::min<qint64>(2'000, 3 + e.audience.size / 5'000));
    if (phase(e) == Phase::Creating)
        return int(total * percentageCompleted(e) / 100.0);
    return e.fails ? std::max(1, total / 2) : total;
}

QJsonObject Ga4Exports::toJson(const Export &e) const
{
    QJsonArray dimensions;
    for (const Ga4Dimension d : e.dimensions)
        dimensions.append(QJsonObject{{u"dimensionName"_s, ga4DimensionName(d)}});
    // Field order and omissions as in proto3 JSON: zero values are left out.
    QJsonObject json{{u"name"_s, e.name()},
                     {u"audience"_s, e.audience.name()},
                     {u"audienceDisplayName"_s, e.audience.displayName},
                     {u"dimensions"_s, dimensions},
                     {u"beginCreatingTime"_s, e.beginCreatingTime}};
    const int tokens = quotaTokensCharged(e);
    if (tokens > 0)
        json.insert(u"creationQuotaTokensCharged"_s, tokens);
    switch (phase(e)) {
    case Phase::Creating:
        json.insert(u"state"_s, u"CREATING"_s);
        if (const double percent = percentageCompleted(e); percent > 0)
            json.insert(u"percentageCompleted"_s, percent);
        break;
    case Phase::Failed:
        json.insert(u"state"_s, u"FAILED"_s);
        json.insert(u"percentageCompleted"_s, 100);
        json.insert(u"errorMessage"_s,
                    u"Audience export creation failed: the property's Core tokens per hour "
                    "quota was exhausted (sandbox failJobs fault). Create a new audience "
                    "export."_s);
        break;
    case Phase::Active:
    case Phase::Expired:
        json.insert(u"state"_s, u"ACTIVE"_s);
        json.insert(u"percentageCompleted"_s, 100);
        if (e.audience.size > 0)
            json.insert(u"rowCount"_s, e.audience.size);
        break;
    }
    return json;
}

QJsonObject Ga4Exports::operationJson(const Export &e) const
{
    // The export's resource name is findable two ways: response.name (as in Google's sample
    // answer, which carries the AudienceExport while the operation is not done) and
    // metadata.audienceExport.
    QJsonObject response = toJson(e);
    response.insert(u"@type"_s,
                    u"type.googleapis.com/google.analytics.data.v1beta.AudienceExport"_s);
    const QJsonObject metadata{
        {u"@type"_s, u"type.googleapis.com/google.analytics.data.v1beta.AudienceExportMetadata"_s},
        {u"audienceExport"_s, e.name()}};
    return QJsonObject{
        {u"name"_s, u"properties/%1/operations/audienceExport-%2"_s.arg(e.property(), e.id)},
        {u"metadata"_s, metadata},
        {u"done"_s, false},
        {u"response"_s, response}};
}

std::optional<Ga4Exports::InFlight> Ga4Exports::enter(const QString &property)
{
    std::shared_ptr<int> &counter = m_inFlight[property];
    if (!counter)
        counter = std::make_shared<int>(0);
    const int max = m_context.options().ga4.maxConcurrentRequests;
    if (max > 0 && *counter >= max)
        return std::nullopt;
    ++*counter;
    return InFlight(counter);
}

int Ga4Exports::inFlight(const QString &property) const
{
    const auto counter = m_inFlight.value(property);
    return counter ? *counter : 0;
}

void Ga4Exports::reset()
{
    m_exports.clear();
    m_order.clear();
    m_created = 0;
    m_idBase = freshIdBase();
    m_inFlight.clear();
}

} // namespace courier::sandbox
