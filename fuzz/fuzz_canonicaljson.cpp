// Canonical JSON import (fromCanonicalJson): any bytes give a valid Project or an error,
// never a crash; and what it accepts survives export -> import -> export unchanged, as
// core/io/canonicaljson.h promises.
#include "fuzzsupport.h"

#include "io/canonicaljson.h"

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Project> project = fromCanonicalJson(bytes, QStringLiteral("fuzz.json"));
    if (!project) {
        if (project.error().isEmpty())
            fuzz::broken("an import error without a message", QString());
        return 0;
    }
    if (const QStringList problems = validateProject(*project); !problems.isEmpty())
        fuzz::broken("fromCanonicalJson accepted an invalid project", problems.join(QLatin1Char('\n')));

    const JsonExportOptions withRuns { true };
    const QByteArray exported = toCanonicalJson(*project, withRuns);
    const Result<Project> again = fromCanonicalJson(exported, QStringLiteral("exported.json"));
    if (!again)
        fuzz::broken("an exported project does not import",
            again.error() + QLatin1Char('\n') + QString::fromUtf8(exported));
    if (!(*again == sortedCanonically(*project)))
        fuzz::broken("export -> import changed the project", QString::fromUtf8(exported));
    const QByteArray exportedAgain = toCanonicalJson(*again, withRuns);
    if (exportedAgain != exported)
        fuzz::broken("export -> import -> export changed the text",
            QString::fromUtf8(exported) + QStringLiteral("\n---\n") + QString::fromUtf8(exportedAgain));
    return 0;
}
