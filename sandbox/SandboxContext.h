#pragma once

#include "sandbox/auth/TokenIssuer.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/SandboxOptions.h"

#include <map>
#include <memory>
#include <QUrl>
#include <typeindex>

namespace courier::sandbox {

// What a protocol keeps between requests (jobs, destinations, sessions…). One object per
// type, created on first use by SandboxContext::state<T>(); reset() by POST /sandbox/reset.
class ProtocolState
{
public:
    virtual ~ProtocolState() = default;
    virtual void reset() = 0;
};

// Shared by every route: options, fault configuration, tokens, the request log and each
// protocol's state. Lives as long as the SandboxServer; single-threaded like the server.
class SandboxContext
{
public:
    explicit SandboxContext(SandboxOptions options);
    SandboxContext(const SandboxContext &) = delete;
    SandboxContext &operator=(const SandboxContext &) = delete;

    const SandboxOptions &options() const { return m_options; }
    SandboxOptions &options() { return m_options; }
    Faults &faults() { return m_faults; }
    TokenIssuer &tokens() { return m_tokens; }
    RequestLog &requestLog() { return *m_log; }
    std::shared_ptr<RequestLog> sharedRequestLog() const { return m_log; }

    // http://127.0.0.1:PORT once listening, for routes that hand out absolute URLs.
    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }

    // The state object of type T (a ProtocolState), created on first use with
    // T(SandboxContext &) when it has that constructor, else T().
    template <class T> T &state()
    {
        static_assert(std::is_base_of_v<ProtocolState, T>, "protocol state derives ProtocolState");
        auto &slot = m_states[std::type_index(typeid(T))];
        if (!slot) {
            if constexpr (std::is_constructible_v<T, SandboxContext &>)
                slot = std::make_unique<T>(*this);
            else
                slot = std::make_unique<T>();
        }
        return static_cast<T &>(*slot);
    }

    // The lifetime of a token issued now: the tokenTtlSeconds fault of this request's plan, or
    // the default.
    std::chrono::seconds tokenTtlFor(FaultPlan &plan) const;

    // Back to a fresh start: no faults (the options' initial ones are not restored), every
    // protocol state reset, no tokens, an empty request log.
    void reset();

private:
    SandboxOptions m_options;
    Faults m_faults;
    TokenIssuer m_tokens;
    std::shared_ptr<RequestLog> m_log = std::make_shared<RequestLog>();
    QUrl m_baseUrl;
    std::map<std::type_index, std::unique_ptr<ProtocolState>> m_states;
};

} // namespace courier::sandbox
