// Re-import as a previewed merge, over pairs of fixture versions (tests/data/reimport/:
// v1 -> v2 of a Postman collection and of an OpenAPI spec; in v2 an operation is added,
// one removed, one has a changed path parameter and assertion, one a changed body). The
// plan is checked, applied into an open project as one undo step with hand edits made in
// between surviving, and undone to the very project it started from.
#undef QT_NO_CAST_FROM_ASCII
#include "document/importchangescommand.h"
#include "document/projectdocument.h"
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "io/reimportplan.h"
#include "support/projectfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {

// What a user sees of the project, without revisions (an undo writes rows again).
Project content(Project p)
{
    for (Node &n : p.nodes)
        n.revision = 0;
    for (Edge &e : p.edges)
        e.revision = 0;
    for (TestCase &t : p.testCases)
        t.revision = 0;
    for (Comment &c : p.comments)
        c.revision = 0;
    auto byId = [](const auto &a, const auto &b) { return a.id < b.id; };
    std::sort(p.nodes.begin(), p.nodes.end(), byId);
    std::sort(p.edges.begin(), p.edges.end(), byId);
    std::sort(p.testCases.begin(), p.testCases.end(), byId);
    std::sort(p.environments.begin(), p.environments.end(), byId);
    return p;
}

struct Row
{
    QString format;
    QString v1, v2;
    QStringList summary; // ReimportPlan::summary() of v1 -> v2
    QStringList fields; // "check NAME: field line prefix" that must be listed
    QString removedCase; // the test case v2 no longer has
    QString removedNode; // and its node
    QString addedCase;
    QString editedNode; // a node moved and given a risk by hand
    QString editedCase; // a test case given an extra assertion by hand (changed by v2)
    QString clearedCase; // a test case whose review note a person cleared; empty: none
    ReimportPlan::Removed removed;
};

const TestCase *caseTitled(const Project &p, const QString &title)
{
    for (const TestCase &t : p.testCases)
        if (t.title == title)
            return &t;
    return nullptr;
}

Result<Import> read(const QString &format, const QString &file, const Project &target)
{
    const QString path = QFINDTESTDATA("data/reimport/" + file);
    if (path.isEmpty())
        return Result<Import>::failure("fixture not found: " + file);
    return readImportFile(*FormatRegistry::instance().importer(format), path, target);
}

bool listed(const ReimportPlan &plan, const QString &expectation)
{
    // "NAME: field" — a changed row named NAME with a field line starting with "field".
    const int colon = expectation.indexOf(QStringLiteral(": "));
    const QString name = expectation.left(colon), field = expectation.mid(colon + 2);
    for (const ReimportPlan::Row &r : plan.rows())
        if (r.name == name && r.change == ReimportPlan::Change::Changed)
            for (const QString &f : r.fields)
                if (f.startsWith(field))
                    return true;
    return false;
}

} // namespace

Q_DECLARE_METATYPE(Row)

class TestReimportPlan : public QObject
{
    Q_OBJECT

private slots:
    void versions_data();
    void versions();
    void sameFileTwiceIsAllUntouched();
    void anotherCollectionIsNeverRemoved();
};

void TestReimportPlan::versions_data()
{
    QTest::addColumn<Row>("row");
    const QStringList openapiSummary {
        "nodes: 1 added, 0 changed, 1 removed, 4 untouched",
        "edges: 1 added, 0 changed, 1 removed, 3 untouched",
        "test cases: 1 added, 3 changed, 1 removed, 0 untouched",
        "checks: 1 added, 3 changed, 1 removed, 0 untouched",
        "environments: 0 added, 0 changed, 0 removed, 1 untouched",
    };
    const QStringList openapiFields {
        "POST /pets: spec.body: {\"json\":{\"name\":\"Rex\"}",
        "GET /pets/{petId}: spec.url: \"{{base_url}}/pets/1\" → \"{{base_url}}/pets/7\"",
        "GET /pets/{petId}: assertions: +1 -1", // the json_schema of the changed Pet schema
        "GET /pets: assertions: +1 -1",
    };
    const QStringList postmanSummary {
        "nodes: 1 added, 0 changed, 1 removed, 4 untouched",
        "edges: 1 added, 0 changed, 1 removed, 3 untouched",
        "test cases: 1 added, 2 changed, 1 removed, 1 untouched",
        "checks: 1 added, 2 changed, 1 removed, 1 untouched",
        "environments: 0 added, 0 changed, 0 removed, 1 untouched",
    };
    const QStringList postmanFields {
        "Create pet: spec.body: {\"mode\":\"raw\",\"raw\":\"{\\\"name\\\": \\\"Rex\\\"}\"} → ",
        "Show pet: spec.url: \"{{base_url}}/pets/1\" → \"{{base_url}}/pets/7\"",
        "Show pet: assertions: +1",
    };
    for (const auto removed : { ReimportPlan::Removed::KeepForReview, ReimportPlan::Removed::Delete }) {
        const char *how = removed == ReimportPlan::Removed::Delete ? "delete removed" : "keep removed";
        QTest::addRow("openapi, %s", how) << Row { "openapi", "openapi-v1.yaml", "openapi-v2.yaml",
            openapiSummary, openapiFields, "DELETE /pets/{petId} smoke", "DELETE /pets/{petId}",
            "GET /owners smoke", "GET /pets", "GET /pets/{petId} smoke", QString(), removed };
        QTest::addRow("postman, %s", how) << Row { "postman", "postman-v1.json", "postman-v2.json",
            postmanSummary, postmanFields, "Delete pet", "DELETE /pets/{id}", "List owners", "GET /pets/{id}",
            "Show pet", "List pets", removed };
    }
}

