#pragma once

#include "model/project.h"
#include "result.h"

#include <QString>

namespace flowbench {

// Folds the write-ahead log of the SQLite database at `path` (its `path`-wal file) into
// the database file, so the file alone holds every committed transaction. Nothing to do
// without a -wal file. Fails, naming the file, when the log cannot be folded in (the
// file is not a database, or another program holds it busy).
Status checkpointDatabaseFile(const QString &path);

// Moves the finished database file `built` over `target`, so readers see the old file or
// the new one. The old file's committed transactions are first folded in from its -wal,
// and its -wal/-shm/-journal go only after the rename succeeded: whatever fails, the old
// project is still whole. `built` must be closed (its own -wal checkpointed away).
Status replaceDatabaseFile(const QString &built, const QString &target);

// Refuses a target that cannot hold a project database, naming it: a project is a regular
// file (built beside its target and renamed into place), never a device, a FIFO, a
// folder or standard output ("-"). A path that does not exist yet is fine.
Status checkProjectFileTarget(const QString &path);

// Writes `project` as a new project file at `path`, replacing what is there only once the
// new file is complete (built under a temporary name in the same folder, then moved over
// with replaceDatabaseFile): a failure leaves the old file as it was and no partial file.
// Refuses what checkProjectFileTarget refuses.
Status writeProjectFile(const Project &project, const QString &path);

} // namespace flowbench
