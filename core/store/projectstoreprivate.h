#pragma once

// Internal to core/store: the state of one ProjectStore and the helpers its edits share.

#include "store/editlog.h"
#include "store/projectstore.h"
#include "store/sqldialect.h"
#include "store/sqltransaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <functional>
#include <memory>
#include <unordered_map>

namespace flowbench {

class ProjectStorePrivate
{
public:
    QString path;
    ProjectLocation location;
    QString connectionName;
    int schemaVersion = 0;
    QString readOnlyReason; // empty: writable
    TransactionState tx;
    // Shared projects (sharedprojectstore.cpp): commits by other clients announced by
    // NOTIFY, and who to tell. The last edit was refused as a revision conflict.
    qint64 othersCommits = 0;
    std::function<void()> onOthersCommit;
    // What their commits said they touched (the NOTIFY payload), since takeOthersTouched();
    // othersUnknown: one did not say (ProjectStore::takeOthersTouched).
    ProjectRowIds othersTouched;
    bool othersUnknown = false;
    // This transaction's rows, for our own NOTIFY payload. An edit that names none (a run,
    // an environment, the project's name) sets touchedUnknown: listeners then scan.
    // Every added, updated (guardedUpdate) and removed row is named by the edit log's
    // writers and by the layout's moves (touch()).
    mutable ProjectRowIds touched;
    bool touchedUnknown = false;
    mutable bool touchedSaid = false;
    void touch(QList<Id> ProjectRowIds::*rows, const Id &id) const
    {
        (touched.*rows).append(id);
        touchedSaid = true;
    }
    // By table ("nodes") or edit-log kind ("test case"); environments name no row here.
    void touch(const QString &tableOrKind, const Id &id) const;
    mutable bool conflicted = false;
    // Shared projects: the server went away (a failed edit found SELECT 1 failing too, or
    // the idle probe did). The connection is closed; edits are refused until reconnect().
    bool connectionLost = false;
    QString connectionProblem;
    // Who edits (edit_log, runs.started_by, new comments) and, on a shared project, the
    // database role. A read-only role that may comment (mayComment) writes comments only:
    // commentsOnly is set while such a transaction runs and refuses every other edit.
    QString author;
    QString role;
    bool mayComment = false;
    bool commentsOnly = false;
    // False for a scratch copy nobody reads the history of (ProjectStore::setKeepsHistory).
    bool keepsHistory = true;

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }
    QSqlQuery query() const { return QSqlQuery(db()); }

    // Statements of the per-row inserts and lookups, prepared once per connection: copying
    // a 5,000-node map runs one INSERT 5,000 times instead of compiling it 5,000 times.
    // Dropped with the connection (forgetStatements()) and whenever the schema is replaced.
    mutable std::unordered_map<QString, std::unique_ptr<QSqlQuery>> reusedStatements;
    // The prepared statement for `sql`, or nullptr with *error saying why.
    QSqlQuery *reused(const QString &sql, QString *error) const;
    // Runs `sql` (prepared once) with `values` bound in order; `what` names it in an error.
    // The statement is reset afterwards, so it holds no read snapshot open.
    Status execReused(const QString &sql, std::initializer_list<QVariant> values, const QString &what) const;
    void forgetStatements() const { reusedStatements.clear(); }

    // "<file>: <message>"
    QString message(const QString &text) const;
    Status failure(const QString &text) const { return Status::failure(message(text)); }
    // SQLite's message for the query's error, led by "disk full:" or "the file is read-only:"
    // when it means that (store/sqliteerror.h).
    QString sqlError(const QSqlQuery &q) const;
    // "<file>: could not <what>: <SQLite's message>"
    Status sqlFailure(const QString &what, const QSqlQuery &q) const;
    Status exec(QSqlQuery &q, const QString &what) const;
    Status prepare(QSqlQuery &q, const QString &sql, const QString &what) const;

    // Runs `body` as one transaction (or as part of the caller's, inside transaction()).
    // On a shared project an outermost edit that failed asks the server whether it is
    // still there (after the rollback: an aborted transaction refuses even SELECT 1), so a
    // lost connection reads as offline, not as some statement's error.
    template <typename Body> Status edit(Body &&body, EditScope scope = EditScope::Content)
    {
        const bool comments = scope == EditScope::Comments;
        if (!readOnlyReason.isEmpty()) {
            if (tx.depth == 0 && !(comments && mayComment))
                return failure(QStringLiteral("is read-only (%1); nothing was saved").arg(readOnlyReason));
            if (tx.depth > 0 && commentsOnly && !comments)
                return failure(QStringLiteral("is read-only (%1): only comments may be changed; nothing was "
                                              "saved")
                                   .arg(readOnlyReason));
        }
        if (connectionLost && tx.depth == 0)
            return failure(offlineText());
        const bool outermost = tx.depth == 0;
        const Status s = editInTransaction(body);
        if (!s && outermost && location.isShared() && !checkConnection())
            return failure(offlineText());
        return s;
    }
    template <typename Body> Status editInTransaction(Body &body)
    {
        SqlTransaction guard(connectionName, tx);
        if (Status s = guard.begin(); !s)
            return failure(s.error());
        if (guard.isOutermost()) {
            conflicted = false;
            commentsOnly = !readOnlyReason.isEmpty();
            touched = {};
            touchedUnknown = false;
        }
        // An edit whose body named no rows (touch()) changed something unnamed. Nested
        // edits (ProjectStore::transaction around store calls) name theirs.
        touchedSaid = false;
        Status s = body();
        touchedUnknown = touchedUnknown || !touchedSaid;
        touchedSaid = true;
        if (guard.isOutermost())
            commentsOnly = false;
        if (!s)
            return s;
        if (guard.isOutermost() && location.isShared())
            if (Status s = notifyOthers(); !s)
                return s;
        if (Status s = guard.commit(); !s)
            return failure(s.error());
        return success();
    }
    // Shared projects (sharedprojectstore.cpp): SELECT 1; false marks the connection lost
    // and closes it (its socket notifier would fire on the dead socket).
    bool checkConnection();
    static QString offlineText()
    {
        return QStringLiteral(
            "the shared project's server cannot be reached; edits are refused until it is back");
    }

