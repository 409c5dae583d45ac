// ProjectStore on PostgreSQL: a project in a shared database (ProjectLocation::Shared).
//
// One database holds many projects, each in its own PostgreSQL schema fb_<project>
// with the same tables a project file has. Schema per project rather than a project id
// in every table: the numbered migrations and every statement of the store run unchanged
// on both drivers (the connection's search_path is the project's schema), projects stay
// apart by construction (no query can forget a WHERE project_id), and grants can be given
// per project (GRANT ... ON ALL TABLES IN SCHEMA fb_x).

#include "checks/secretresolver.h"
#include "store/migrations.h"
#include "store/projectstore.h"
#include "store/projectstoreprivate.h"
#include "store/sqldialect.h"
#include "store/sqliteerror.h"

#include <QSqlDriver>
#include <QSqlError>
#include <algorithm>
#include <utility>

namespace flowbench {

namespace {

using StoreResult = Result<std::unique_ptr<ProjectStore>>;

// A schema name in SQL text: always quoted (project names may hold '-').
QString quoted(const QString &identifier)
{
    QString inner = identifier;
    inner.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

QString connectOptions(const ProjectLocation &l, int connectTimeoutSeconds)
{
    // A bound on connecting, so an unreachable server is an error, not a hang; keepalives
    // and tcp_user_timeout bound how long a dead server (no FIN: a cable, a VM gone) takes
    // to show as a failed statement or probe, instead of the kernel's quarter of an hour.
    QStringList options = { QStringLiteral("sslmode=") + l.sslMode(),
        QStringLiteral("connect_timeout=%1").arg(connectTimeoutSeconds),
        QStringLiteral("application_name=flowbench"), QStringLiteral("keepalives=1"),
        QStringLiteral("keepalives_idle=5"), QStringLiteral("keepalives_interval=2"),
        QStringLiteral("keepalives_count=3"), QStringLiteral("tcp_user_timeout=10000") };
    if (!l.sslRootCert().isEmpty())
        options << QStringLiteral("sslrootcert=") + l.sslRootCert();
    return options.join(QLatin1Char(';'));
}

// Opens the QPSQL connection `name` to the location's database with the project's schema
// as search_path; empty on success, else why not (without the location in front).
QString openConnection(const ProjectLocation &location, const QString &name, int connectTimeoutSeconds)
{
    QString password;
    if (!location.passwordRef().isEmpty()) {
        const Result<QString> resolved = SecretResolver::resolve(location.passwordRef());
        if (!resolved)
            return QStringLiteral("password_ref: %1").arg(resolved.error());
        password = resolved.value();
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(location.host());
    db.setPort(location.port());
    db.setDatabaseName(location.database());
    if (!location.user().isEmpty())
        db.setUserName(location.user());
    if (!password.isEmpty())
        db.setPassword(password);
    db.setConnectOptions(connectOptions(location, connectTimeoutSeconds));
    if (!db.open())
        return QStringLiteral("cannot connect to %1:%2 as %3 (sslmode %4): %5")
            .arg(location.host())
            .arg(location.port())
            .arg(location.user().isEmpty() ? QStringLiteral("the default user") : location.user(),
                location.sslMode(),
                db.lastError().databaseText().trimmed().isEmpty() ? db.lastError().text().trimmed()
                                                                  : db.lastError().databaseText().trimmed());
    QSqlQuery q(db);
    // Unqualified names are the project's tables; pg_catalog is searched first anyway.
    // NOTICEs (DROP ... CASCADE lists every table) would go to standard error.
    if (!q.exec(QStringLiteral("SET search_path TO %1").arg(quoted(location.schemaName())))
        || !q.exec(QStringLiteral("SET client_min_messages TO warning")))
        return QStringLiteral("cannot select the project's schema: %1")
            .arg(describeSqlError(q.lastError(), &db));
    return QString();
}

// What the project's schema is: 0 = absent, -1 = a schema that is not a Flowbench project,
// otherwise its schema version.
Result<int> schemaState(const ProjectStorePrivate &d)
{
    QSqlQuery q = d.query();
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?), "
                             "to_regclass(?) IS NOT NULL"));
    q.addBindValue(d.location.schemaName());
    q.addBindValue(quoted(d.location.schemaName()) + QStringLiteral(".schema_version"));
    if (!q.exec() || !q.next())
        return Result<int>::failure(d.sqlFailure(QStringLiteral("look for the project"), q).error());
    if (!q.value(0).toBool())
        return 0;
    if (!q.value(1).toBool())
        return -1;
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return Result<int>::failure(d.sqlFailure(QStringLiteral("read the schema version"), q).error());
    return q.value(0).isNull() ? -1 : q.value(0).toInt();
}

QString notAProject(const ProjectLocation &l)
{
    return QStringLiteral(
        "the schema %1 in database %2 is not a Flowbench project (it has no schema_version); "
        "nothing was changed")
        .arg(l.schemaName(), l.database());
}

// What this role may do: edit (empty reason), comment only, or read only. A role that
// may INSERT and UPDATE comments and INSERT into edit_log but not UPDATE nodes may comment.
struct RolePrivileges
{
    QString role;
    QString readOnlyReason;
    bool mayComment = false;
};

Result<RolePrivileges> whyReadOnly(const ProjectStorePrivate &d)
{
    QSqlQuery q = d.query();
    q.prepare(QStringLiteral("SELECT current_user, has_table_privilege(?, 'UPDATE'), "
                             "has_table_privilege(?, 'INSERT') AND has_table_privilege(?, 'UPDATE') "
                             "AND has_table_privilege(?, 'DELETE') AND has_table_privilege(?, 'INSERT')"));
    const QString schema = quoted(d.location.schemaName());
    const QString comments = schema + QStringLiteral(".comments");
    q.addBindValue(schema + QStringLiteral(".nodes"));
    q.addBindValue(comments);
    q.addBindValue(comments);
    q.addBindValue(comments);
    q.addBindValue(schema + QStringLiteral(".edit_log"));
    if (!q.exec() || !q.next()) {
        // A schema older than 10 has no edit_log: ask about nodes alone (the upgrade needs
        // a role that may change it anyway).
        q.prepare(QStringLiteral("SELECT current_user, has_table_privilege(?, 'UPDATE'), false"));
        q.addBindValue(schema + QStringLiteral(".nodes"));
        if (!q.exec() || !q.next())
            return Result<RolePrivileges>::failure(
                d.sqlFailure(QStringLiteral("read the role's privileges"), q).error());
    }
    RolePrivileges p;
    p.role = q.value(0).toString();
    if (q.value(1).toBool())
        return p;
    p.mayComment = q.value(2).toBool();
    p.readOnlyReason = p.mayComment
        ? QStringLiteral("role %1 may read and comment, not edit").arg(p.role)
        : QStringLiteral("role %1 may read this project but not change it").arg(p.role);
    return p;
}

} // namespace

