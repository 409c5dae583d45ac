// Postman Collection import (reader, auth, bodies, variables, script translation, chains):
// any bytes give a project change set or an error naming the file, never a crash. What
// it accepts is a valid project, and importing the same bytes into that project again
// changes nothing (the re-import merge is idempotent).
#include "fuzzsupport.h"

#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "model/projectchangeset.h"

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Importer *postman = FormatRegistry::instance().importer(QStringLiteral("postman"));
    const QString name = QStringLiteral("fuzz.postman_collection.json");
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Import> imported = postman->read(ImportSource::inMemory(bytes, name), Project());
    if (!imported) {
        if (!imported.error().startsWith(name))
            fuzz::broken("an import error that does not name the file", imported.error());
        return 0;
    }
    const QStringList problems = importProblems(Project(), imported->changes);
    if (!problems.isEmpty())
        fuzz::broken("the import gave an invalid project", problems.join(QLatin1Char('\n')));
    const Project project = appliedTo(Project(), imported->changes);
    const Result<Import> again = postman->read(ImportSource::inMemory(bytes, name), project);
    if (!again)
        fuzz::broken("the same bytes failed the second time", again.error());
    if (!again->changes.isEmpty())
        fuzz::broken("a re-import of the same collection changed the project",
            ProjectChangeSet::describe(again->changes.added) + QStringLiteral(" / ")
                + ProjectChangeSet::describe(again->changes.changed));
    return 0;
}
