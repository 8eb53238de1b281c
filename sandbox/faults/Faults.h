#pragma once

#include "sandbox/audience/SplitMix.h"
#include "sandbox/faults/FaultRule.h"

#include <memory>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace courier::sandbox {

struct Request;

// The faults one request may suffer: the rules that matched it (scope, times left, errorRate
// draw). A fault counts against its rule's `times` only when it is actually applied —
// take() — so a truncateGzip rule waits for a gzip body instead of being used up by the JSON
// polls before it. One request uses up at most one of a rule's times, whatever it applies.
class FaultPlan
{
public:
    FaultPlan() = default;
    explicit FaultPlan(QList<std::shared_ptr<FaultRule>> rules)
        : m_rules(std::move(rules))
    {}

    // The first matching rule with this action that may still fire; null when none.
    const FaultRule *peek(FaultKind kind) const;
    // Fires it: counts it and returns its parameters; nullopt when none may fire.
    std::optional<FaultRule> take(FaultKind kind);

    bool isEmpty() const { return m_rules.isEmpty(); }
    QStringList applied() const { return m_applied; } // names of the faults fired, for the log

private:
    bool mayFire(const std::shared_ptr<FaultRule> &rule) const;

    QList<std::shared_ptr<FaultRule>> m_rules;
    QList<const FaultRule *> m_counted; // rules this request already used one time of
    QStringList m_applied;
};

// The fault configuration of a running sandbox: an ordered list of rules and the seed of the
// errorRate draws. JSON (GET/PUT /sandbox/faults):
//   {"seed": 1, "rules": [{"pathPrefix": "/exchange/", "times": 2, "errorStatus": 503}]}
// or a single rule given flat: {"errorStatus": 503, "times": 1}.
class Faults
{
public:
    void setRules(QList<FaultRule> rules);
    void addRule(FaultRule rule);
    void setSeed(quint64 seed);
    void clear(); // no rules; the seed is kept
    quint64 seed() const { return m_seed; }
    QList<FaultRule> rules() const;

    FaultPlan planFor(const QByteArray &method, const QString &path);

    QJsonObject toJson() const;
    // Replaces the whole configuration; false (and nothing changed) when the JSON is invalid.
    bool setFromJson(const QJsonObject &json, QString *error);

private:
    QList<std::shared_ptr<FaultRule>> m_rules;
    quint64 m_seed = 1;
    SplitMixStream m_draws{1};
};

} // namespace courier::sandbox
