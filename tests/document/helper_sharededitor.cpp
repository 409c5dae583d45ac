// Edits a shared project the way the window does (an undo command on a ProjectDocument)
// and acknowledges each edit on stdout right after its commit returned: "ack N NODE-ID".
// Each edit is two rows in one transaction: a node and the edge from the previous edit's
// node to it (as a paste writes them). tst_sharedoffline kills this with SIGKILL mid-stream.
//   helper_sharededitor URL [COUNT]

#include "document/addnodescommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>
#include <QUndoStack>
#include <cstdio>

using namespace flowbench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: helper_sharededitor URL [COUNT]\n");
        return 2;
    }
    const int count = args.size() > 2 ? args.at(2).toInt() : 1000;
    auto opened = ProjectDocument::open(args.at(1));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return 1;
    }
    ProjectDocument *doc = opened.value().get();
    QObject::connect(doc, &ProjectDocument::errorOccurred,
        [](const QString &message) { std::fprintf(stderr, "refused: %s\n", qPrintable(message)); });
    Id previous = doc->nodes().isEmpty() ? Id() : doc->nodes().constFirst().id;
    for (int i = 0; i < count; ++i) {
        Node n;
        n.id = newId();
        n.kind = NodeKind::Service;
        n.name = QStringLiteral("edit-%1").arg(i);
        n.description = QString(512, QLatin1Char('d'));
        n.x = i;
        QList<Edge> edges;
        if (!previous.isEmpty()) {
            Edge e;
            e.id = newId();
            e.from = previous;
            e.to = n.id;
            e.label = n.name;
            edges << e;
        }
        const int before = doc->undoStack()->count();
        doc->undoStack()->push(new AddNodesCommand(doc, { n }, edges));
        // A refused command leaves the stack as it was (QUndoStack drops it).
        if (doc->undoStack()->count() == before || !doc->node(n.id)) {
            std::fprintf(stderr, "edit %d was refused\n", i);
            return 1;
        }
        std::printf("ack %d %s\n", i, qPrintable(n.id));
        std::fflush(stdout);
        previous = n.id;
    }
    return 0;
}
