#include "support/postgresserver.h"

#include "support/freeport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <unistd.h>

namespace flowbench::testing {

namespace {
const QString kAdmin = QStringLiteral("flowbench_admin");
}

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    if (m_running)
        stop();
}

QString PostgresServer::binDir()
{
    const QString overridden = qEnvironmentVariable("FLOWBENCH_PG_BIN");
    return overridden.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : overridden;
}

bool PostgresServer::isInstalled()
{
    return QFileInfo(QDir(binDir()).filePath(QStringLiteral("initdb"))).isExecutable()
        && QFileInfo(QDir(binDir()).filePath(QStringLiteral("pg_ctl"))).isExecutable();
}

QString PostgresServer::dataDir() const
{
    return QDir(m_dir->path()).filePath(QStringLiteral("data"));
}

bool PostgresServer::run(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString path = QDir(binDir()).filePath(program);
    if (m_asPostgresUser) {
        // runuser (util-linux) where present, else setpriv, which every util-linux has.
        QString runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
        if (runuser.isEmpty()) // PATH without sbin
            runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        if (!runuser.isEmpty())
            process.start(runuser, QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), path} + args);
        else
            process.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=postgres"), QStringLiteral("--regid=postgres"),
                                                                QStringLiteral("--init-groups"), path} + args);
    } else
        process.start(path, args);
    if (!process.waitForStarted(10000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return false;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        m_error = QStringLiteral("%1 did not finish within %2 ms: %3").arg(program).arg(timeoutMs).arg(QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed (exit %2): %3").arg(program).arg(process.exitCode()).arg(QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool PostgresServer::start(const QString &database, const QString &user, const QString &password)
{
    if (!isInstalled()) {
        m_error = QStringLiteral("PostgreSQL server binaries not found in %1 (install the postgresql package)").arg(binDir());
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("flowbench-pg-XXXXXX")));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("could not create a temporary folder: %1").arg(m_dir->errorString());
        return false;
    }
    m_asPostgresUser = ::geteuid() == 0;
    m_adminPassword = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString pwfile = QDir(m_dir->path()).filePath(QStringLiteral("pwfile"));
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("could not write %1").arg(pwfile);
            return false;
        }
        f.write(m_adminPassword.toUtf8() + '\n');
    }
    if (m_asPostgresUser) {
        QProcess chown;
        chown.start(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres:postgres"), m_dir->path()});
        if (!chown.waitForFinished(10000) || chown.exitCode() != 0) {
            m_error = QStringLiteral("could not hand %1 to the postgres user: %2").arg(m_dir->path(), QString::fromLocal8Bit(chown.readAllStandardError()));
            return false;
        }
    }
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), kAdmin, QStringLiteral("--pwfile=") + pwfile,
              QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")},
             120000))
        return false;
    // A free port can be taken between probing and binding: try a few.
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freeLoopbackPort();
        m_running = launch();
    }
    if (!m_running)
        return false;
    m_database = database;
    return exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'")
                    .arg(user, QString(password).replace(QLatin1Char('\''), QStringLiteral("''"))),
               QStringLiteral("postgres"))
        && exec(
            QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(database, user), QStringLiteral("postgres"));
}

bool PostgresServer::launch()
{
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                                .arg(m_port)
                                .arg(m_dir->path());
    const bool ok = run(QStringLiteral("pg_ctl"),
        { QStringLiteral("-D"), dataDir(), QStringLiteral("-o"), options, QStringLiteral("-l"),
            QDir(m_dir->path()).filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
            QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("start") },
        90000);
    if (!ok) {
        QFile log(QDir(m_dir->path()).filePath(QStringLiteral("server.log")));
        if (log.open(QIODevice::ReadOnly))
            m_error += QStringLiteral("\nserver log:\n") + QString::fromLocal8Bit(log.readAll().right(2000));
    }
    return ok;
}

bool PostgresServer::startAgain()
{
    if (m_running)
        return true;
    if (!m_dir || m_port == 0) {
        m_error = QStringLiteral("startAgain(): the server was never started");
        return false;
    }
    m_running = launch();
    return m_running;
}

bool PostgresServer::stopWith(const QString &mode)
{
    if (!m_running)
        return true;
    const bool ok = run(QStringLiteral("pg_ctl"),
        { QStringLiteral("-D"), dataDir(), QStringLiteral("stop"), QStringLiteral("-m"), mode,
            QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60") },
        90000);
    if (ok)
        m_running = false;
    return ok;
}

bool PostgresServer::stop()
{
    return stopWith(QStringLiteral("fast"));
}

bool PostgresServer::stopImmediately()
{
    return stopWith(QStringLiteral("immediate"));
}

bool PostgresServer::exec(const QString &sql, const QString &database)
{
    const QString name = QStringLiteral("pg-fixture-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setDatabaseName(database.isEmpty() ? m_database : database);
        db.setUserName(kAdmin);
        db.setPassword(m_adminPassword);
        if (!db.open()) {
            m_error = QStringLiteral("fixture could not connect: %1").arg(db.lastError().text());
        } else {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                m_error = QStringLiteral("fixture SQL failed: %1: %2").arg(sql, q.lastError().text());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString PostgresServer::startOrWhyNot(const QString &database, const QString &user, const QString &password)
{
    if (!isInstalled())
        return QStringLiteral("PostgreSQL 15 server binaries are missing: install the postgresql package");
    if (!start(database, user, password))
        return QStringLiteral("PostgreSQL test server did not start: ") + errorString();
    return QString();
}

} // namespace flowbench::testing