namespace {

// The payload's row kinds: "n:<id>" a node, "e:" an edge, "f:" a flow, "t:" a test case,
// "c:" a comment.
constexpr std::pair<char, QList<Id> ProjectRowIds::*> kTouchedKinds[] = {
    { 'n', &ProjectRowIds::nodes },
    { 'e', &ProjectRowIds::edges },
    { 'f', &ProjectRowIds::flows },
    { 't', &ProjectRowIds::testCases },
    { 'c', &ProjectRowIds::comments },
};
// PostgreSQL takes payloads under 8,000 bytes; a longer list (a layout) says "unknown".
constexpr qsizetype kPayloadLimit = 7000;

// Adds the rows a payload names to `into`; false when it names none it understands (an
// empty payload: unknown, or an older client's).
bool readPayload(const QString &payload, ProjectRowIds *into)
{
    const QStringList words = payload.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return false;
    ProjectRowIds told;
    for (const QString &word : words) {
        const auto kind = std::find_if(std::begin(kTouchedKinds), std::end(kTouchedKinds),
            [&](const auto &k) { return word.size() > 2 && word.at(0) == QLatin1Char(k.first); });
        if (kind == std::end(kTouchedKinds) || word.at(1) != QLatin1Char(':'))
            return false;
        (told.*(kind->second)).append(word.mid(2));
    }
    for (const auto &kind : kTouchedKinds)
        (into->*(kind.second)) += told.*(kind.second);
    return true;
}

} // namespace

// Live edits (issue 14 item 2): no trigger and no table, so no schema change; the store's
// own transactions announce themselves, naming the rows they touched, so a listener
// reads those rows instead of scanning the project (ProjectDocument::syncWithOthers). A
// transaction that cannot name them sends an empty payload: listeners scan.
QString ProjectStorePrivate::notifyPayload() const
{
    if (touchedUnknown)
        return QString();
    QString payload;
    for (const auto &kind : kTouchedKinds)
        for (const Id &id : touched.*(kind.second)) {
            payload += QLatin1Char(kind.first);
            payload += QLatin1Char(':');
            payload += id;
            payload += QLatin1Char(' ');
            if (payload.size() > kPayloadLimit)
                return QString();
        }
    return payload.trimmed();
}

Status ProjectStorePrivate::notifyOthers() const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(notifyChannel());
    q.addBindValue(notifyPayload());
    return exec(q, QStringLiteral("tell other clients about the change"));
}

