#pragma once

#include "model/project.h"
#include "result.h"
#include "store/projectlocation.h"

#include <QHash>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace flowbench {

// What deleting a node takes with it, so the UI can warn before and report after.
struct DeleteSummary
{
    int edges = 0;
    int testCases = 0;
    int comments = 0;
    int flowSteps = 0; // places the node held in flow paths
};

class ProjectStorePrivate;
struct EditLogEntry;
struct PresenceEntry;

// What a transaction may change: everything, or comments only (all a read-only role that
// may comment can do; see ProjectStore::mayComment).
enum class EditScope { Content, Comments };

// A sharded run as stored when a shard begins: the run (counts of the shards in so far)
// and the shard plan its first shard recorded (run/shardplan.h, JSON).
struct ShardedRunClaim
{
    Run run;
    QString plan;
};

struct NodePosition
{
    Id id;
    double x = 0;
    double y = 0;
    bool pinned = false;
};

// The spline a layout computed for an edge; an empty route removes the stored one.
struct EdgeRouteChange
{
    Id id;
    SplineRoute route;
};

// What a sync compares with the document's cache before it reads rows in full
// (projectstorescan.cpp): every row's id and revision, and what is stored without a
// revision bump (positions, routes, flow paths, the flow a test case lost with its flow).
struct ProjectScan
{
    struct NodeRow
    {
        int revision = 0;
        double x = 0;
        double y = 0;
        bool pinned = false;
    };
    struct EdgeRow
    {
        int revision = 0;
        QString route; // the column as stored
        bool holds(const SplineRoute &other) const; // `route` is what `other` is stored as
    };
    struct FlowRow
    {
        int revision = 0;
        QList<Id> nodeIds;
    };
    struct TestCaseRow
    {
        int revision = 0;
        Id flowId;
    };
    // Changes when the content may have been replaced under the same ids and revisions:
    // an import (replaceContents), a shared project pushed again, a schema upgrade.
    QString generation;
    QHash<Id, NodeRow> nodes;
    QHash<Id, EdgeRow> edges;
    QHash<Id, FlowRow> flows;
    QHash<Id, TestCaseRow> testCases;
    QHash<Id, int> comments; // revision
};

// Rows a sync reads in full.
struct ProjectRowIds
{
    QList<Id> nodes, edges, flows, testCases, comments;
    qsizetype count() const
    {
        return nodes.size() + edges.size() + flows.size() + testCases.size() + comments.size();
    }
};

struct ScannedRows
{
    ProjectScan scan;
    bool picked = false; // false: the pick wanted everything, `rows` is empty
    Project rows; // nodes, edges, flows (with paths), test cases, comments by id
};

// A project file: one SQLite database (*.flowbench) in WAL mode with foreign keys on,
// a schema_version and numbered migrations. Every edit is one transaction, so a crash
// loses nothing that was acknowledged. Updates are optimistic: an entity whose
// revision no longer matches the row is reported as a conflict, never overwritten.
// The store owns a named QSqlDatabase connection used from the thread that opened it.
class ProjectStore
{
public:
    ~ProjectStore();
    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    // Fails if the file exists.
    static Result<std::unique_ptr<ProjectStore>> create(const QString &path, const QString &projectName);
    // Never changes a file that is not a Flowbench project, is newer than this program
    // or is corrupt; the error names the file and the reason. Older schemas are migrated.
    // A file this user cannot write (or whose folder it cannot write) opens read-only:
    // reads work, every edit fails with "<file>: is read-only (<reason>); nothing was
    // saved", and nothing is migrated (an older schema is refused, saying so).
    // A `path` that is a URL (postgresql://...) opens the shared project it names, as
    // open(ProjectLocation) does; a bad URL is an error naming the part.
    static Result<std::unique_ptr<ProjectStore>> open(const QString &path);
    static int currentSchemaVersion();

    // A project file or a project in a shared PostgreSQL database
    // (store/sharedprojectstore.cpp). A shared project is the PostgreSQL schema
    // fb_<project> in that database, holding the same tables as a file (the same numbered
    // migrations); the connection's search_path is that schema, so every statement of the
    // store runs unchanged. Opening one that does not exist fails, naming it; a role
    // without UPDATE on its tables opens it read-only.
    static Result<std::unique_ptr<ProjectStore>> open(const ProjectLocation &location);
    static Result<std::unique_ptr<ProjectStore>> create(
        const ProjectLocation &location, const QString &projectName);
    // Writes `project` (content, environments, run history) as the shared project at
    // `location` in one transaction: all of it or nothing. An existing project there is
    // an error unless `replace`, which drops it in the same transaction; the new project's
    // history then begins with one line (entity "project", field "replace") saying what was
    // replaced and by what (`source`, where `project` was read from, when given).
    static Status writeShared(const ProjectLocation &location, const Project &project, bool replace,
        const QString &source = QString());

