#include "document/changevalue.h"
#include "document/projectdocument.h"

namespace flowbench {

const Node *DocumentObjects<Node>::find(const ProjectDocument *document, const Id &id)
{
    return document->node(id);
}
Status DocumentObjects<Node>::store(ProjectDocument *document, const Node &node)
{
    return document->updateNode(node);
}

const Edge *DocumentObjects<Edge>::find(const ProjectDocument *document, const Id &id)
{
    return document->edge(id);
}
Status DocumentObjects<Edge>::store(ProjectDocument *document, const Edge &edge)
{
    return document->updateEdge(edge);
}

const Flow *DocumentObjects<Flow>::find(const ProjectDocument *document, const Id &id)
{
    return document->flow(id);
}
Status DocumentObjects<Flow>::store(ProjectDocument *document, const Flow &flow)
{
    return document->updateFlow(flow);
}

const TestCase *DocumentObjects<TestCase>::find(const ProjectDocument *document, const Id &id)
{
    return document->testCase(id);
}
Status DocumentObjects<TestCase>::store(ProjectDocument *document, const TestCase &testCase)
{
    return document->updateTestCase(testCase);
}

const Comment *DocumentObjects<Comment>::find(const ProjectDocument *document, const Id &id)
{
    return document->comment(id);
}
Status DocumentObjects<Comment>::store(ProjectDocument *document, const Comment &comment)
{
    return document->updateComment(comment);
}

} // namespace flowbench
