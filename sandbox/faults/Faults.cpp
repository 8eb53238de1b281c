#include "sandbox/faults/Faults.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

bool FaultPlan::mayFire(const std::shared_ptr<FaultRule> &rule) const
{
    return rule->times != 0 || m_counted.contains(rule.get());
}

const FaultRule *FaultPlan::peek(FaultKind kind) const
{
    for (const auto &rule : m_rules) {
        if (rule->has(kind) && mayFire(rule))
            return rule.get();
    }
    return nullptr;
}

std::optional<FaultRule> FaultPlan::take(FaultKind kind)
{
    for (const auto &rule : std::as_const(m_rules)) {
        if (!rule->has(kind) || !mayFire(rule))
            continue;
        if (!m_counted.contains(rule.get())) {
            m_counted.append(rule.get());
            if (rule->times > 0)
                --rule->times;
            ++rule->fired;
        }
        m_applied.append(faultKindName(kind));
        return *rule;
    }
    return std::nullopt;
}

void Faults::setRules(QList<FaultRule> rules)
{
    m_rules.clear();
    for (FaultRule &rule : rules)
        addRule(std::move(rule));
}

void Faults::addRule(FaultRule rule)
{
    m_rules.append(std::make_shared<FaultRule>(std::move(rule)));
}

void Faults::setSeed(quint64 seed)
{
    m_seed = seed;
    m_draws = SplitMixStream(seed);
}

void Faults::clear()
{
    m_rules.clear();
    m_draws = SplitMixStream(m_seed);
}

QList<FaultRule> Faults::rules() const
{
    QList<FaultRule> out;
    for (const auto &rule : m_rules)
        out.append(*rule);
    return out;
}

FaultPlan Faults::planFor(const QByteArray &method, const QString &path)
{
    QList<std::shared_ptr<FaultRule>> hit;
    for (const auto &rule : std::as_const(m_rules)) {
        if (!rule->matches(method, path))
            continue;
        // A draw only for rules that need one, so adding an errorRate rule does not change
        // which requests another rule's draws hit.
        if (rule->errorRate < 1.0 && m_draws.nextDouble() >= rule->errorRate)
            continue;
        hit.append(rule);
    }
    return FaultPlan(std::move(hit));
}

QJsonObject Faults::toJson() const
{
    QJsonArray rules;
    for (const auto &rule : m_rules)
        rules.append(rule->toJson());
    return QJsonObject{{u"seed"_s, qint64(m_seed)}, {u"rules"_s, rules}};
}

bool Faults::setFromJson(const QJsonObject &json, QString *error)
{
    QList<FaultRule> parsed;
    quint64 seed = m_seed;
    if (json.contains(u"rules"_s)) {
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (it.key() != "rules"_L1 && it.key() != "seed"_L1) {
                if (error)
                    *error = u"Unknown field \"%1\" next to \"rules\"; put fault fields inside a "
                             "rule."_s.arg(it.key());
                return false;
            }
        }
        if (!json.value(u"rules"_s).isArray()) {
            if (error)
                *error = u"\"rules\" must be an array of fault rules."_s;
            return false;
        }
        const QJsonArray rules = json.value(u"rules"_s).toArray();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            QString message;
            const auto rule = FaultRule::fromJson(rules.at(i).toObject(), &message);
            if (!rule) {
                if (error)
                    *error = u"Rule %1: %2"_s.arg(i + 1).arg(message);
                return false;
            }
            parsed.append(*rule);
        }
    } else {
        QJsonObject flat = json;
        flat.remove(u"seed"_s);
        if (!flat.isEmpty()) { // {} (or only a seed) clears the faults
            const auto rule = FaultRule::fromJson(flat, error);
            if (!rule)
                return false;
            parsed.append(*rule);
        }
    }
    const QJsonValue seedValue = json.value(u"seed"_s);
    if (!seedValue.isUndefined()) {
        if (!seedValue.isDouble() || seedValue.toDouble() < 0) {
            if (error)
                *error = u"\"seed\" must be a non-negative whole number."_s;
            return false;
        }
        seed = quint64(seedValue.toDouble());
    }
    setSeed(seed);
    setRules(std::move(parsed));
    return true;
}

} // namespace courier::sandbox