    // Shared projects: NOTIFY on the project's channel inside the transaction being
    // committed (PostgreSQL delivers it only on commit), and LISTEN to it.
    QString notifyChannel() const { return location.schemaName(); }
    // "n:<id> e:<id> …": the rows this transaction touched; empty when unknown or too long.
    QString notifyPayload() const;
    Status notifyOthers() const;
    Status listenToOthers();

    Result<bool> exists(const char *table, const Id &id) const;
    // After an UPDATE ... WHERE id=? AND revision=? changed nothing: tells a deleted row
    // from one that someone else changed since it was loaded.
    Status conflict(const char *table, const QString &entity, const Id &id, int revision) const;
    // Runs a prepared guarded UPDATE and reports a conflict when no row matched.
    Status guardedUpdate(
        QSqlQuery &q, const char *table, const QString &entity, const Id &id, int revision) const;

    // Inserts shared by the add* edits and replaceContents().
    Status insertNode(const Node &n) const;
    Status insertEdge(const Edge &e) const;
    Status insertFlow(const Flow &f) const;
    Status writeFlowPath(const Flow &f) const;
    Status insertTestCase(const TestCase &t) const;
    Status insertEnvironment(const Environment &e) const;
    Status insertComment(const Comment &c) const;
    Status insertRun(const Run &r) const;

    // The edit log (projectstoreeditlog.cpp): the stored item before an update, and the
    // lines an edit adds, stamped with the time and the author.
    Result<Node> storedNode(const Id &id) const;
    Result<Edge> storedEdge(const Id &id) const;
    Result<Flow> storedFlow(const Id &id) const;
    Result<TestCase> storedTestCase(const Id &id) const;
    Result<Environment> storedEnvironment(const Id &id) const;
    Result<Comment> storedComment(const Id &id) const;
    Status logEntries(const QList<EditLogEntry> &entries) const;
    // Position lines of a move; `mergeRuns`: a line continuing this author's move of the
    // node a moment ago extends that line instead (projectstorelayout.cpp).
    Status logPositions(const QList<EditLogEntry> &lines, bool mergeRuns) const;
    Status logAdded(const QString &kind, const Id &id, const QString &name, const Id &nodeId = Id()) const;
    // Before a DELETE from `table`: a "removed" line naming what goes.
    Status logRemoval(const char *table, const Id &id) const;
};

// A consistent snapshot for a multi-statement read (load(), the sync's scan and the rows
// it picks), unless an edit already holds one.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(const ProjectStorePrivate &d)
        : m_d(d)
    {
        if (d.tx.depth == 0) {
            QSqlQuery q = d.query();
            m_open = q.exec(SqlDialect::of(d.db()).beginSnapshot());
        }
    }
    ~ReadSnapshot()
    {
        if (m_open) {
            QSqlQuery q = m_d.query();
            q.exec(QStringLiteral("COMMIT"));
        }
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    const ProjectStorePrivate &m_d;
    bool m_open = false;
};

// Binds in order; a null QString is stored as '' (NOT NULL columns), a QVariant() as NULL.
void bindAll(QSqlQuery &q, std::initializer_list<QVariant> values);
QVariant bindable(const QVariant &value);

// Storage forms of values.
QVariant dateToDb(const QDateTime &when);
QDateTime dateFromDb(const QVariant &value);
QString jsonText(const QJsonObject &object);
QString jsonText(const QJsonArray &array);
// The edges.route column: compact JSON (store/routejson.h), '' for no route.
QString routeText(const SplineRoute &route);
// "<edge>: a route needs 1 + 3n points (n >= 1), found 5"
QString routeShapeProblem(const Edge &e);
QJsonObject environmentConnectionToJson(const Connection &c);
// What the store refuses beyond validateProject(): plaintext passwords.
QStringList storeProblems(const Environment &e, const QString &where);

// A quoted, person-readable name for messages: node "Orders API".
QString describe(const Node &n);
QString describe(const Edge &e);
QString describe(const Flow &f);
QString describe(const TestCase &t);
QString describe(const Environment &e);
QString describe(const Comment &c);

// Rows to values; a malformed column is an error naming the table, row and column.
Result<Node> nodeFromRow(const QSqlQuery &q);
Result<Edge> edgeFromRow(const QSqlQuery &q);
Result<TestCase> testCaseFromRow(const QSqlQuery &q);
Result<Environment> environmentFromRow(const QSqlQuery &q);
Comment commentFromRow(const QSqlQuery &q);
Flow flowFromRow(const QSqlQuery &q); // without its path (flow_nodes)
Run runFromRow(const QSqlQuery &q);
Result<CheckResult> resultFromRow(const QSqlQuery &q);

// A connection name no other store uses; closes and unregisters one (projectstore.cpp).
QString uniqueConnectionName(const char *purpose);
void dropConnection(const QString &name);

extern const char *const kNodeColumns;
extern const char *const kEdgeColumns;
extern const char *const kFlowColumns;
extern const char *const kTestCaseColumns;
extern const char *const kEnvironmentColumns;
extern const char *const kCommentColumns;
extern const char *const kRunColumns;
extern const char *const kResultColumns;

} // namespace flowbench
