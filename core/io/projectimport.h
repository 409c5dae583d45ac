#pragma once

#include "io/importer.h"

#include <QStringList>

namespace flowbench {

// The steps every import takes, whichever the format and wherever it goes (a new project
// file from `flowbench-cli import`, the open project from File ▸ Import…).

// Reads the file at `path` with `importer` against `target`; relative references in it
// resolve from its folder. A file that cannot be read is an error naming it.
Result<Import> readImportFile(const Importer &importer, const QString &path, const Project &target,
    const QStringList &companionFiles = {});

// The report's "taken" lines for `changes` ("added 3 nodes, 2 edges", "changed 1 node").
ImportReport summarizeImport(const QString &source, const ProjectChangeSet &changes);

// An open project keeps no run history from a file (its runs are its own): the runs and
// results the file adds are moved out of the changes into the report's "not taken".
void leaveOutRunHistory(Import &import);

// What `flowbench-cli validate` would refuse in `target` after the import, one message
// per problem (checks/projectvalidator.h). An import with problems writes nothing.
QStringList importProblems(const Project &target, const ProjectChangeSet &changes);

// A re-imported step's assertions: the source's (`fresh`), then those of the step as the
// project holds it (`before`) that a person added: of a kind and target the source does
// not assert. One the source asserts with another value is the source's to change.
QList<Assertion> mergeHandAssertions(const QList<Assertion> &fresh, const QList<Assertion> &before);

} // namespace flowbench