    // The file path, or the shared project's URL without password reference (messages).
    QString path() const;
    ProjectLocation location() const;
    QString connectionName() const;
    bool isReadOnly() const;
    // Why it is read-only ("this user may not write the file: Permission denied"); empty
    // when it is not.
    QString readOnlyReason() const;
    int schemaVersion() const;
    // SQLite's PRAGMA data_version on this connection: it changes when another connection
    // (another window, flowbench-cli) commits to the file, never for this store's own edits.
    // A shared project counts the commits of other clients instead: each committing edit
    // sends NOTIFY on the project's channel and the store LISTENs (the count moves when the
    // event loop delivers a notification).
    Result<qint64> dataVersion() const;
    // Called from the event loop when another client committed to this shared project;
    // a project file never calls it (StoreWatcher looks at the file).
    void setOthersCommitCallback(std::function<void()> callback);
    // Shared projects: the connection to the server (sharedprojectstore.cpp). An edit that
    // failed because the server went away, or checkConnection() failing, marks it lost:
    // it is closed and every edit is refused ("the shared project's server cannot be
    // reached; edits are refused until it is back"), never queued, until reconnect()
    // succeeds. A project file is never lost.
    bool isConnectionLost() const;
    QString connectionProblem() const; // what libpq or the server said; empty when connected
    // SELECT 1, bounded by connect_timeout, TCP keepalives and tcp_user_timeout; false
    // marks the connection lost. Always true for a project file.
    bool checkConnection();
    // A fresh connection in place of the lost one: the project's schema, LISTEN again.
    // Others' commits while it was gone sent no notification: sync after this.
    Status reconnect();
    // The last edit failed because someone else changed the item since it was loaded
    // (a revision conflict), not for another reason.
    bool lastEditConflicted() const;

    Result<QString> projectName() const;
    Status setProjectName(const QString &name);

    // The whole project, every list ordered by id except flow paths and checks (stored
    // order), runs (oldest first) and results (by run, in the order they were written).
    Result<Project> load() const;
    // A sync that reads what changed, not the whole project (projectstorescan.cpp): in one
    // read snapshot, the scan; then the rows `pick` names, read in full (each list ordered
    // by id). `pick` returns nullopt to want everything (then call load()).
    Result<ScannedRows> readChangedRows(
        const std::function<std::optional<ProjectRowIds>(const ProjectScan &)> &pick) const;
    // ProjectScan::generation alone (a document takes it before its first load()).
    Result<QString> contentGeneration() const;
    // Shared projects: the rows other clients' commits named as touched (their NOTIFY
    // payload) since the last call, which forgets them. nullopt when some commit did not
    // name its rows (a layout of many nodes, a run, an environment, an older client),
    // after a reconnect, and always on a project file: then only a scan finds what changed.
    std::optional<ProjectRowIds> takeOthersTouched();
    // The rows with these ids that exist now (flows with their paths), and the content
    // generation, read in one snapshot; `picked` is true. A row not returned is gone.
    Result<ScannedRows> readRows(const ProjectRowIds &ids) const;
    // Replaces the whole content in one transaction (import).
    Status replaceContents(const Project &project);
    // Runs several edits as one transaction; a failure rolls all of them back, also when
    // `edits` ignored the failed edit's Status. Revisions bumped in the passed objects
    // are not undone by a rollback: reload after a failed transaction.
    Status transaction(const std::function<Status()> &edits, EditScope scope = EditScope::Content);

    // Who and when (schema 10, projectstoreeditlog.cpp). The author stamps every edit_log
    // line, runs.started_by and comments added without one: the display name preference
    // (QSettings user/displayName), else the database role of a shared project, else the
    // OS user name.
    QString author() const;
    void setAuthor(const QString &author);
    // Off: no edit_log lines are written through this store. For a scratch copy made to
    // draw a map (an export): nobody reads its history, and writing a line per row doubled
    // the time to build a 5,000-node map.
    void setKeepsHistory(bool keeps);
    // The database role of a shared project (current_user); empty for a file.
    QString role() const;
    // Comments may be added, edited, resolved and removed: the project is writable, or it
    // is read-only but the role has the grants on comments and edit_log (transactions with
    // EditScope::Comments are taken; any other edit in them is refused).
    bool mayComment() const;
    // The history of an item, newest first: its own lines and, for a node, those of its
    // edges, test cases and comments; and the project's own lines (a replace), which
    // touched every item.
    Result<QList<EditLogEntry>> history(const Id &id, int limit = 500) const;
    // What the project holds, "“Shop”: 12 nodes, 30 test cases", for the history line of
    // a replace; empty when there is no project to read (yet).
    QString contentSummary() const;
    // The history line of a whole-project replace (entity "project", field "replace"):
    // `replaced` (contentSummary() before, or what else names it) → `project`'s name and
    // counts, and `source` (where it was read from) when given.
    Status recordReplace(const QString &replaced, const Project &project, const QString &source);
    // Who has this shared project open (projectstorepresence.cpp). A session renews its
    // row while open and removes it when closed; rows older than `staleAfterMs` are of
    // clients that died and are left out. A project file keeps no presence (empty list,
    // renew and leave do nothing). Failures (a role without grants on presence) are
    // returned; callers treat presence as a courtesy.
    Status renewPresence(const QString &sessionId);
    Status leavePresence(const QString &sessionId);
    Result<QList<PresenceEntry>> presence(qint64 staleAfterMs) const;

