#pragma once

#include "io/fileformat.h"
#include "io/importreport.h"
#include "model/projectchangeset.h"
#include "result.h"

#include <QByteArray>

namespace flowbench {

// What reading a file gives: the changes it makes to the project it goes into, and the
// report of what was taken and what was not.
struct Import
{
    ProjectChangeSet changes;
    ImportReport report;
};

// Reads one file format into a project. A new importer is one file pair implementing this
// and one line in formatregistry.cpp.
class Importer : public FileFormat
{
public:
    // `target` is the project the file goes into (empty for a new project): entities it
    // already has (by id) become changes, the rest additions. Either the whole file is
    // read or nothing: a failure is a message naming `sourceName` and the line or field.
    virtual Result<Import> read(
        const QByteArray &data, const QString &sourceName, const Project &target) const = 0;
};

} // namespace flowbench
