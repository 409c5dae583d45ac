#pragma once

#include "io/importer.h"

namespace flowbench {

// JUnit XML results from other tools (pytest, Maven Surefire, newman, Playwright…) as a
// run of the target project: each <testcase> is matched to test cases by their junitName
// patterns (one or more, separated by commas; * and ? wildcards; against "classname.name"
// and "name"), else by a title equal to "classname.name" or "name". Every check of a
// matched test case gets the testcase's outcome (failure -> fail, error -> error,
// skipped -> skipped, else pass), so the map paints it like a run of its own. The run's
// source is the file. Testcases that match nothing, and matched test cases without checks
// (nothing to paint), are listed in the report. A file that is not JUnit XML is an error
// naming the line.
class JunitResultsImporter : public Importer
{
public:
    QString id() const override { return QStringLiteral("junit"); }
    QString displayName() const override { return QStringLiteral("JUnit XML results"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.xml") }; }
    QString description() const override
    {
        return QStringLiteral("results of another tool's tests as a run of an existing project");
    }
    Result<Import> read(const ImportSource &source, const Project &target) const override;
    bool addsRunToProject() const override { return true; }

    // Whether `name` matches a junitName pattern list ("*.test_checkout*, smoke.?").
    static bool matches(const QString &patterns, const QString &name);
};

} // namespace flowbench
