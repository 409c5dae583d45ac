#pragma once

#include "command.h"

namespace flowbench {
class Importer;
}

namespace flowbench::cli {

// import --format FORMAT IN OUT.flowbench [--force]: all or nothing, any registered
// importer (core/io/formatregistry.h). A results format (junit) adds a run to the
// existing project OUT instead (Importer::addsRunToProject).
// import IN --into PROJECT [--dry-run] [--delete-removed]: a re-import merged into an
// existing project, its plan printed (io/reimportplan.h).
class ImportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override
    {
        return QStringLiteral("Create a project file from canonical JSON or another format.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;

private:
    int mergeInto(const QCommandLineParser &parser, const Importer &importer, const QString &inPath,
        const QString &projectPath, QTextStream &out, QTextStream &err) const;
    int addRun(const Importer &importer, const QString &inPath, const QString &projectPath, QTextStream &out,
        QTextStream &err) const;
};

} // namespace flowbench::cli
