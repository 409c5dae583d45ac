#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace flowbench {

// Who holds an environment: one run at a time on a shared or protected environment.
struct EnvironmentLeaseRow
{
    QString environmentId;
    QString token; // the holder's own secret-free id: only it renews or releases the row
    QString holder; // the OS user (and the database role of a shared project)
    QString host;
    qint64 pid = 0;
    QString selection; // what the run runs, as RunSelection::describe() says it
    QDateTime since;
    QDateTime expiresAt;

    // "alice (role qa) on build-7, pid 4242, since 2026-12-03 22:40:01 UTC, running all test cases"
    QString describe() const;
};

// One run against a shared or protected environment, as the audit lists it.
struct AuditEntry
{
    QString id;
    QString environmentId;
    QString environmentName;
    QString runId;
    QString who;
    QString host;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid: the run never finished (its client died)
    QString selection;
    QString checks; // the test cases run, "title (3 checks); ..."
    bool writesAllowed = false;
    bool faultsAllowed = false;
    QString outcome; // passed, failed, errors, cancelled; empty: never finished
};

// The leases and run_audit tables of a project (file or shared) on the project store's
// own connection (ProjectDocument::leaseStore()). Each call is one transaction. Times
// come from the database server for a shared project (clients' clocks differ) and from
// this machine for a file.
class LeaseStore
{
public:
    LeaseStore(QString connectionName, QString projectName);

    // Takes the lease of wanted.environmentId when nobody holds it, its holder's expired,
    // or wanted.token holds it already; one statement (INSERT ... ON CONFLICT DO UPDATE
    // ... WHERE expired), so two clients racing cannot both win. Writes `audit` (when not
    // null) in the same transaction if the lease was taken. Returns the row holding the
    // lease afterwards: token == wanted.token when taken, someone else's otherwise.
    Result<EnvironmentLeaseRow> take(
        const EnvironmentLeaseRow &wanted, int expiryMs, const AuditEntry *audit);
    // Moves the expiry on; false when the lease is no longer this token's (it expired and
    // another run took it).
    Result<bool> renew(const QString &environmentId, const QString &token, int expiryMs);
    Status release(const QString &environmentId, const QString &token);
    Status finishAudit(const QString &id, const QString &outcome);
    // Oldest first.
    Result<QList<AuditEntry>> audit(const QString &environmentId) const;
    // The database's role for a shared project, empty for a file.
    QString databaseRole() const;

private:
    Result<QDateTime> now() const;
    Status failure(const QString &what, const QString &why) const;

    QString m_connectionName;
    QString m_projectName; // the file or URL, for messages
};

} // namespace flowbench
