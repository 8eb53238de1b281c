#pragma once

#include "sandbox/http/Request.h"

#include <functional>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier::sandbox {

class Responder;
class SandboxContext;

// Method + path pattern → handler. Patterns are literal segments and {name} captures:
// "/exchange/v1/jobs/{jobId}/data/{dataId}". A capture matches one non-empty segment; when
// several routes match, the one with more literal segments wins, so "/x/new" beats "/x/{id}".
class Router
{
public:
    // A handler answers through the Responder, now or later (it may keep a copy of it; the
    // connection stays open until it answers). It must never block.
    using Handler = std::function<void(const Request &request, Responder &responder)>;
    // A protocol's handlers are free functions of the context; this binds one to it.
    using ContextHandler = void (*)(SandboxContext &, const Request &, Responder &);
    static Handler bind(SandboxContext &context, ContextHandler handler)
    {
        return [&context, handler](const Request &request, Responder &responder) {
            handler(context, request, responder);
        };
    }

    enum class Faults {
        Apply, // the request is subject to fault injection (every protocol route)
        Exempt // the sandbox's own control routes: a test must always be able to reset
    };

    void add(Request::Method method, const QString &pattern, Handler handler,
             Faults faults = Faults::Apply);
    void get(const QString &pattern, Handler handler, Faults faults = Faults::Apply)
    {
        add(Request::Method::Get, pattern, std::move(handler), faults);
    }
    void post(const QString &pattern, Handler handler, Faults faults = Faults::Apply)
    {
        add(Request::Method::Post, pattern, std::move(handler), faults);
    }
    void put(const QString &pattern, Handler handler, Faults faults = Faults::Apply)
    {
        add(Request::Method::Put, pattern, std::move(handler), faults);
    }
    void del(const QString &pattern, Handler handler, Faults faults = Faults::Apply)
    {
        add(Request::Method::Delete, pattern, std::move(handler), faults);
    }

    struct Match
    {
        const Handler *handler = nullptr; // null: no route for this method and path
        Faults faults = Faults::Apply;
        QHash<QString, QString> params;
        QList<Request::Method> allowed; // when the path matched but not the method (→ 405)
    };
    Match match(Request::Method method, const QString &path) const;

    // "GET /exchange/v1/segments" lines, for --help-routes and the docs.
    QStringList describe() const;

private:
    struct Route
    {
        Request::Method method;
        QString pattern;
        QStringList segments;
        int literals = 0;
        Faults faults;
        Handler handler;
    };
    static QStringList split(const QString &path);
    static bool matches(const Route &route, const QStringList &segments,
                        QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace courier::sandbox
