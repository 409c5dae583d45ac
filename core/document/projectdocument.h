#pragma once

#include "document/editconflict.h"
#include "model/project.h"
#include "result.h"
#include "store/editlog.h"
#include "store/leasestore.h"
#include "store/projectstore.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUndoStack>
#include <memory>

namespace flowbench {

struct ProjectChangeSet;
class StoreConnection;

// The open project: owns the store (the file) and the undo stack, keeps an in-memory
// copy of what the map shows, and tells views what changed. Views never write the model;
// they push commands (core/document/*command*), which call the mutators below. Each
// mutator is one store transaction; the cache changes only after the file did.
class PresenceTracker;

class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    ~ProjectDocument() override;

    static Result<std::unique_ptr<ProjectDocument>> create(const QString &path, const QString &name);
    static Result<std::unique_ptr<ProjectDocument>> open(const QString &path);

    QString filePath() const; // a shared project's URL (without password reference)
    // The file or the shared project (ProjectLocation); for reopening and recent lists.
    ProjectLocation location() const { return m_store->location(); }
    // A project this user cannot write opens read-only (ProjectStore::open): views show it
    // and disable editing; a command pushed anyway is refused (errorOccurred says why).
    bool isReadOnly() const { return m_store->isReadOnly(); }
    QString readOnlyReason() const { return m_store->readOnlyReason(); }
    // A shared project whose server cannot be reached (StoreConnection noticed, or an edit
    // did). What is in memory stays readable (map, editors, search, reports of loaded
    // data); every edit, undo, redo, comment and run write is refused by the store ("the
    // shared project's server cannot be reached; edits are refused until it is back"),
    // never queued. It reconnects by itself, takes in what others changed meanwhile
    // (syncWithStore) and only then goes online again. offlineChanged says each change.
    bool isOffline() const;
    QString offlineReason() const; // what libpq or the server said
    QDateTime offlineSince() const;
    StoreConnection *connection() const { return m_connection; } // null for a project file
    // Comments may be added, edited and resolved: the project is writable, or the role is
    // read-only but may comment (ProjectStore::mayComment); every other edit is refused.
    bool canComment() const { return m_store->mayComment(); }

    // Who and when (projectdocumenthistory.cpp). Edits, comments and runs are signed with
    // author() (ProjectStore::author; setAuthor changes it for this document).
    QString author() const { return m_store->author(); }
    void setAuthor(const QString &name) { m_store->setAuthor(name); }
    // ProjectStore::setKeepsHistory: off for a scratch copy (a map drawn for an export).
    void setKeepsHistory(bool keeps) { m_store->setKeepsHistory(keeps); }
    // The history of a node (with its edges, test cases and comments) or of another item,
    // newest first.
    Result<QList<EditLogEntry>> history(const Id &id) const { return m_store->history(id); }
    // Others who have this shared project open now (not this document); empty for a file.
    // Renewed every ~20 s (FLOWBENCH_PRESENCE_INTERVAL_MS), a client not seen for 3
    // intervals is left out; presenceChanged says when the list changed.
    QList<PresenceEntry> othersHere() const;
    QString projectName() const { return m_name; }
    QUndoStack *undoStack() const { return m_undoStack; }

    // Reading: pointers stay valid until the next change signal.
    const Node *node(const Id &id) const;
    const Edge *edge(const Id &id) const;
    const Flow *flow(const Id &id) const;
    const TestCase *testCase(const Id &id) const;
    QList<Node> nodes() const; // ordered by id
    QList<Edge> edges() const; // ordered by id
    QList<Flow> flows() const; // ordered by name
    QList<TestCase> testCasesOfNode(const Id &nodeId) const; // by position
    QList<TestCase> testCases() const;
    QList<Comment> commentsOfNode(const Id &nodeId) const; // oldest first
    const Comment *comment(const Id &id) const;
    int openCommentCount(const Id &nodeId) const; // unresolved; cheap enough to call per paint
    QList<Edge> edgesOfNode(const Id &nodeId) const;
    int nodeCount() const { return m_nodes.size(); }
    int edgeCount() const { return m_edges.size(); }
    int testCaseCount(const Id &nodeId) const;
    Project snapshot() const; // nodes, edges, flows, test cases and comments as plain values

