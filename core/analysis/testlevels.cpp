#include "analysis/testlevels.h"

#include "checks/checkregistry.h"

#include <QStringList>
#include <numeric>

namespace flowbench {

TestLevel effectiveLevel(const TestCase &testCase)
{
    if (testCase.level)
        return *testCase.level;
    if (!testCase.automated)
        return TestLevel::EndToEnd;
    TestLevel deepest = TestLevel::Api;
    for (const Check &check : testCase.checks)
        if (const CheckType *type = CheckRegistry::instance().type(check.type))
            deepest = std::max(deepest, type->vocabulary().level);
    return deepest;
}

int LevelMix::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), 0);
}

QString LevelMix::text() const
{
    QStringList parts;
    for (TestLevel level : allTestLevels())
        if (count(level) > 0)
            parts << QStringLiteral("%1 %2").arg(toString(level)).arg(count(level));
    return parts.join(QStringLiteral(", "));
}

} // namespace flowbench
