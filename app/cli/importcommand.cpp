#include "importcommand.h"

#include "document/projectdocument.h"
#include "files/outputfile.h"
#include "formatoptions.h"
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "io/reimportplan.h"
#include "projectfiles.h"
#include "store/databasefile.h"
#include "store/projectstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace flowbench::cli {

void ImportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("The file to import."));
    parser.addPositionalArgument(QStringLiteral("OUT"),
        QStringLiteral("The project file to create (*.flowbench); for junit results, the existing project "
                       "they go into."));
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral("Input format: %1.")
            .arg(formatChoices(FormatRegistry::instance().importers(), QStringLiteral("json"))),
        QStringLiteral("FORMAT"), QStringLiteral("json") });
    parser.addOption({ QStringLiteral("force"), QStringLiteral("Replace OUT if it exists.") });
    parser.addOption({ QStringLiteral("environment"),
        QStringLiteral("A file that comes with IN (a Postman environment or globals file); repeatable."),
        QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("into"),
        QStringLiteral("Merge IN into this existing project instead of creating OUT: prints the plan "
                       "(added, changed, removed, untouched) and applies it."),
        QStringLiteral("PROJECT") });
    parser.addOption(
        { QStringLiteral("dry-run"), QStringLiteral("With --into: print the plan, change nothing.") });
    parser.addOption({ QStringLiteral("delete-removed"),
        QStringLiteral("With --into: delete what IN no longer has (default: keep it, marked for review).") });
    parser.addOption({ QStringLiteral("report"),
        QStringLiteral(
            "Write the import report (counts, what was not taken and where) as JSON to FILE ('-': stdout)."),
        QStringLiteral("FILE") });
}

int ImportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    const bool into = parser.isSet(QStringLiteral("into"));
    if (!into && (parser.isSet(QStringLiteral("dry-run")) || parser.isSet(QStringLiteral("delete-removed"))))
        return usageError(
            err, name(), QStringLiteral("--dry-run and --delete-removed go with --into PROJECT"));
    if (into ? args.size() != 1 : args.size() != 2)
        return usageError(err, name(),
            into ? QStringLiteral("expects IN with --into") : QStringLiteral("expects IN and OUT"));
    const QString format = parser.value(QStringLiteral("format"));
    const Importer *importer = FormatRegistry::instance().importer(format);
    if (!importer)
        return usageError(err, name(),
            QStringLiteral("unknown format \"%1\" %2")
                .arg(format, supportedFormats(FormatRegistry::instance().importerIds())));
    if (into && !importer->addsRunToProject())
        return mergeInto(parser, *importer, args[0], parser.value(QStringLiteral("into")), out, err);
    if (into)
        return addRun(*importer, args[0], parser.value(QStringLiteral("into")), out, err);
    const QString &inPath = args[0];
    const QString &outPath = args[1];
    if (importer->addsRunToProject())
        return addRun(*importer, inPath, outPath, out, err);
    const bool force = parser.isSet(QStringLiteral("force"));
    // A device, FIFO or "-" is refused before anything else: "already exists" would mislead.
    if (const Status s = checkProjectFileTarget(outPath); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    if (!force && QFile::exists(outPath)) {
        err << outPath << ": already exists; use --force to replace it\n";
        return ExitBadInput;
    }

    if (isSameFile(inPath, outPath)) {
        err << outPath << ": is the input file; choose another output file\n";
        return ExitBadInput;
    }

    // The whole input is parsed and validated before anything is written.
    const Result<Import> import
        = readImportFile(*importer, inPath, Project(), parser.values(QStringLiteral("environment")));
    if (!import) {
        err << import.error() << "\n";
        return ExitBadInput;
    }
    // Refuses exactly what `validate IN` refuses, with the same messages.
    if (reportProblems(err, inPath, importProblems(Project(), import->changes)))
        return ExitBadInput;
    const Project project = appliedTo(Project(), import->changes);
    if (const Status s = writeNewProject(project, outPath, force, QFileInfo(inPath).fileName()); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    out << "Imported " << inPath << " into " << outPath << ": " << project.nodes.size() << " nodes, "
        << project.edges.size() << " edges, " << project.flows.size() << " flows, "
        << project.testCases.size() << " test cases\n";
    for (const ImportNote &note : import->report.notTaken)
        out << "  not taken: " << note.toString() << "\n";
    if (parser.isSet(QStringLiteral("report"))) {
        const QByteArray json = QJsonDocument(import->report.toJson()).toJson(QJsonDocument::Indented);
        if (const Status s = writeOutput(parser.value(QStringLiteral("report")), json); !s) {
            err << s.error() << "\n";
            return ExitBadInput;
        }
    }
    return ExitOk;
}

// A newer collection or spec into a project that holds an earlier import: the plan is
// printed, then applied in one transaction (the GUI's File ▸ Import… applies the same plan
// as one undo step). Hand edits to what the source does not own survive.
int ImportCommand::mergeInto(const QCommandLineParser &parser, const Importer &importer,
    const QString &inPath, const QString &projectPath, QTextStream &out, QTextStream &err) const
{
    if (!QFile::exists(projectPath)) {
        err << projectPath << ": no such project; without --into, import IN OUT creates one\n";
        return ExitBadInput;
    }
    if (isSameFile(inPath, projectPath)) {
        err << projectPath << ": is the input file\n";
        return ExitBadInput;
    }
    auto document = ProjectDocument::open(projectPath);
    if (!document) {
        err << document.error() << "\n";
        return ExitBadInput;
    }
    ProjectDocument &doc = *document.value();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (!dryRun && doc.isReadOnly()) {
        err << projectPath << ": " << doc.readOnlyReason() << "\n";
        return ExitBadInput;
    }
    Project target = doc.snapshot();
    target.environments = doc.environments();
    Result<Import> import
        = readImportFile(importer, inPath, target, parser.values(QStringLiteral("environment")));
    if (!import) {
        err << import.error() << "\n";
        return ExitBadInput;
    }
    leaveOutRunHistory(import.value());
    const ReimportPlan plan = ReimportPlan::between(target, *import);
    const auto removed = parser.isSet(QStringLiteral("delete-removed"))
        ? ReimportPlan::Removed::Delete
        : ReimportPlan::Removed::KeepForReview;
    const ProjectChangeSet changes = plan.changes(removed);
    if (reportProblems(err, inPath, importProblems(target, changes)))
        return ExitBadInput;
    out << (dryRun ? "Would import " : "Importing ") << inPath << " into " << projectPath << ":\n"
        << plan.toText(removed);
    for (const ImportNote &note : import->report.notTaken)
        out << "  not taken: " << note.toString() << "\n";
    if (parser.isSet(QStringLiteral("report"))) {
        QJsonObject json = import->report.toJson();
        json.insert(QStringLiteral("plan"), plan.toJson());
        if (const Status s = writeOutput(
                parser.value(QStringLiteral("report")), QJsonDocument(json).toJson(QJsonDocument::Indented));
            !s) {
            err << s.error() << "\n";
            return ExitBadInput;
        }
    }
    if (dryRun)
        return ExitOk;
    if (changes.isEmpty()) {
        out << "Nothing to change.\n";
        return ExitOk;
    }
    if (const Status s = doc.applyChanges(changes, nullptr); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    out << "Applied.\n";
    return ExitOk;
}

// Results of another tool go into the project OUT names, which must exist: one run,
// written in one transaction; the project's map, test cases and history stay as they are.
int ImportCommand::addRun(const Importer &importer, const QString &inPath, const QString &projectPath,
    QTextStream &out, QTextStream &err) const
{
    if (!QFile::exists(projectPath)) {
        err << projectPath << ": no such project; " << importer.id()
            << " results go into an existing project (create it first)\n";
        return ExitBadInput;
    }
    auto store = ProjectStore::open(projectPath);
    if (!store) {
        err << store.error() << "\n";
        return ExitBadInput;
    }
    if ((*store)->isReadOnly()) {
        err << projectPath << ": " << (*store)->readOnlyReason() << "\n";
        return ExitBadInput;
    }
    const Result<Project> project = (*store)->load();
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    const Result<Import> import = readImportFile(importer, inPath, *project);
    if (!import) {
        err << import.error() << "\n";
        return ExitBadInput;
    }
    for (const Run &run : import->changes.added.runs) {
        QList<CheckResult> results;
        for (const CheckResult &r : import->changes.added.results)
            if (r.runId == run.id)
                results.append(r);
        if (const Status s = (*store)->addRun(run, results); !s) {
            err << s.error() << "\n";
            return ExitBadInput;
        }
    }
    out << "Imported " << inPath << " into " << projectPath << ": "
        << import->report.taken.join(QStringLiteral("; ")) << "\n";
    for (const ImportNote &note : import->report.notTaken)
        out << "  not taken: " << note.toString() << "\n";
    return ExitOk;
}

} // namespace flowbench::cli
