#include "checks/checktype.h"

#include "checks/assertionevaluator.h"

namespace flowbench {

Status CheckType::validate(const Check &check) const
{
    const CheckVocabulary &v = vocabulary();
    if (const Status spec = v.validateSpec(check.spec); !spec)
        return spec;
    if (const Status rules = validateRules(check); !rules)
        return rules;
    return AssertionEvaluator::validate(check, v);
}

void CheckType::prepare(const Check &check) const
{
    AssertionEvaluator::prepare(check, vocabulary());
}

} // namespace flowbench
