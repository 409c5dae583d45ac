#include "support/projectfile.h"

#include "store/projectstore.h"

namespace flowbench::testing {

Project reopenProject(const QString &path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        qFatal("cannot reopen %s: %s", qPrintable(path), qPrintable(store.error()));
    auto project = store.value()->load();
    if (!project)
        qFatal("cannot load %s: %s", qPrintable(path), qPrintable(project.error()));
    return project.value();
}

} // namespace flowbench::testing
