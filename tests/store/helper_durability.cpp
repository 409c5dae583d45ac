// Applies numbered edits to a project and acknowledges each one on stdout right after its
// commit returned: "ack N". tst_durability kills this process mid-stream with SIGKILL.
//   helper_durability PROJECT [COUNT]

#include "store/projectstore.h"

#include <QCoreApplication>
#include <cstdio>

using namespace flowbench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: helper_durability PROJECT [COUNT]\n");
        return 2;
    }
    const int count = args.size() > 2 ? args.at(2).toInt() : 1000;
    auto store = ProjectStore::open(args.at(1));
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
    for (int i = 0; i < count; ++i) {
        Node n;
        n.kind = NodeKind::Service;
        n.name = QStringLiteral("edit-%1").arg(i);
        n.description = QString(512, QLatin1Char('d'));
        n.x = i;
        const Status s = (*store)->addNode(n);
        if (!s) {
            std::fprintf(stderr, "edit %d failed: %s\n", i, qPrintable(s.error()));
            return 1;
        }
        std::printf("ack %d\n", i);
        std::fflush(stdout);
    }
    return 0;
}
