#include "support/projectfile.h"

#include "io/canonicaljson.h"
#include "store/projectstore.h"

#include <QFile>

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

Project readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    Result<Project> project = fromCanonicalJson(file.readAll(), path);
    if (!project)
        qFatal("%s", qPrintable(project.error()));
    return project.value();
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace flowbench::testing
