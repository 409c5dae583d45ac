#pragma once

#include "result.h"

#include <QString>

namespace flowbench {

// Shared by every guard on one connection: how many guards are open, and whether an
// inner one ended without committing (its edit failed), which dooms the outer one.
struct TransactionState
{
    int depth = 0;
    bool innerFailed = false;
};

// RAII transaction on a named SQLite connection. The outermost guard issues
// BEGIN IMMEDIATE (takes the write lock up front, so busy_timeout applies and a
// read-then-write edit cannot fail on a stale snapshot) and COMMIT; nested guards
// only count. A guard destroyed without commit() rolls back (outermost) or marks the
// outer transaction as failed (nested), so a half-done edit is never committed.
class SqlTransaction
{
public:
    SqlTransaction(QString connectionName, TransactionState &state);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    Status begin();
    Status commit();
    bool isOutermost() const { return m_outermost; }

private:
    void end();

    QString m_connectionName;
    TransactionState &m_state;
    bool m_active = false;
    bool m_outermost = false;
};

} // namespace flowbench