Status ProjectStorePrivate::listenToOthers()
{
    QSqlDriver *driver = db().driver();
    const QString channel = notifyChannel();
    if (!driver->subscribeToNotification(channel))
        return failure(QStringLiteral("cannot listen for other clients' changes: %1")
                           .arg(driver->lastError().text().trimmed()));
    // The driver lives as long as the connection, which the store drops before this goes.
    QObject::connect(driver, &QSqlDriver::notification, driver,
        [this, channel](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
            // Our own commits come back as SelfSource: the document has them already.
            if (name != channel || source != QSqlDriver::OtherSource)
                return;
            if (!readPayload(payload.toString(), &othersTouched))
                othersUnknown = true;
            ++othersCommits;
            if (onOthersCommit)
                onOthersCommit();
        });
    return success();
}

StoreResult ProjectStore::connectShared(const ProjectLocation &location)
{
    const QString where = location.displayString();
    if (!location.isShared())
        return StoreResult::failure(QStringLiteral("%1: is not a shared project URL").arg(where));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return StoreResult::failure(
            QStringLiteral("%1: cannot connect: Qt's PostgreSQL driver (QPSQL) is not "
                           "installed; on Debian it is the package libqt6sql6-psql")
                .arg(where));
    auto p = std::make_unique<ProjectStorePrivate>();
    p->path = where;
    p->location = location;
    p->connectionName = uniqueConnectionName("shared");
    const QString name = p->connectionName;
    std::unique_ptr<ProjectStore> store(new ProjectStore(std::move(p)));
    if (const QString problem = openConnection(location, name, 10); !problem.isEmpty())
        return StoreResult::failure(QStringLiteral("%1: %2").arg(where, problem));
    return StoreResult(std::move(store));
}

bool ProjectStorePrivate::checkConnection()
{
    if (!location.isShared())
        return true;
    if (connectionLost)
        return false;
    QSqlDatabase connection = db();
    QSqlQuery q(connection);
    if (connection.isOpen() && q.exec(QStringLiteral("SELECT 1")) && q.next())
        return true;
    connectionLost = true;
    connectionProblem = q.lastError().text().trimmed();
    if (connectionProblem.isEmpty())
        connectionProblem = QStringLiteral("the connection is closed");
    q.finish();
    forgetStatements(); // prepared on the connection that is gone
    connection.close();
    return false;
}

bool ProjectStore::isConnectionLost() const
{
    return d->connectionLost;
}
QString ProjectStore::connectionProblem() const
{
    return d->connectionLost ? d->connectionProblem : QString();
}
bool ProjectStore::checkConnection()
{
    return d->checkConnection();
}

Status ProjectStore::reconnect()
{
    if (!d->location.isShared())
        return success();
    // A short bound: this runs on the window's thread while the server is away.
    const QString fresh = uniqueConnectionName("shared");
    if (const QString problem = openConnection(d->location, fresh, 3); !problem.isEmpty()) {
        dropConnection(fresh);
        d->connectionProblem = problem;
        return d->failure(problem);
    }
    d->forgetStatements(); // prepared on the old connection
    dropConnection(std::exchange(d->connectionName, fresh));
    d->tx = TransactionState();
    d->othersUnknown = true; // commits while away told us nothing
    if (Status s = d->listenToOthers(); !s) {
        d->connectionProblem = s.error();
        d->db().close();
        return s;
    }
    d->connectionLost = false;
    d->connectionProblem.clear();
    return success();
}

