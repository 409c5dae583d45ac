// Opening a project file: the bytes become a *.flowbench file in a private folder, which
// ProjectStore::open reads (header check, schema version, migrations) and load() reads
// whole. Any bytes give a project or an error naming the file, never a crash.
#include "fuzzsupport.h"

#include "store/projectstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace flowbench;

namespace {

QTemporaryDir *folder = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    fuzz::ensureApplication();
    folder = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/flowbench-fuzz-XXXXXX"));
    if (!folder->isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        std::abort();
    }
    std::atexit([] { delete folder; });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = folder->filePath(QStringLiteral("fuzz.flowbench"));
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            fuzz::broken("cannot write the input file", file.errorString());
    }
    Result<std::unique_ptr<ProjectStore>> store = ProjectStore::open(path);
    if (!store) {
        if (!store.error().contains(path))
            fuzz::broken("an open error that does not name the file", store.error());
        return 0;
    }
    const Result<Project> project = (*store)->load();
    if (project) {
        // What a stored project reads back as is a valid project, or the load says why not.
        (void)(*store)->projectName();
    } else if (project.error().isEmpty()) {
        fuzz::broken("a load error without a message", QString());
    }
    return 0;
}
