#pragma once

#include <optional>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <string>

namespace courier {

// E-mail addresses as Meta and Google want them before hashing: surrounding white space
// removed, lower-cased (Unicode-aware). The check is deliberately loose — an address is
// rejected only when it clearly is not one: no @ or several, nothing before the @, a domain
// without a dot (or starting, ending or doubling one), white space inside.
//
// Gmail rule (Google only, optional): Google's Customer Match and enhanced-conversions guides
// say to remove the dots before the domain of gmail.com and googlemail.com addresses. Nothing
// else changes — "+tags" stay and googlemail.com stays googlemail.com, as in Google's guide and
// the test vector janedoe+promo@gmail.com. Meta does not want this rule.
class EmailNormaliser
{
    Q_DECLARE_TR_FUNCTIONS(EmailNormaliser)

public:
    enum class Rule { Standard, GmailDots };

    // Returns the normalised address, viewing in or scratch (which must outlive it). An empty
    // or blank value gives an empty result. On failure, returns nothing and sets *problem to a
    // translated sentence naming the value and what is wrong with it.
    static std::optional<QByteArrayView> normalise(QByteArrayView in, std::string &scratch,
                                                   Rule rule, QString *problem);

    // gmail.com or googlemail.com (the domain as given, already lower case).
    static bool isGmailDomain(QByteArrayView domain);
};

} // namespace courier
