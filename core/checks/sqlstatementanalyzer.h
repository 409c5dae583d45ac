#pragma once

#include "checks/sqllexer.h"

#include <QStringList>

namespace flowbench {

// What a sql check may run, decided from its text before it reaches a database, for
// every driver and for `validate`/`import` alike:
// - exactly one statement (a trailing ';', spaces and comments are fine);
// - when read-only, only a statement that reads (SELECT, WITH, VALUES, TABLE, SHOW,
//   EXPLAIN of one of those), with no data-modifying WITH part, SELECT … INTO, row locks
//   (FOR UPDATE/SHARE) or call of a function known for its side effects (dblink_exec,
//   lo_import, set_config, pg_terminate_backend, load_extension…).
// The database's own guards (read-only transaction, query_only, one statement per
// extended-protocol query) still hold; this is the first of the layers, with a message
// that says what was refused and where.
class SqlStatementAnalyzer
{
public:
    // Why `query` may not run over a connection of `dialect`; empty when it may.
    static QString refusal(const QString &query, SqlDialect dialect, bool readOnly);
    // For validation, which does not know the connection yet: the PostgreSQL reading's
    // reason when the text is refused in every dialect (a run refuses per its dialect).
    static QString refusal(const QString &query, bool readOnly);

    // Named placeholders (":order_id" -> "order_id") in order of first use; "::type"
    // casts and colons inside quotes or comments are not placeholders.
    static QStringList placeholders(const QString &query, SqlDialect dialect = SqlDialect::PostgreSQL);

    // The text with each placeholder replaced by $1..$n (PostgreSQL's extended protocol
    // numbers its parameters); names.at(i) is bound to $(i + 1).
    struct Positional
    {
        QString text;
        QStringList names;
    };
    static Positional positional(const QString &query);

    // The one statement of `query` without what surrounds it (comments, a trailing ';'),
    // for drivers that refuse any text after the statement; `query` when it is not one.
    static QString statementText(const QString &query, SqlDialect dialect);

    // The statement kinds a read-only check may run, as named in messages and docs.
    static QStringList readOnlyKinds();
};

} // namespace flowbench
