#pragma once

#include "checks/sqlquery.h"

namespace flowbench {

// One sql check on PostgreSQL through libpq. Read-only checks connect with
// default_transaction_read_only=on, run BEGIN READ ONLY, ask (once per run and
// connection) whether the role could write, run the one statement through the extended
// query protocol with a statement timeout, and ROLLBACK. allow_writes checks run BEGIN
// … COMMIT. The statement is analysed first (SqlStatementAnalyzer) and never sent when
// refused.
SqlResponse runPostgresQuery(const SqlRequest &request);

} // namespace flowbench
