#pragma once

#include "model/environment.h"
#include "model/run.h"
#include "model/testcase.h"
#include "result.h"
#include "store/leasestore.h"

#include <QObject>
#include <QTimer>

namespace flowbench {

// How long a lease lasts without renewal and how often a running client renews it. A
// client that dies stops renewing: its lease is free once expiryMs passed.
struct LeaseTiming
{
    int expiryMs = 60000;
    int renewMs = 20000;
    // The defaults, or FLOWBENCH_LEASE_EXPIRY_MS (renewed at a third of it) when set: for
    // tests that kill a client and wait for its lease to expire.
    static LeaseTiming fromEnvironment();
};

// The rule for shared environments: never disrupt one without coordination. A run against
// a shared or protected environment holds its lease (one run at a time, in the project's
// store, so every client of a shared project sees it) from start to end, renewed while it
// runs, and leaves a row in the environment's audit: who, when, which test cases, whether
// writes and faults were allowed, and how it ended. RunSession owns one per such run.
class EnvironmentLease : public QObject
{
    Q_OBJECT
public:
    // Shared or protected: others may be using it.
    static bool isNeeded(const Environment &environment)
    {
        return environment.isShared || environment.isProtected;
    }

    EnvironmentLease(LeaseStore store, const LeaseTiming &timing, QObject *parent = nullptr);
    // A lease still held is released (the run was abandoned).
    ~EnvironmentLease() override;

    // Takes the lease for `run` and writes its audit row, in one transaction. Refused
    // (isHeldByOther()) when another run holds it: the message names the environment and
    // who holds it since when, running what. Renewal starts on success.
    Status take(
        const Environment &environment, const Run &run, const QList<TestCase> &testCases, bool faultsAllowed);
    bool isHeld() const { return m_held; }
    bool isHeldByOther() const { return m_heldByOther; }
    const EnvironmentLeaseRow &holder() const { return m_holder; }
    // Releases the lease and records the run's outcome in the audit. Safe more than once.
    Status finish(const Run &run);

    // "passed", "failed", "errors" or "cancelled"
    static QString outcomeOf(const Run &run);
    // The OS user, with the database role when it differs ("alice (role qa)").
    static QString who(const QString &databaseRole);

signals:
    // Something the run's owner should pass on: the lease could not be renewed, or another
    // run took it after it expired.
    void warningRaised(const QString &text);

private:
    void renew();
    Status release(const QString &outcome);

    LeaseStore m_store;
    LeaseTiming m_timing;
    QTimer m_renewal;
    QString m_environmentName;
    QString m_auditId;
    EnvironmentLeaseRow m_mine;
    EnvironmentLeaseRow m_holder;
    bool m_held = false;
    bool m_heldByOther = false;
    bool m_lost = false;
};

} // namespace flowbench
