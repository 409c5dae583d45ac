#include "run/environmentlease.h"

#include <QCoreApplication>
#include <QDir>
#include <QSysInfo>

namespace flowbench {

LeaseTiming LeaseTiming::fromEnvironment()
{
    LeaseTiming timing;
    bool ok = false;
    const int expiry = qEnvironmentVariableIntValue("FLOWBENCH_LEASE_EXPIRY_MS", &ok);
    if (ok && expiry >= 300) {
        timing.expiryMs = expiry;
        timing.renewMs = expiry / 3;
    }
    return timing;
}

EnvironmentLease::EnvironmentLease(LeaseStore store, const LeaseTiming &timing, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_timing(timing)
{
    m_renewal.setInterval(m_timing.renewMs);
    connect(&m_renewal, &QTimer::timeout, this, &EnvironmentLease::renew);
}

EnvironmentLease::~EnvironmentLease()
{
    if (m_held)
        release(QStringLiteral("abandoned"));
}

QString EnvironmentLease::outcomeOf(const Run &run)
{
    if (run.cancelled)
        return QStringLiteral("cancelled");
    if (run.errors > 0)
        return QStringLiteral("errors");
    if (run.failed > 0)
        return QStringLiteral("failed");
    return QStringLiteral("passed");
}

QString EnvironmentLease::who(const QString &databaseRole)
{
    QString user;
    for (const char *variable : { "USER", "USERNAME", "LOGNAME" }) {
        user = qEnvironmentVariable(variable);
        if (!user.isEmpty())
            break;
    }
    if (user.isEmpty()) // no login variables (a container, a service): the home folder's name
        user = QDir(QDir::homePath()).dirName();
    if (user.isEmpty())
        return databaseRole;
    if (databaseRole.isEmpty() || databaseRole == user)
        return user;
    return QStringLiteral("%1 (role %2)").arg(user, databaseRole);
}

Status EnvironmentLease::take(
    const Environment &environment, const Run &run, const QList<TestCase> &testCases, bool faultsAllowed)
{
    m_environmentName = environment.name;
    m_heldByOther = false;
    m_mine = EnvironmentLeaseRow();
    m_mine.environmentId = environment.id;
    m_mine.token = newId();
    m_mine.holder = who(m_store.databaseRole());
    m_mine.host = QSysInfo::machineHostName();
    m_mine.pid = QCoreApplication::applicationPid();
    m_mine.selection = run.selection;

    AuditEntry audit;
    audit.id = newId();
    audit.environmentId = environment.id;
    audit.environmentName = environment.name;
    audit.runId = run.id;
    audit.who = m_mine.holder;
    audit.host = m_mine.host;
    audit.selection = run.selection;
    QStringList checks;
    for (const TestCase &t : testCases)
        checks << QStringLiteral("%1 (%2 checks)").arg(t.title).arg(t.checks.size() + t.cleanup.size());
    audit.checks = checks.join(QStringLiteral("; "));
    // Writes to a protected environment's databases are refused by the checks themselves.
    audit.writesAllowed = !environment.isProtected;
    audit.faultsAllowed = faultsAllowed;

    const Result<EnvironmentLeaseRow> taken = m_store.take(m_mine, m_timing.expiryMs, &audit);
    if (!taken)
        return Status::failure(taken.error());
    m_holder = taken.value();
    if (m_holder.token != m_mine.token) {
        m_heldByOther = true;
        return Status::failure(tr("environment \"%1\" is in use by another run: %2; its lease ends with that "
                                  "run, or at %3 UTC unless it is renewed")
                                   .arg(environment.name, m_holder.describe(),
                                       m_holder.expiresAt.toUTC().toString(QStringLiteral("HH:mm:ss"))));
    }
    m_auditId = audit.id;
    m_held = true;
    m_lost = false;
    m_renewal.start();
    return success();
}

void EnvironmentLease::renew()
{
    const Result<bool> renewed = m_store.renew(m_mine.environmentId, m_mine.token, m_timing.expiryMs);
    if (!renewed) {
        // A passing network problem: the next renewal may get through before expiry.
        emit warningRaised(tr("the lease of environment \"%1\" could not be renewed: %2")
                               .arg(m_environmentName, renewed.error()));
        return;
    }
    if (!renewed.value() && !m_lost) {
        m_lost = true;
        emit warningRaised(
            tr("the lease of environment \"%1\" expired while this run ran and another run may "
               "have taken it")
                .arg(m_environmentName));
    }
}

Status EnvironmentLease::release(const QString &outcome)
{
    m_renewal.stop();
    m_held = false;
    const Status released = m_store.release(m_mine.environmentId, m_mine.token);
    const Status audited = m_store.finishAudit(m_auditId, outcome);
    return !released ? released : audited;
}

Status EnvironmentLease::finish(const Run &run)
{
    if (!m_held)
        return success();
    return release(outcomeOf(run));
}

} // namespace flowbench
