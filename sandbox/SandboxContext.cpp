#include "sandbox/SandboxContext.h"

namespace courier::sandbox {

SandboxContext::SandboxContext(SandboxOptions options)
    : m_options(std::move(options))
{
    m_faults.setSeed(m_options.faultSeed);
    m_faults.setRules(m_options.faults);
}

std::chrono::seconds SandboxContext::tokenTtlFor(FaultPlan &plan) const
{
    if (const auto rule = plan.take(FaultKind::TokenTtl))
        return std::chrono::seconds(rule->tokenTtlSeconds);
    return m_options.tokenTtl;
}

void SandboxContext::reset()
{
    m_faults.clear();
    m_tokens.clear();
    m_log->clear();
    for (auto &[type, state] : m_states)
        state->reset();
}

} // namespace courier::sandbox