    // What removing these nodes takes with it (edges counted once).
    Result<DeleteSummary> previewRemoveNodes(const QList<Id> &ids) const;

    // Mutators for commands. Every call is one transaction; on failure nothing changed
    // and errorOccurred() says why.
    Status addNodes(QList<Node> &nodes, QList<Edge> &edges);
    Status updateNode(const Node &node); // takes the stored revision; ignores x/y
    // Moves nodes and leaves the stored edge routes alone: a route names the positions it
    // was computed for, so the map stops drawing it while an end is elsewhere and draws it
    // again when a move is undone (SplineRoute::fits). With `from` (where the step expects
    // the nodes, same ids in the same order) a node someone else moved since refuses the
    // whole move as a conflict (ProjectStore::setNodePositions; lastEditConflicted); under
    // ConflictsHandledByCaller that is returned without errorOccurred.
    Status setNodePositions(const QList<NodePosition> &positions, const QList<NodePosition> &from = {});
    // A layout run: positions and edge routes in one transaction (nodesMoved, then
    // edgeRoutesChanged); all or nothing, guarded by `from` like setNodePositions.
    Status applyLayout(const QList<NodePosition> &positions, const QList<EdgeRouteChange> &routes,
        const QList<NodePosition> &from = {});
    // Removes the nodes with everything attached; `removed` receives what went.
    Status removeNodes(const QList<Id> &ids, Project *removed);
    // Puts back what removeNodes took (nodes, edges, test cases, comments, flow paths).
    Status restoreNodes(const Project &removed);
    Status addEdge(Edge &edge);
    Status updateEdge(const Edge &edge); // keeps the stored route (cleared if an end changes)
    Status removeEdge(const Id &id);
    Status addFlow(Flow &flow);
    Status updateFlow(const Flow &flow);
    // Test cases of the flow lose their flow; `detached` receives their ids.
    Status removeFlow(const Id &id, QList<Id> *detached);
    Status restoreFlow(const Flow &flow, const QList<Id> &detached);
    Status addTestCase(TestCase &testCase);
    Status updateTestCase(const TestCase &testCase);
    Status removeTestCase(const Id &id);
    // Review comments on a node; each emits commentsChanged(nodeId).
    Status addComment(Comment &comment); // assigns id and time when empty
    Status updateComment(const Comment &comment);
    Status removeComment(const Id &id);
    // Environments (projectdocumentenvironments.cpp): read from the store; setEnvironments
    // replaces the whole list (adds, updates, removes by id) in one transaction.
    QList<Environment> environments() const;
    Status setEnvironments(const QList<Environment> &environments);
    // An import and its undo (projectdocumentchanges.cpp, ImportChangesCommand): adds, then
    // changes, then removes what `changes` says, all in one transaction, so nothing changes
    // on failure. `inverse` receives the change set that puts everything back. Runs and
    // results are refused (the document keeps no run history to undo).
    Status applyChanges(const ProjectChangeSet &changes, ProjectChangeSet *inverse);

