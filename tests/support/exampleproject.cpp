#include "support/exampleproject.h"

#include "io/canonicaljson.h"
#include "store/projectstore.h"

#include <QFile>
#include <QtTest>

namespace flowbench::testing {

QString exampleJsonPath()
{
    // Relative to this file: tests/support/ -> resources/examples/.
    return QFINDTESTDATA("../../resources/examples/shop.json");
}

Result<Project> exampleProject()
{
    const QString path = exampleJsonPath();
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return Result<Project>::failure(
            QStringLiteral("the example project resources/examples/shop.json was not found"));
    return fromCanonicalJson(file.readAll(), file.fileName());
}

Status writeExampleProjectFile(const QString &path)
{
    const Result<Project> example = exampleProject();
    if (!example)
        return Status::failure(example.error());
    auto store = ProjectStore::create(path, example->name);
    if (!store)
        return Status::failure(store.error());
    return store.value()->replaceContents(example.value());
}

} // namespace flowbench::testing
