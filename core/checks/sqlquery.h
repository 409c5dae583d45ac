#pragma once

#include "model/environment.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <memory>

namespace flowbench {

class PgCancelSwitch;
class PgRoleVerdicts;

// What a pool thread needs to run one sql check, copied so nothing is shared but the
// cancel switch and the run's role verdicts, which are made for sharing.
struct SqlRequest
{
    Connection connection;
    QString projectDir;
    QString query;
    QVariantMap params; // placeholder name (without ':') -> value
    bool allowWrites = false;
    int timeoutMs = 10000;
    int maxRows = 10000;
    QString environmentName;
    bool protectedEnvironment = false; // PostgreSQL: the role must not be able to write
    std::shared_ptr<PgRoleVerdicts> roleVerdicts; // null: ask the server for every check
    std::shared_ptr<PgCancelSwitch> cancel; // PostgreSQL: flipped by cancel()
};

struct SqlResponse
{
    bool ok = false;
    QString error; // for a person, names the database
    QJsonArray rows; // column name -> value
    qint64 count = 0; // rows returned, or rows affected by a write
    QString columns; // header line for the evidence
    QStringList warnings; // for the run, once (a role that could write, on an unprotected environment)
};

// Opens its own connection (a connection name is only usable in the thread that opened
// it), runs the query and closes it again. Safe to call from any thread. SQLite goes
// through Qt's QSQLITE driver, PostgreSQL through libpq (runPostgresQuery).
SqlResponse runSqlQuery(const SqlRequest &request);
// "127.0.0.1:5432/shop" or the SQLite file path, for messages.
QString describeDatabase(const Connection &connection, const QString &projectDir);
QString sqliteFilePath(const Connection &connection, const QString &projectDir);

} // namespace flowbench