    // Run history (projectdocumentruns.cpp). Runs are history, not edits: adding one is
    // no undo command (undo takes back what the user changed, never what happened) and
    // an undo never removes a run. addRun writes the run and its results in one
    // transaction and emits runAdded; a failure (also "read-only") is returned, not
    // emitted as errorOccurred: the run's owner (RunSession) reports it with the run.
    Status addRun(const Run &run, const QList<CheckResult> &results);
    Result<QList<Run>> runs() const; // oldest first
    Result<QList<CheckResult>> results(const Id &runId) const;
    Result<QList<CheckResult>> latestResults() const; // the newest result of every check
    // The leases and audit of its environments, on the store's connection (RunSession).
    LeaseStore leaseStore() const { return LeaseStore(m_store->connectionName(), m_store->path()); }
    // Sharded runs (ProjectStore::claimShardedRun and addShardResults): a shard claims
    // its run when it starts and adds its results when it ends (emits runAdded with the
    // run as stored, counting every shard in so far).
    Result<ShardedRunClaim> claimShardedRun(const Run &run, const QString &plan);
    Status addShardResults(const Run &shardRun, int shard, const QList<CheckResult> &results);
    Result<QHash<Id, qint64>> testCaseDurations(const Id &excludeRunId) const;
    // The stored run with this id; an error when there is none.
    Result<Run> storedRun(const Id &id) const;
    // "The store changed under me" (projectdocumentsync.cpp): another writer (a second
    // window, flowbench-cli, git checkout of the same file) committed to the project. Reads
    // it again and brings the cache up to date with the usual change signals, so views
    // keep their selection, scroll and zoom. The undo stack stays: a command whose items
    // another writer changed meanwhile is refused as a revision conflict when undone or
    // redone, never overwriting. `changes` (may be null) receives what differed; when
    // nothing did, no signal is emitted (environments always say environmentsChanged).
    Status syncWithStore(ProjectChangeSet *changes = nullptr);
    // The same, for a watcher told of others' commits: on a shared project whose commits
    // named their rows (NOTIFY payload) only those rows are read, no scan; otherwise
    // syncWithStore. A conflict's sync is syncWithStore: the refusing commit's notification
    // may not have arrived yet.
    Status syncWithOthers(ProjectChangeSet *changes = nullptr);
    // The rows the last sync read in full (nodes, edges, flows, test cases, comments):
    // usually those that changed (a scan of ids and revisions found them); every row when
    // the content was replaced or more than a quarter of it changed (the whole project read).
    int lastSyncLoadedRows() const { return m_lastSyncLoadedRows; }
    bool lastSyncReadEverything() const { return m_lastSyncReadEverything; }
    // Every sync reads the whole project without a scan first, as before the scan existed:
    // to compare the two in tests and benchmarks.
    void setSyncReadsEverything(bool everything) { m_syncReadsEverything = everything; }
    // Changes when another writer commits (SQLite data_version, or on a shared project the
    // count of other clients' commits announced by NOTIFY); not for our own edits.
    Result<qint64> storeVersion() const;

    // Conflicts (editconflict.h, projectdocumentsync.cpp). A step that would overwrite
    // someone else's newer value is refused and announced by conflictOccurred; the refused
    // step is gone from the undo stack. The person's choice: keepTheirs takes what is
    // stored in (their value shows); applyMine takes it in too and then writes mine over
    // it as a new undoable edit naming the current revision.
    Status keepTheirs(const EditConflict &conflict);
    Status applyMine(const EditConflict &conflict);
    // For ChangeValue: announces a conflict it found.
    void raiseConflict(const EditConflict &conflict) { emit conflictOccurred(conflict); }
    // The last update* failed on a revision conflict (someone else saved the item since
    // the document took it in), not for another reason.
    bool lastEditConflicted() const { return m_store->lastEditConflicted(); }
    // While one lives, an update* refused as a revision conflict is returned without
    // errorOccurred: its caller (ChangeValue) takes the other's version in and decides.
    class ConflictsHandledByCaller
    {
    public:
        explicit ConflictsHandledByCaller(ProjectDocument *document)
            : m_document(document)
        {
            ++m_document->m_conflictsHandledByCaller;
        }
        ~ConflictsHandledByCaller() { --m_document->m_conflictsHandledByCaller; }
        ConflictsHandledByCaller(const ConflictsHandledByCaller &) = delete;
        ConflictsHandledByCaller &operator=(const ConflictsHandledByCaller &) = delete;

