#include "sandbox/http/Router.h"

namespace courier::sandbox {

QStringList Router::split(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

void Router::add(Request::Method method, const QString &pattern, Handler handler, Faults faults)
{
    Route route{method, pattern, split(pattern), 0, faults, std::move(handler)};
    for (const QString &segment : std::as_const(route.segments)) {
        if (!(segment.startsWith(u'{') && segment.endsWith(u'}')))
            ++route.literals;
    }
    m_routes.append(std::move(route));
}

bool Router::matches(const Route &route, const QStringList &segments,
                     QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &want = route.segments.at(i);
        if (want.startsWith(u'{') && want.endsWith(u'}'))
            captured.insert(want.mid(1, want.size() - 2), segments.at(i));
        else if (want != segments.at(i))
            return false;
    }
    if (params)
        *params = std::move(captured);
    return true;
}

Router::Match Router::match(Request::Method method, const QString &path) const
{
    const QStringList segments = split(path);
    Match best;
    int bestLiterals = -1;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matches(route, segments, &params))
            continue;
        if (route.method != method) {
            if (!best.allowed.contains(route.method))
                best.allowed.append(route.method);
            continue;
        }
        if (route.literals > bestLiterals) {
            bestLiterals = route.literals;
            best.handler = &route.handler;
            best.faults = route.faults;
            best.params = std::move(params);
        }
    }
    return best;
}

QStringList Router::describe() const
{
    QStringList lines;
    for (const Route &route : m_routes)
        lines << QString::fromLatin1(methodName(route.method)) + u' ' + route.pattern;
    return lines;
}

} // namespace courier::sandbox
