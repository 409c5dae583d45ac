#include "document/changevalue.h"
#include "document/projectdocument.h"

namespace flowbench {

namespace {
QString text(const char *source)
{
    return QCoreApplication::translate("ChangeValue", source);
}
} // namespace

const Node *DocumentObjects<Node>::find(const ProjectDocument *document, const Id &id)
{
    return document->node(id);
}
Status DocumentObjects<Node>::store(ProjectDocument *document, const Node &node)
{
    return document->updateNode(node);
}
QString DocumentObjects<Node>::kind()
{
    return text("node");
}
QString DocumentObjects<Node>::name(const ProjectDocument *, const Node &node)
{
    return node.name;
}
bool DocumentObjects<Node>::sameContent(const Node &a, const Node &b)
{
    Node placed = b; // where it stands on the map is layout, not content
    placed.x = a.x;
    placed.y = a.y;
    return a == placed;
}
void DocumentObjects<Node>::keepLayout(Node &written, const Node &current)
{
    written.x = current.x;
    written.y = current.y;
}

const Edge *DocumentObjects<Edge>::find(const ProjectDocument *document, const Id &id)
{
    return document->edge(id);
}
Status DocumentObjects<Edge>::store(ProjectDocument *document, const Edge &edge)
{
    return document->updateEdge(edge);
}
QString DocumentObjects<Edge>::kind()
{
    return text("edge");
}
QString DocumentObjects<Edge>::name(const ProjectDocument *document, const Edge &edge)
{
    const Node *from = document->node(edge.from);
    const Node *to = document->node(edge.to);
    const QString ends
        = QStringLiteral("%1 → %2").arg(from ? from->name : edge.from, to ? to->name : edge.to);
    return edge.label.isEmpty() ? ends : QStringLiteral("%1 (%2)").arg(edge.label, ends);
}
bool DocumentObjects<Edge>::sameContent(const Edge &a, const Edge &b)
{
    Edge routed = b; // the route is layout data
    routed.route = a.route;
    return a == routed;
}
void DocumentObjects<Edge>::keepLayout(Edge &written, const Edge &current)
{
    written.route = current.route;
}

const Flow *DocumentObjects<Flow>::find(const ProjectDocument *document, const Id &id)
{
    return document->flow(id);
}
Status DocumentObjects<Flow>::store(ProjectDocument *document, const Flow &flow)
{
    return document->updateFlow(flow);
}
QString DocumentObjects<Flow>::kind()
{
    return text("flow");
}
QString DocumentObjects<Flow>::name(const ProjectDocument *, const Flow &flow)
{
    return flow.name;
}
bool DocumentObjects<Flow>::sameContent(const Flow &a, const Flow &b)
{
    return a == b;
}
void DocumentObjects<Flow>::keepLayout(Flow &, const Flow &) { }

const TestCase *DocumentObjects<TestCase>::find(const ProjectDocument *document, const Id &id)
{
    return document->testCase(id);
}
Status DocumentObjects<TestCase>::store(ProjectDocument *document, const TestCase &testCase)
{
    return document->updateTestCase(testCase);
}
QString DocumentObjects<TestCase>::kind()
{
    return text("test case");
}
QString DocumentObjects<TestCase>::name(const ProjectDocument *, const TestCase &testCase)
{
    return testCase.title;
}
bool DocumentObjects<TestCase>::sameContent(const TestCase &a, const TestCase &b)
{
    return a == b;
}
void DocumentObjects<TestCase>::keepLayout(TestCase &, const TestCase &) { }

const Comment *DocumentObjects<Comment>::find(const ProjectDocument *document, const Id &id)
{
    return document->comment(id);
}
Status DocumentObjects<Comment>::store(ProjectDocument *document, const Comment &comment)
{
    return document->updateComment(comment);
}
QString DocumentObjects<Comment>::kind()
{
    return text("comment");
}
QString DocumentObjects<Comment>::name(const ProjectDocument *, const Comment &comment)
{
    return text("by %1").arg(comment.author);
}
bool DocumentObjects<Comment>::sameContent(const Comment &a, const Comment &b)
{
    return a == b;
}
void DocumentObjects<Comment>::keepLayout(Comment &, const Comment &) { }

QString fieldName(QString Node::*field)
{
    if (field == &Node::name)
        return text("name");
    if (field == &Node::group)
        return text("group");
    if (field == &Node::owner)
        return text("owner");
    if (field == &Node::description)
        return text("description");
    return QString();
}
QString fieldName(bool Node::*field)
{
    return field == &Node::pinned ? text("pinned") : QString();
}
QString fieldName(Risk Node::*)
{
    return text("risk");
}
QString fieldName(NodeKind Node::*)
{
    return text("kind");
}

QString fieldName(QString Edge::*field)
{
    if (field == &Edge::label)
        return text("label");
    if (field == &Edge::from)
        return text("from");
    if (field == &Edge::to)
        return text("to");
    return QString();
}
QString fieldName(EdgeKind Edge::*)
{
    return text("kind");
}

QString fieldName(QString Flow::*field)
{
    if (field == &Flow::name)
        return text("name");
    if (field == &Flow::description)
        return text("description");
    return QString();
}
QString fieldName(Risk Flow::*)
{
    return text("risk");
}

QString fieldName(QString TestCase::*field)
{
    if (field == &TestCase::title)
        return text("title");
    if (field == &TestCase::description)
        return text("description");
    if (field == &TestCase::junitName)
        return text("JUnit name");
    if (field == &TestCase::reviewNote)
        return text("review note");
    return QString();
}
QString fieldName(Priority TestCase::*)
{
    return text("priority");
}
QString fieldName(bool TestCase::*field)
{
    return field == &TestCase::automated ? text("automated") : QString();
}
QString fieldName(int TestCase::*field)
{
    return field == &TestCase::position ? text("position") : QString();
}
QString fieldName(QStringList TestCase::*field)
{
    return field == &TestCase::tags ? text("tags") : QString();
}

QString fieldName(QString Comment::*field)
{
    return field == &Comment::text ? text("text") : QString();
}
QString fieldName(bool Comment::*field)
{
    return field == &Comment::resolved ? text("resolved") : QString();
}

} // namespace flowbench
