#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace flowbench::testing {

// A real PostgreSQL 15 server for one test: initdb into a temporary folder, started with
// pg_ctl on 127.0.0.1 and a free port (socket in the same folder), stopped with
// `pg_ctl stop -m fast` by stop() or the destructor; stopImmediately() and startAgain()
// take it away and bring it back on the same port and data (tests of a server restart). PostgreSQL refuses to
// run as root, so as root the folder is handed to the `postgres` user and the tools run through `runuser -u
// postgres --`.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();

    static QString binDir(); // /usr/lib/postgresql/15/bin (FLOWBENCH_PG_BIN overrides)
    static bool isInstalled();

    // Creates, starts, and makes database `database` owned by role `user` with
    // `password` (scram-sha-256 over TCP). False with errorString() set.
    bool start(const QString &database, const QString &user, const QString &password);
    // start() for a test's initTestCase: "" when it runs, else what is wrong (the server
    // binaries missing, or why it did not start), for QFAIL or QSKIP.
    QString startOrWhyNot(const QString &database, const QString &user, const QString &password);
    bool stop();
    // `pg_ctl stop -m immediate`: the server quits at once without a shutdown checkpoint,
    // as after a crash; committed transactions come back from the WAL on the next start.
    bool stopImmediately();
    // Starts the stopped server again on the same port and data folder (a restart).
    bool startAgain();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    // Runs SQL as the superuser in `database` ("" = the check database); false on error.
    bool exec(const QString &sql, const QString &database = QString());

private:
    bool run(const QString &program, const QStringList &args, int timeoutMs);
    bool launch(); // pg_ctl start on m_port
    bool stopWith(const QString &mode);
    QString dataDir() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_asPostgresUser = false;
    QString m_database;
    QString m_adminPassword;
    QString m_error;
};

} // namespace flowbench::testing
