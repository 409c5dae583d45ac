#pragma once

#include "model/environment.h"

#include <QJsonArray>
#include <QString>
#include <QVariantMap>

namespace flowbench {

// What a pool thread needs to run one sql check, copied so nothing is shared.
struct SqlRequest
{
    Connection connection;
    QString projectDir;
    QString query;
    QVariantMap params; // placeholder name (without ':') -> value
    bool allowWrites = false;
    int timeoutMs = 10000;
    int maxRows = 10000;
};

struct SqlResponse
{
    bool ok = false;
    QString error;     // for a person, names the database
    QJsonArray rows;   // column name -> value
    qint64 count = 0;  // rows returned, or rows affected by a write
    QString columns;   // header line for the evidence
};

// Opens its own connection (a connection name is only usable in the thread that opened
// it), runs the query and closes it again. Safe to call from any thread.
SqlResponse runSqlQuery(const SqlRequest &request);
// "127.0.0.1:5432/shop" or the SQLite file path, for messages.
QString describeDatabase(const Connection &connection, const QString &projectDir);
QString sqliteFilePath(const Connection &connection, const QString &projectDir);

} // namespace flowbench
