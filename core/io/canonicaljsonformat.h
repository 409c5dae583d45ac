#pragma once

#include "io/exporter.h"
#include "io/importer.h"

namespace flowbench {

// Canonical JSON (io/canonicaljson.h) in the format registry: the whole project, made for
// review and diff in git.
class CanonicalJsonImporter : public Importer
{
public:
    QString id() const override { return QStringLiteral("json"); }
    QString displayName() const override { return QStringLiteral("Flowbench JSON"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.json") }; }
    QString description() const override { return QStringLiteral("a whole project in canonical JSON"); }
    Result<Import> read(const ImportSource &source, const Project &target) const override;
};

class CanonicalJsonExporter : public Exporter
{
public:
    QString id() const override { return QStringLiteral("json"); }
    QString displayName() const override { return QStringLiteral("Flowbench JSON"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.json") }; }
    QString description() const override
    {
        return QStringLiteral("the whole project as canonical JSON, in a stable order for review and diff");
    }
    Result<QByteArray> write(const Project &project, const ExportOptions &options) const override;
};

} // namespace flowbench
