#pragma once

#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flowbench {

// JUnit XML as Jenkins and GitLab read it: <testsuites> with one <testsuite> per node,
// one <testcase> per test case (classname = node, name = title), and <failure>,
// <error> or <skipped> with the first problem's message and every step in the text.
// Cleanup steps stay inside their test case's <testcase> (listed after "cleanup:" in
// the text and in <system-out>), not a <testcase> of their own: CI would count them as
// tests, and a cleanup that left something behind is the test case's <error>.
// Valid against tests/data/junit/junit.xsd (the constraints of Jenkins' junit-10.xsd and
// Maven Surefire's XSD). Equal titles in one suite are numbered, "Title", "Title (2)",
// in the project's order of test cases, so a name does not depend on what else ran.
class JUnitReport
{
public:
    static QByteArray toXml(const Project &project, const Run &run, const QList<CheckResult> &results);
    // Through an OutputFile ('-' is standard output); the error names the file.
    static Status write(
        const QString &path, const Project &project, const Run &run, const QList<CheckResult> &results);
};

} // namespace flowbench
