#pragma once

#include "result.h"

#include <QDeadlineTimer>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace flowbench {

class PgConnection;

// What the role of a PostgreSQL connection may do beyond reading, as the server says:
// superuser, BYPASSRLS, CREATEROLE, membership of pg_execute_server_program,
// pg_write_server_files, pg_read_server_files or pg_write_all_data, write rights on
// tables, views or sequences outside the system schemas, and EXECUTE on dblink.
struct PgRoleVerdict
{
    QString role;
    QStringList powers; // "is a superuser", "can write 2 tables (public.orders, public.items)"

    bool canOnlyRead() const { return powers.isEmpty(); }
    QString describePowers() const; // "is a superuser and can write 2 tables (…)"

    // One query, inside the caller's (read-only) transaction.
    static Result<PgRoleVerdict> audit(PgConnection &connection, QDeadlineTimer deadline);
};

// The verdicts of one run, by connection (host, port, database, role): the first check
// on a connection asks the server, the others reuse its answer. Thread-safe; a check
// that asks while another is asking waits for that answer. Failures are not kept.
class PgRoleVerdicts
{
public:
    Result<PgRoleVerdict> verdict(const QString &key, const std::function<Result<PgRoleVerdict>()> &audit);

private:
    struct Entry
    {
        std::mutex mutex;
        std::unique_ptr<PgRoleVerdict> verdict;
    };
    std::mutex m_mutex;
    std::map<QString, std::shared_ptr<Entry>> m_entries;
};

} // namespace flowbench