    Result<QList<Node>> nodes() const;
    Result<Node> node(const Id &id) const;
    Status addNode(Node &node); // assigns an id when empty; sets revision 1
    // Bumps revision; conflict if the stored one differs. Leaves x and y alone (moves are
    // setNodePositions'), so a property edit and a move of one node by two people both land.
    Status updateNode(Node &node);
    // Where nodes stand (projectstorelayout.cpp). Revisions are not bumped, so a move never
    // turns another editor's pending property edit into a conflict, nor an edit a move.
    // With `from` (the same ids in the same order: where the caller last saw each node)
    // the move is guarded by position instead: a node stored elsewhere was moved by
    // someone else since, and one stored pinned that `from` says was not was pinned by
    // someone else since (a layout must leave it alone); then nothing is written and the
    // edit is a conflict
    // (lastEditConflicted; the error names how many nodes and where they are). A guarded
    // move writes x and y only; without `from` (import) last writer wins and `pinned` is
    // written too. Each node whose position changed gets an edit_log line, field
    // "position", "(x, y)" in whole pixels. Fails (changing nothing) if a node does not
    // exist.
    Status setNodePositions(const QList<NodePosition> &positions, const QList<NodePosition> &from = {});
    Result<DeleteSummary> previewRemoveNode(const Id &id) const;
    Result<DeleteSummary> removeNode(const Id &id); // cascades to edges, test cases, comments

    Result<QList<Edge>> edges() const;
    Status addEdge(Edge &edge);
    // Everything but the route, which is layout data (setEdgeRoutes). Moving an end to
    // another node removes the route: it was drawn between other cards.
    Status updateEdge(Edge &edge);
    // Layout only: last writer wins and revisions are not bumped (a layout's node moves
    // are what is guarded). A route that changes gets an edit_log line (field "route").
    // Fails (changing nothing) if an edge does not exist or a route is not 1 + 3n points.
    Status setEdgeRoutes(const QList<EdgeRouteChange> &routes);
    Status removeEdge(const Id &id);

    Result<QList<Flow>> flows() const;
    Status addFlow(Flow &flow);
    Status updateFlow(Flow &flow);
    Status removeFlow(const Id &id); // test cases of the flow keep their node, lose the flow

    Result<QList<TestCase>> testCases() const;
    Result<QList<TestCase>> testCasesOfNode(const Id &nodeId) const; // by position
    Result<TestCase> testCase(const Id &id) const;
    Status addTestCase(TestCase &testCase);
    Status updateTestCase(TestCase &testCase);
    Status removeTestCase(const Id &id);

    Result<QList<Environment>> environments() const;
    Status addEnvironment(Environment &environment);
    Status updateEnvironment(Environment &environment);
    Status removeEnvironment(const Id &id);

    Result<QList<Comment>> comments() const;
    Status addComment(Comment &comment);
    Status updateComment(Comment &comment);
    Status removeComment(const Id &id);

    // A finished run and all of its results, written in one transaction. The run needs an
    // id; results without an id get one, results without a run id get the run's.
    Status addRun(const Run &run, const QList<CheckResult> &results);
    Result<QList<Run>> runs() const; // oldest first
    Result<QList<CheckResult>> results(const Id &runId) const;
    // The newest result of every check that has one.
    Result<QList<CheckResult>> latestResults() const;

    // Sharded runs (projectstoreshards.cpp): shards of one run, possibly on several
    // machines at once, write into one stored run. claimShardedRun adds the run (no
    // results, run.shardCount > 0, the plan) unless it exists; two shards adding it at
    // once both succeed and one plan wins. It returns the run as stored with its plan, to
    // run what that says. An existing run that is not sharded, or with another shard
    // count, is an error.
    Result<ShardedRunClaim> claimShardedRun(const Run &run, const QString &plan);
    // One shard's results into the claimed run, in one transaction: marks the shard in,
    // recomputes the run's counts from all its results, moves finished_at to the latest
    // and marks it cancelled if this part was. A shard already in is an error (its
    // results are stored; run the run again under a new id).
    Status addShardResults(const Run &shardRun, int shard, const QList<CheckResult> &results);
    // Each test case's duration in the newest run that ran it (the sum of its results'
    // durations), leaving out the run `excludeRunId`: what shard plans balance by.
    Result<QHash<Id, qint64>> testCaseDurations(const Id &excludeRunId) const;

private:
    explicit ProjectStore(std::unique_ptr<ProjectStorePrivate> d);
    Status initialise(const QString &projectName);
    static Result<std::unique_ptr<ProjectStore>> connectShared(const ProjectLocation &location);
    Status initialiseShared(const QString &projectName, bool replace);
    std::unique_ptr<ProjectStorePrivate> d;
};

} // namespace flowbench
