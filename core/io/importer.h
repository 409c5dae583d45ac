#pragma once

#include "io/fileformat.h"
#include "io/importreport.h"
#include "model/projectchangeset.h"
#include "result.h"

#include <QByteArray>
#include <QSet>
#include <QStringList>
#include <optional>

namespace flowbench {

// One file to import and what comes with it.
struct ImportSource
{
    QByteArray data;
    QString name; // the path or name every message starts with
    // Where relative references resolve ($ref files, form-data files); empty when the
    // data came from nowhere on disk (a fuzzer, a test): such references are then errors.
    QString baseDirectory;
    // Files given with the main one (`--with FILE`: a Postman environment or globals file),
    // read by the importer, which names them in its messages.
    QStringList companionFiles;

    // Bytes from nowhere on disk (a test, a fuzzer, the clipboard).
    static ImportSource inMemory(const QByteArray &data, const QString &name)
    {
        ImportSource source;
        source.data = data;
        source.name = name;
        return source;
    }
};

// What reading a file gives: the changes it makes to the project it goes into, and the
// report of what was taken and what was not.
struct Import
{
    ProjectChangeSet changes;
    ImportReport report;
    // Ids of every entity the file describes, changed or not: a re-import plan
    // (io/reimportplan.h) tells an untouched item from one the file no longer has.
    // Empty for formats that do not say (then nothing counts as removed).
    QSet<Id> described;
    // Test cases of the target an earlier import of this very file made (a Postman
    // collection knows its own by its id), so another collection's are never "removed".
    // Unset: judged by the kind of source ("openapi:", "postman:").
    std::optional<QSet<Id>> earlier;
};

// Reads one file format into a project. A new importer is one file pair implementing this
// and one line in formatregistry.cpp.
class Importer : public FileFormat
{
public:
    // `target` is the project the file goes into (empty for a new project): entities it
    // already has (by id) become changes, the rest additions. Either the whole file is
    // read or nothing: a failure is a message naming `source.name` and the line or field.
    virtual Result<Import> read(const ImportSource &source, const Project &target) const = 0;
    // True for results of other tools (JUnit XML): they add a run to an existing project
    // (changes.added.runs/results) instead of making a project.
    virtual bool addsRunToProject() const { return false; }
    // Non-empty: the title of a dialog asking for optional companion files after the main
    // one ("Postman environment and globals files (optional)").
    virtual QString companionFilesPrompt() const { return {}; }
};

} // namespace flowbench
