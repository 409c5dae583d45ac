// OpenAPI / Swagger import (JSON or YAML through yaml-cpp, $refs, schema bundling,
// example building): any bytes give an import or an error naming the file, never a
// crash. What it accepts is a valid project, every test case names its operation, and
// every json_schema it wrote compiles.
#include "fuzzsupport.h"

#include "checks/checkregistry.h"
#include "io/openapi/openapiimporter.h"
#include "io/projectimport.h"

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    static const OpenApiImporter importer;
    const Result<Import> imported
        = importer.read(ImportSource::inMemory(bytes, QStringLiteral("fuzz.yaml")), Project());
    if (!imported) {
        if (!imported.error().startsWith(QLatin1String("fuzz.yaml")))
            fuzz::broken("an import error that does not name the file", imported.error());
        return 0;
    }
    if (const QStringList problems = importProblems(Project(), imported->changes); !problems.isEmpty())
        fuzz::broken("the import gave an invalid project", problems.join(QLatin1Char('\n')));
    const CheckType *http = CheckRegistry::instance().type(QStringLiteral("http"));
    for (const TestCase &t : imported->changes.added.testCases) {
        if (!t.source.startsWith(QLatin1String("openapi:")))
            fuzz::broken("a test case without its operation", t.title);
        for (const Check &c : t.checks)
            if (const Status valid = http->validate(c); !valid)
                fuzz::broken("an imported check that does not validate", valid.error());
    }
    return 0;
}
