#pragma once

#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace flowbench {

// Marks a SQLite file as a Flowbench project (PRAGMA application_id, header offset 68):
// the bytes "FLBW".
constexpr qint32 kFlowbenchApplicationId = 0x464C4257;

// One step of the schema. Statements run in order inside the caller's transaction;
// once applied, a migration is never edited: a change is a new migration.
struct Migration
{
    int version = 0;
    const char *summary = "";
    QStringList statements;
};

// Every migration, ordered by version (strictly increasing; a number may be missing). The
// last version is the current one.
const QList<Migration> &schemaMigrations();
int latestSchemaVersion();

// Applies migrations fromVersion+1 .. toVersion and records each in schema_version.
// The caller holds the transaction. Errors name the migration and the database's message.
// The statements are written for SQLite; on PostgreSQL they run as SqlDialect rewrites
// them, so one numbered list serves both (no migration is written twice).
Status applyMigrations(const QSqlDatabase &db, int fromVersion, int toVersion);

} // namespace flowbench