void TestReimportPlan::versions()
{
    QFETCH(Row, row);
    QTemporaryDir dir;
    const QString path = dir.filePath("pets.flowbench");
    auto created = ProjectDocument::create(path, "Pets");
    QVERIFY2(created.ok(), qPrintable(created.error()));
    ProjectDocument &doc = *created.value();
    auto snapshot = [&] {
        Project p = doc.snapshot();
        p.environments = doc.environments();
        return p;
    };

    // v1 into the empty project: everything added.
    const Result<Import> first = read(row.format, row.v1, snapshot());
    QVERIFY2(first.ok(), qPrintable(first.error()));
    const ReimportPlan firstPlan = ReimportPlan::between(snapshot(), *first);
    QCOMPARE(firstPlan.count(ReimportPlan::Entity::TestCase, ReimportPlan::Change::Added), 4);
    QVERIFY(!firstPlan.hasRemoved());
    QVERIFY(ImportChangesCommand::apply(doc, firstPlan.changes(row.removed), "Import v1"));

    // Hand edits to what the source does not own.
    const Project v1 = snapshot();
    Node moved = *v1.nodeByName(row.editedNode);
    moved.x = 777;
    moved.y = -40;
    moved.pinned = true;
    moved.risk = Risk { 5, 4 };
    TestCase extra = *caseTitled(v1, row.editedCase);
    const Assertion latency { "latency_ms", {}, "<", 900 };
    extra.checks.first().assertions.append(latency);
    extra.priority = Priority::Critical;
    ProjectChangeSet edits;
    edits.changed.nodes << moved;
    edits.changed.testCases << extra;
    if (!row.clearedCase.isEmpty()) {
        TestCase cleared = *caseTitled(v1, row.clearedCase);
        QVERIFY2(!cleared.reviewNote.isEmpty(), "the fixture's untranslated line makes a review note");
        cleared.reviewNote.clear();
        edits.changed.testCases << cleared;
    }
    QVERIFY(ImportChangesCommand::apply(doc, edits, "Hand edits"));
    Comment comment;
    comment.nodeId = moved.id;
    comment.text = "Ask the team about rate limits";
    QVERIFY(doc.addComment(comment));
    const Project before = content(testing::reopenProject(path));

    // v2: the plan.
    const Result<Import> second = read(row.format, row.v2, snapshot());
    QVERIFY2(second.ok(), qPrintable(second.error()));
    const ReimportPlan plan = ReimportPlan::between(snapshot(), *second);
    QCOMPARE(plan.summary(), row.summary);
    for (const QString &f : row.fields)
        QVERIFY2(listed(plan, f), qPrintable(f + "\nnot in:\n" + plan.toText(row.removed)));
    const QString text = plan.toText(row.removed);
    QVERIFY2(text.contains(QString("- test case \"%1\": %2")
                               .arg(row.removedCase,
                                   row.removed == ReimportPlan::Removed::Delete ? "deleted"
                                                                                : "kept, marked for review")),
        qPrintable(text));
    QVERIFY(plan.hasRemoved());

    // Applied as one undo step.
    const int steps = doc.undoStack()->count();
    const ProjectChangeSet changes = plan.changes(row.removed);
    QCOMPARE(importProblems(snapshot(), changes), QStringList());
    QVERIFY(ImportChangesCommand::apply(doc, changes, "Import v2"));
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    const Project after = testing::reopenProject(path);
    QVERIFY(caseTitled(after, row.addedCase));
    const Node *kept = after.node(moved.id);
    QVERIFY(kept);
    QCOMPARE(kept->x, 777.0);
    QCOMPARE(kept->y, -40.0);
    QVERIFY(kept->pinned);
    QCOMPARE(kept->risk, (Risk { 5, 4 }));
    QCOMPARE(after.comments.size(), 1);
    const TestCase *edited = nullptr;
    for (const TestCase &t : after.testCases)
        if (t.id == extra.id)
            edited = &t;
    QVERIFY(edited);
    QVERIFY(edited->priority == Priority::Critical);
    QVERIFY2(edited->checks.first().assertions.contains(latency), "the hand-added assertion survives");
    QVERIFY(edited->checks.first().spec.value("url").toString().endsWith("/pets/7"));
    if (!row.clearedCase.isEmpty())
        QCOMPARE(caseTitled(after, row.clearedCase)->reviewNote, QString());
    const TestCase *gone = caseTitled(after, row.removedCase);
    if (row.removed == ReimportPlan::Removed::Delete) {
        QVERIFY(!gone);
        QVERIFY(!after.nodeByName(row.removedNode));
    } else {
        QVERIFY(gone);
        QVERIFY2(gone->reviewNote.contains("No longer in " + row.v2), qPrintable(gone->reviewNote));
        QVERIFY(after.nodeByName(row.removedNode));
        // Read again: what was marked is not marked twice, so nothing is left to apply.
        const Result<Import> again = read(row.format, row.v2, snapshot());
        QVERIFY(again.ok());
        const ReimportPlan same = ReimportPlan::between(snapshot(), *again);
        QVERIFY2(same.isEmpty(row.removed), qPrintable(same.toText(row.removed)));
    }

    // Undone: the project as it was before v2, to the field.
    doc.undoStack()->undo();
    const Project undone = content(testing::reopenProject(path));
    QCOMPARE(undone.nodes, before.nodes);
    QCOMPARE(undone.edges, before.edges);
    QCOMPARE(undone.testCases, before.testCases);
    QCOMPARE(undone.comments, before.comments);
    QCOMPARE(undone.environments, before.environments);
    QCOMPARE(content(snapshot()).nodes, before.nodes);
}