    private:
        ProjectDocument *m_document;
    };
    // Writes the whole project as stored (content, environments, run history) into a new
    // project file at `path`, replacing it only once complete (writeProjectFile).
    Status saveCopy(const QString &path) const;

signals:
    void nodesAdded(const QList<flowbench::Id> &ids);
    void nodeChanged(const flowbench::Id &id);
    void nodesMoved(const QList<flowbench::Id> &ids);
    void nodesRemoved(const QList<flowbench::Id> &ids);
    void edgesAdded(const QList<flowbench::Id> &ids);
    void edgeChanged(const flowbench::Id &id);
    void edgeRoutesChanged(const QList<flowbench::Id> &ids);
    void edgesRemoved(const QList<flowbench::Id> &ids);
    void flowsChanged(); // added, changed or removed: the flow list is small
    void testCasesChanged(const flowbench::Id &nodeId);
    void commentsChanged(const flowbench::Id &nodeId); // added, edited, resolved or removed
    void environmentsChanged();
    void runAdded(const flowbench::Run &run, const QList<flowbench::CheckResult> &results);
    void errorOccurred(const QString &message);
    // Someone else's newer value stopped an edit, undo or redo (see keepTheirs/applyMine).
    void conflictOccurred(const flowbench::EditConflict &conflict);
    // Another client committed to this shared project (LISTEN/NOTIFY); StoreWatcher looks
    // at once. Emitted from the event loop; never for a project file.
    void othersCommitted();
    // The shared project's server went away (true) or is back and synced (false).
    void offlineChanged(bool offline);
    void presenceChanged();

private:
    explicit ProjectDocument(std::unique_ptr<ProjectStore> store, QObject *parent = nullptr);
    Status reload();
    // Takes positions just stored into the cache (pinned too when `withPinned`); returns
    // their ids. The cache keeps each node's revision: a move bumps none.
    QList<Id> takePositions(const QList<NodePosition> &positions, bool withPinned);
    // What `told` names and what hangs on it in the cache: a removed node takes its edges,
    // test cases and comments along and leaves the flows through it; a removed flow
    // clears its test cases' flow.
    ProjectRowIds withDependents(ProjectRowIds told) const;
    // Both syncs: the rows read (`told`: by syncWithOthers' ids) brought into the cache.
    Status sync(ProjectChangeSet *changes, const std::optional<ProjectRowIds> &told);
    // For syncWithStore: the rows a scan says differ from the cache; nullopt for all.
    std::optional<ProjectRowIds> rowsToRead(const ProjectScan &scan) const;
    Status fail(const Status &status);
    // fail(), except a conflict while a caller handles conflicts: returned quietly.
    Status refuse(const Status &status);
    // Runs `edits` as one store transaction; a failure is reported (errorOccurred) and returned.
    Status write(const std::function<Status()> &edits, EditScope scope = EditScope::Content);
    // Stores an edit of a cached item: the store checks the revision the cache holds, and
    // the cache takes the stored copy. `missing` is the error when no such item is cached.
    template <typename Item>
    Status storeEdit(QHash<Id, Item> &cache, const Item &item, Status (ProjectStore::*update)(Item &),
        const QString &missing);
    // One store call and the cache after it; the caller emits its signal.
    template <typename Item>
    Status storeAdd(QHash<Id, Item> &cache, Item &item, Status (ProjectStore::*add)(Item &));
    template <typename Item>
    Status storeRemove(QHash<Id, Item> &cache, const Id &id, Status (ProjectStore::*remove)(const Id &));

    std::unique_ptr<ProjectStore> m_store;
    QUndoStack *m_undoStack = nullptr;
    QString m_name;
    QHash<Id, Node> m_nodes;
    QHash<Id, Edge> m_edges;
    QHash<Id, Flow> m_flows;
    QHash<Id, TestCase> m_testCases;
    QHash<Id, Comment> m_comments;
    mutable QHash<Id, int> m_openComments; // per node, rebuilt after a comment change
    mutable bool m_openCommentsDirty = true;
    // Test cases per node, rebuilt after a test case change: every card asks when it is
    // painted, and counting by a scan made painting a 5,000-node map quadratic.
    mutable QHash<Id, int> m_caseCounts;
    mutable bool m_caseCountsDirty = true;
    int m_conflictsHandledByCaller = 0;
    // ProjectScan::generation when the cache was last read: another one means the content
    // may have been replaced, and a sync reads everything.
    QString m_storeGeneration;
    // Per routed edge, the route column a scan found and the cached route it was found equal
    // to (rowsToRead).
    mutable QHash<Id, std::pair<QString, SplineRoute>> m_scannedRoutes;
    int m_lastSyncLoadedRows = 0;
    bool m_lastSyncReadEverything = false;
    bool m_syncReadsEverything = false;
    StoreConnection *m_connection = nullptr;
    PresenceTracker *m_presence = nullptr; // shared projects only
};

} // namespace flowbench