StoreResult ProjectStore::open(const ProjectLocation &location)
{
    if (!location.isShared())
        return open(location.filePath());
    auto connected = connectShared(location);
    if (!connected)
        return connected;
    std::unique_ptr<ProjectStore> store = std::move(connected).value();
    ProjectStorePrivate &d = *store->d;
    const Result<int> state = schemaState(d);
    if (!state)
        return StoreResult::failure(state.error());
    if (state.value() == 0)
        return StoreResult::failure(d.message(
            QStringLiteral("there is no project \"%1\" in database %2 (no schema %3); put one there with "
                           "flowbench-cli push FILE URL")
                .arg(location.project(), location.database(), location.schemaName())));
    if (state.value() < 0)
        return StoreResult::failure(d.message(notAProject(location)));
    int version = state.value();
    if (version > latestSchemaVersion())
        return StoreResult::failure(
            d.message(QStringLiteral("written by a newer Flowbench (schema %1; this program reads up to %2)")
                          .arg(version)
                          .arg(latestSchemaVersion())));
    const Result<RolePrivileges> privileges = whyReadOnly(d);
    if (!privileges)
        return StoreResult::failure(privileges.error());
    const Result<QString> readOnly(privileges->readOnlyReason);
    if (!readOnly.value().isEmpty() && version < latestSchemaVersion())
        return StoreResult::failure(d.message(QStringLiteral(
            "%1, and the project has schema %2: someone who may change it must open it once with "
            "this Flowbench to upgrade it to schema %3")
                                                  .arg(readOnly.value())
                                                  .arg(version)
                                                  .arg(latestSchemaVersion())));
    if (version < latestSchemaVersion()) {
        // One client upgrades; others wait on the lock and then find nothing to do.
        Status s = d.edit([&]() -> Status {
            QSqlQuery q = d.query();
            if (!q.exec(QStringLiteral("LOCK TABLE schema_version IN EXCLUSIVE MODE")))
                return d.sqlFailure(QStringLiteral("lock the schema for the upgrade"), q);
            if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
                return d.sqlFailure(QStringLiteral("read the schema version"), q);
            version = q.value(0).toInt();
            if (Status m = applyMigrations(d.db(), version, latestSchemaVersion()); !m)
                return d.failure(QStringLiteral("could not upgrade schema %1 to %2: %3")
                                     .arg(version)
                                     .arg(latestSchemaVersion())
                                     .arg(m.error()));
            return success();
        });
        if (!s)
            return StoreResult::failure(s.error());
    }
    d.readOnlyReason = readOnly.value();
    d.mayComment = privileges->mayComment;
    d.role = privileges->role;
    d.author = defaultAuthorName(d.role);
    d.schemaVersion = latestSchemaVersion();
    if (Status s = d.listenToOthers(); !s)
        return StoreResult::failure(s.error());
    return StoreResult(std::move(store));
}

Status ProjectStore::initialiseShared(const QString &projectName, bool replace)
{
    d->forgetStatements(); // they may name tables of the schema replaced here
    return d->edit([&]() -> Status {
        const Result<int> state = schemaState(*d);
        if (!state)
            return Status::failure(state.error());
        const QString schema = quoted(d->location.schemaName());
        QSqlQuery q = d->query();
        if (state.value() != 0) {
            if (!replace)
                return d->failure(QStringLiteral("project \"%1\" already exists in database %2; nothing was "
                                                 "changed (replace it with --replace)")
                                      .arg(d->location.project(), d->location.database()));
            if (state.value() < 0)
                return d->failure(notAProject(d->location));
            if (!q.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema)))
                return d->sqlFailure(QStringLiteral("remove the project it replaces"), q);
        }
        if (!q.exec(QStringLiteral("CREATE SCHEMA %1").arg(schema)))
            return d->sqlFailure(QStringLiteral("create the project's schema %1").arg(schema), q);
        if (Status m = applyMigrations(d->db(), 0, latestSchemaVersion()); !m)
            return d->failure(m.error());
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('name', ?)"));
        q.addBindValue(bindable(projectName));
        if (Status s = d->exec(q, QStringLiteral("name the project")); !s)
            return s;
        d->schemaVersion = latestSchemaVersion();
        return success();
    });
}

StoreResult ProjectStore::create(const ProjectLocation &location, const QString &projectName)
{
    if (!location.isShared())
        return create(location.filePath(), projectName);
    auto connected = connectShared(location);
    if (!connected)
        return connected;
    std::unique_ptr<ProjectStore> store = std::move(connected).value();
    if (Status s = store->initialiseShared(projectName, false); !s)
        return StoreResult::failure(s.error());
    if (Status s = store->d->listenToOthers(); !s)
        return StoreResult::failure(s.error());
    QSqlQuery q = store->d->query();
    if (q.exec(QStringLiteral("SELECT current_user")) && q.next()) {
        store->d->role = q.value(0).toString();
        store->d->author = defaultAuthorName(store->d->role);
    }
    return StoreResult(std::move(store));
}

Status ProjectStore::writeShared(
    const ProjectLocation &location, const Project &project, bool replace, const QString &source)
{
    auto connected = connectShared(location);
    if (!connected)
        return Status::failure(connected.error());
    ProjectStore &store = *connected.value();
    QSqlQuery who = store.d->query();
    if (who.exec(QStringLiteral("SELECT current_user")) && who.next()) {
        store.d->role = who.value(0).toString();
        store.d->author = defaultAuthorName(store.d->role);
    }
    // One transaction around both: a failed copy leaves no half project, and a replaced
    // project is gone only once its successor is complete.
    return store.transaction([&]() -> Status {
        // What is replaced, for the history line; the history before goes with it.
        const QString replaced = replace ? store.contentSummary() : QString();
        if (Status s = store.initialiseShared(project.name, replace); !s)
            return s;
        if (Status s = store.replaceContents(project); !s)
            return s;
        return replaced.isEmpty() ? success() : store.recordReplace(replaced, project, source);
    });
}

} // namespace flowbench