void TestReimportPlan::sameFileTwiceIsAllUntouched()
{
    for (const auto &[format, file] :
        { std::pair { "openapi", "openapi-v1.yaml" }, { "postman", "postman-v1.json" } }) {
        const Result<Import> first = read(format, file, Project());
        QVERIFY2(first.ok(), qPrintable(first.error()));
        const Project project = appliedTo(Project(), first->changes);
        const Result<Import> again = read(format, file, project);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        const ReimportPlan plan = ReimportPlan::between(project, *again);
        QVERIFY2(plan.isEmpty(ReimportPlan::Removed::Delete),
            qPrintable(plan.toText(ReimportPlan::Removed::Delete)));
        QCOMPARE(plan.count(ReimportPlan::Entity::TestCase, ReimportPlan::Change::Untouched), 4);
        QCOMPARE(plan.count(ReimportPlan::Entity::Node, ReimportPlan::Change::Untouched), 5);
    }
}

// Two Postman collections in one project: re-importing one never lists the other's test
// cases as removed (a collection knows its own by its id).
void TestReimportPlan::anotherCollectionIsNeverRemoved()
{
    const Result<Import> pets = read("postman", "postman-v1.json", Project());
    QVERIFY2(pets.ok(), qPrintable(pets.error()));
    Project project = appliedTo(Project(), pets->changes);
    const QString uploads = QFINDTESTDATA("data/postman/multipart/collection.json");
    const Result<Import> other
        = readImportFile(*FormatRegistry::instance().importer("postman"), uploads, project);
    QVERIFY2(other.ok(), qPrintable(other.error()));
    const ReimportPlan otherPlan = ReimportPlan::between(project, *other);
    QVERIFY2(!otherPlan.hasRemoved(), qPrintable(otherPlan.toText(ReimportPlan::Removed::KeepForReview)));
    project = appliedTo(project, otherPlan.changes(ReimportPlan::Removed::KeepForReview));
    QCOMPARE(project.testCases.size(), 5);

    const Result<Import> v2 = read("postman", "postman-v2.json", project);
    QVERIFY2(v2.ok(), qPrintable(v2.error()));
    const ReimportPlan plan = ReimportPlan::between(project, *v2);
    QCOMPARE(
        plan.count(ReimportPlan::Entity::TestCase, ReimportPlan::Change::Removed), 1); // "Delete pet" only
    const Project after = appliedTo(project, plan.changes(ReimportPlan::Removed::Delete));
    QVERIFY(caseTitled(after, "Upload products"));
    QVERIFY(!caseTitled(after, "Delete pet"));
}

QTEST_GUILESS_MAIN(TestReimportPlan)
#include "tst_reimportplan.moc"
