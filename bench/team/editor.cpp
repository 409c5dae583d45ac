#include "team/editor.h"

#include "document/addedgecommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removeedgecommand.h"
#include "document/storewatcher.h"

#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>
#include <QUndoStack>
#include <optional>
#include <type_traits>

namespace flowbench::bench {

namespace {

class Editor
{
public:
    Editor(const EditorPlan &plan, ProjectDocument *doc, EditorReport &report)
        : m_plan(plan)
        , m_doc(doc)
        , m_report(report)
        , m_random(plan.seed)
    {
        QObject::connect(
            doc, &ProjectDocument::conflictOccurred, doc, [this](const EditConflict &c) { m_conflict = c; });
        QObject::connect(doc, &ProjectDocument::errorOccurred, doc, [this](const QString &message) {
            if (m_report.errors.size() < 5)
                m_report.errors << message;
        });
    }

    void editOnce(int step)
    {
        const QString tag = QStringLiteral("e%1.%2").arg(m_plan.index).arg(step);
        const int roll = int(m_random.bounded(100));
        const Id node = m_plan.nodeIds.at(int(m_random.bounded(quint32(m_plan.nodeIds.size()))));
        if (roll < 12 && !m_myEdges.isEmpty()) {
            removeEdge(m_myEdges.takeAt(int(m_random.bounded(quint32(m_myEdges.size())))));
        } else if (roll < 30) {
            const Id to = m_plan.nodeIds.at(int(m_random.bounded(quint32(m_plan.nodeIds.size()))));
            if (to != node)
                addEdge(node, to, QStringLiteral("calls ") + tag);
            else
                change<Node>(Ack::Kind::NodeName, node, &Node::name, QStringLiteral("node ") + tag);
        } else if (roll < 55) {
            const Id testCase = m_plan.caseIds.at(int(m_random.bounded(quint32(m_plan.caseIds.size()))));
            change<TestCase>(Ack::Kind::CaseTitle, testCase, &TestCase::title, QStringLiteral("case ") + tag);
        } else if (roll < 70) {
            change<Node>(Ack::Kind::NodeOwner, node, &Node::owner, QStringLiteral("owner ") + tag);
        } else {
            change<Node>(Ack::Kind::NodeName, node, &Node::name, QStringLiteral("node ") + tag);
        }
    }

private:
    template <typename Object> const Object *find(const Id &id) const
    {
        if constexpr (std::is_same_v<Object, Node>)
            return m_doc->node(id);
        else
            return m_doc->testCase(id);
    }

    void acknowledge(Ack::Kind kind, const Id &item, const QString &value, int revision)
    {
        m_report.acks.append(Ack { kind, item, value, revision, nowNs() });
    }

    template <typename Object>
    void change(Ack::Kind kind, const Id &id, QString Object::*field, const QString &value)
    {
        ++m_report.attempts;
        m_conflict.reset();
        m_doc->undoStack()->push(new ChangeValue<Object, QString>(m_doc, id, field, value, value));
        if (m_conflict) {
            ++m_report.conflicts;
            const EditConflict conflict = *m_conflict;
            m_conflict.reset();
            if (m_report.conflicts % 2 == 1) {
                m_doc->keepTheirs(conflict);
                return;
            }
            m_doc->applyMine(conflict);
            if (m_conflict) {
                ++m_report.conflicts;
                m_doc->keepTheirs(*m_conflict);
                return;
            }
        }
        const Object *now = find<Object>(id);
        if (now && now->*field == value)
            acknowledge(kind, id, value, now->revision);
        else
            ++m_report.failures;
    }

    void addEdge(const Id &from, const Id &to, const QString &label)
    {
        ++m_report.attempts;
        Edge e;
        e.id = newId();
        e.from = from;
        e.to = to;
        e.kind = EdgeKind::Calls;
        e.label = label;
        m_doc->undoStack()->push(new AddEdgeCommand(m_doc, e));
        if (m_doc->edge(e.id)) {
            acknowledge(Ack::Kind::EdgeAdded, e.id, label, 1);
            m_myEdges.append(e.id);
        } else {
            ++m_report.failures;
        }
    }

    void removeEdge(const Id &id)
    {
        ++m_report.attempts;
        m_doc->undoStack()->push(new RemoveEdgeCommand(m_doc, id));
        if (!m_doc->edge(id))
            acknowledge(Ack::Kind::EdgeRemoved, id, QString(), 0);
        else
            ++m_report.failures;
    }

    const EditorPlan &m_plan;
    ProjectDocument *m_doc;
    EditorReport &m_report;
    QRandomGenerator m_random;
    std::optional<EditConflict> m_conflict;
    QList<Id> m_myEdges;
};

} // namespace

EditorReport runEditor(const EditorPlan &plan)
{
    EditorReport report;
    report.editor = plan.index;
    auto opened = ProjectDocument::open(plan.url);
    plan.opened->release();
    plan.go->acquire();
    if (!opened) {
        report.errors << opened.error();
        return report;
    }
    std::unique_ptr<ProjectDocument> doc = std::move(opened).value();
    doc->setSyncReadsEverything(plan.wholeSync);
    StoreWatcher watcher(doc.get());
    QObject::connect(&watcher, &StoreWatcher::changedUnderneath, doc.get(), [&] {
        ++report.syncs;
        if (Status s = plan.scanSync ? doc->syncWithStore() : doc->syncWithOthers(); !s && report.errors.size() < 5)
            report.errors << s.error();
    });
    Editor editor(plan, doc.get(), report);
    QEventLoop loop;
    QTimer next; // 0 ms: the event loop (NOTIFY, the watcher) runs between two edits
    int step = 0;
    QObject::connect(&next, &QTimer::timeout, &loop, [&] {
        if (step == plan.edits) {
            next.stop();
            loop.quit();
            return;
        }
        editor.editOnce(step++);
    });
    report.startNs = nowNs();
    next.start(0);
    loop.exec();
    report.endNs = nowNs();
    return report;
}

} // namespace flowbench::bench
