// Times the OpenAPI importer on a generated spec (default 1,000 operations: 250 paths x
// GET/POST/PUT/DELETE, tags, $ref'd parameters and schemas, examples) beside Postman's own
// converter, openapi2postmanv2 (npm openapi-to-postmanv2, tools/node), on the same file.
// Ours: read the file + parse + resolve + build smoke tests (readImportFile), then the
// validation every import runs before it writes (importProblems). Wall and CPU time (the
// machine is shared). Prints timings; never fails on them.
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "io/reimportplan.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <sys/resource.h>

using namespace flowbench;

namespace {

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU (user + system) of the children this process has waited for.
double childrenCpuMs()
{
    rusage u {};
    getrusage(RUSAGE_CHILDREN, &u);
    auto ms = [](const timeval &t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

QJsonObject ref(const QString &to)
{
    return QJsonObject { { QStringLiteral("$ref"), to } };
}

QJsonObject json(const QJsonObject &schema, const QJsonValue &example = QJsonValue())
{
    QJsonObject media { { QStringLiteral("schema"), schema } };
    if (!example.isUndefined() && !example.isNull())
        media.insert(QStringLiteral("example"), example);
    return QJsonObject { { QStringLiteral("application/json"), media } };
}

QByteArray spec(int operations)
{
    const int paths = std::max(1, operations / 4);
    QJsonObject pathsObject;
    QJsonObject schemas;
    int made = 0;
    for (int p = 0; p < paths && made < operations; ++p) {
        const QString resource = QStringLiteral("Resource%1").arg(p);
        schemas.insert(resource,
            QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                { QStringLiteral("required"), QJsonArray { QStringLiteral("id"), QStringLiteral("name") } },
                { QStringLiteral("properties"),
                    QJsonObject { { QStringLiteral("id"),
                                      QJsonObject { { QStringLiteral("type"), QStringLiteral("integer") } } },
                        { QStringLiteral("name"),
                            QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } },
                        { QStringLiteral("owner"), ref(QStringLiteral("#/components/schemas/Owner")) },
                        { QStringLiteral("tags"),
                            QJsonObject { { QStringLiteral("type"), QStringLiteral("array") },
                                { QStringLiteral("items"),
                                    QJsonObject {
                                        { QStringLiteral("type"), QStringLiteral("string") } } } } } } } });
        const QString schemaRef = QStringLiteral("#/components/schemas/") + resource;
        const QString tag = QStringLiteral("area%1").arg(p % 20);
        auto operation = [&](const QString &id, const QString &status, const QJsonObject &responseSchema) {
            ++made;
            return QJsonObject { { QStringLiteral("operationId"), id },
                { QStringLiteral("tags"), QJsonArray { tag } }, { QStringLiteral("summary"), id },
                { QStringLiteral("responses"),
                    QJsonObject { { status,
                        QJsonObject { { QStringLiteral("description"), QStringLiteral("ok") },
                            { QStringLiteral("content"), json(responseSchema) } } } } } };
        };
        QJsonObject collection;
        QJsonObject list = operation(QStringLiteral("list%1").arg(resource), QStringLiteral("200"),
            QJsonObject { { QStringLiteral("type"), QStringLiteral("array") },
                { QStringLiteral("items"), ref(schemaRef) } });
        list.insert(QStringLiteral("parameters"),
            QJsonArray { ref(QStringLiteral("#/components/parameters/Limit")) });
        collection.insert(QStringLiteral("get"), list);
        if (made < operations) {
            QJsonObject create
                = operation(QStringLiteral("create%1").arg(resource), QStringLiteral("201"), ref(schemaRef));
            create.insert(QStringLiteral("requestBody"),
                QJsonObject { { QStringLiteral("required"), true },
                    { QStringLiteral("content"),
                        json(ref(schemaRef),
                            QJsonObject {
                                { QStringLiteral("id"), p }, { QStringLiteral("name"), resource } }) } });
            collection.insert(QStringLiteral("post"), create);
        }
        pathsObject.insert(QStringLiteral("/r%1/items").arg(p), collection);
        QJsonObject item { { QStringLiteral("parameters"),
            QJsonArray { ref(QStringLiteral("#/components/parameters/ItemId")) } } };
        if (made < operations)
            item.insert(QStringLiteral("get"),
                operation(QStringLiteral("get%1").arg(resource), QStringLiteral("200"), ref(schemaRef)));
        if (made < operations)
            item.insert(QStringLiteral("delete"),
                operation(QStringLiteral("delete%1").arg(resource), QStringLiteral("200"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("object") } }));
        pathsObject.insert(QStringLiteral("/r%1/items/{itemId}").arg(p), item);
    }
    schemas.insert(QStringLiteral("Owner"),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
            { QStringLiteral("nullable"), true },
            { QStringLiteral("properties"),
                QJsonObject { { QStringLiteral("email"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("string") },
                        { QStringLiteral("format"), QStringLiteral("email") } } } } } });
    const QJsonObject parameters {
        { QStringLiteral("Limit"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("limit") },
                { QStringLiteral("in"), QStringLiteral("query") },
                { QStringLiteral("schema"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("integer") },
                        { QStringLiteral("default"), 20 } } } } },
        { QStringLiteral("ItemId"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("itemId") },
                { QStringLiteral("in"), QStringLiteral("path") }, { QStringLiteral("required"), true },
                { QStringLiteral("example"), 7 },
                { QStringLiteral("schema"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("integer") } } } } },
    };
    const QJsonObject root { { QStringLiteral("openapi"), QStringLiteral("3.0.3") },
        { QStringLiteral("info"),
            QJsonObject { { QStringLiteral("title"), QStringLiteral("Bench") },
                { QStringLiteral("version"), QStringLiteral("1") } } },
        { QStringLiteral("servers"),
            QJsonArray {
                QJsonObject { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8080") } } } },
        { QStringLiteral("paths"), pathsObject },
        { QStringLiteral("components"),
            QJsonObject {
                { QStringLiteral("schemas"), schemas }, { QStringLiteral("parameters"), parameters } } } };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

struct Figures
{
    QList<double> wall, cpu;
    void sort()
    {
        std::sort(wall.begin(), wall.end());
        std::sort(cpu.begin(), cpu.end());
    }
    double medianWall() const { return wall.at(wall.size() / 2); }
    double medianCpu() const { return cpu.at(cpu.size() / 2); }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const int operations = option(QStringLiteral("--operations"), QStringLiteral("1000")).toInt();
    const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("5")).toInt();
    const int peerRepeat = option(QStringLiteral("--peer-repeat"), QStringLiteral("3")).toInt();
    const QString peer = option(QStringLiteral("--peer"),
        QStringLiteral(FLOWBENCH_SOURCE_DIR "/tools/node/node_modules/.bin/openapi2postmanv2"));

    QTemporaryDir dir;
    const QString specPath
        = option(QStringLiteral("--keep-spec"), dir.filePath(QStringLiteral("bench-openapi.json")));
    {
        QFile file(specPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(spec(operations)) < 0) {
            out << specPath << ": cannot write: " << file.errorString() << "\n";
            return 2;
        }
    }
    out << "spec: " << operations << " operations, " << QFileInfo(specPath).size() / 1024 << " KiB ("
        << specPath << ")\n";

    const Importer *openapi = FormatRegistry::instance().importer(QStringLiteral("openapi"));
    Figures read, validate, total;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        double cpu = threadCpuMs();
        const Result<Import> import = readImportFile(*openapi, specPath, Project());
        read.wall << t.nsecsElapsed() / 1e6;
        read.cpu << threadCpuMs() - cpu;
        if (!import) {
            out << "import failed: " << import.error() << "\n";
            return 2;
        }
        t.restart();
        cpu = threadCpuMs();
        const QStringList problems = importProblems(Project(), import->changes);
        validate.wall << t.nsecsElapsed() / 1e6;
        validate.cpu << threadCpuMs() - cpu;
        total.wall << read.wall.last() + validate.wall.last();
        total.cpu << read.cpu.last() + validate.cpu.last();
        if (r == 0) {
            out << "imported: " << import->report.taken.join(QStringLiteral("; ")) << "\n";
            if (!problems.isEmpty())
                out << "problems: " << problems.size() << ", first: " << problems.first() << "\n";
        }
    }

    // The same spec again into the project it made: the re-import plan (all untouched).
    Figures replan;
    {
        const Result<Import> first = readImportFile(*openapi, specPath, Project());
        const Project project = appliedTo(Project(), first->changes);
        for (int r = 0; r < repeat; ++r) {
            QElapsedTimer t;
            t.start();
            const double cpu = threadCpuMs();
            const Result<Import> again = readImportFile(*openapi, specPath, project);
            const ReimportPlan plan = ReimportPlan::between(project, *again);
            replan.wall << t.nsecsElapsed() / 1e6;
            replan.cpu << threadCpuMs() - cpu;
            if (r == 0)
                out << "re-import plan: " << plan.summary().join(QStringLiteral("; ")) << "\n";
        }
    }

    // The peer is a whole node process: its start-up is timed on a 4-operation spec too.
    const QString tinyPath = dir.filePath(QStringLiteral("tiny-openapi.json"));
    {
        QFile tiny(tinyPath);
        if (tiny.open(QIODevice::WriteOnly))
            tiny.write(spec(4));
    }
    Figures peerRun, peerStart;
    QString peerNote;
    if (!QFileInfo(peer).isExecutable()) {
        peerNote = QStringLiteral("%1: not found (cd tools/node && npm ci)").arg(peer);
    } else {
        for (int r = 0; r < 2 * peerRepeat; ++r) {
            const bool startUp = r % 2 == 1;
            QProcess process;
            process.setProcessChannelMode(QProcess::MergedChannels);
            const QString output = dir.filePath(QStringLiteral("postman-%1.json").arg(r));
            const double cpu = childrenCpuMs();
            QElapsedTimer t;
            t.start();
            process.start(
                peer, { QStringLiteral("-s"), startUp ? tinyPath : specPath, QStringLiteral("-o"), output });
            if (!process.waitForFinished(300000) || process.exitCode() != 0) {
                peerNote = QStringLiteral("%1 failed: %2")
                               .arg(peer, QString::fromUtf8(process.readAll().left(400)));
                peerRun = Figures();
                break;
            }
            Figures &into = startUp ? peerStart : peerRun;
            into.wall << t.nsecsElapsed() / 1e6;
            into.cpu << childrenCpuMs() - cpu;
        }
    }

    for (Figures *f : { &read, &validate, &total, &replan, &peerRun, &peerStart })
        if (!f->wall.isEmpty())
            f->sort();
    auto line = [&](const QString &what, const Figures &f) {
        out << QStringLiteral("%1 %2 / %3 ms    %4 / %5 ms\n")
                   .arg(what, -44)
                   .arg(f.wall.first(), 8, 'f', 1)
                   .arg(f.medianWall(), 8, 'f', 1)
                   .arg(f.cpu.first(), 8, 'f', 1)
                   .arg(f.medianCpu(), 8, 'f', 1);
    };
    out << QStringLiteral("%1 wall min / median      CPU min / median\n").arg(QString(), -44);
    line(QStringLiteral("flowbench: read (parse, resolve, smoke tests)"), read);
    line(QStringLiteral("flowbench: validate before writing"), validate);
    line(QStringLiteral("flowbench: total"), total);
    line(QStringLiteral("flowbench: re-import plan of the same spec"), replan);
    if (peerRun.wall.isEmpty()) {
        out << "openapi2postmanv2: " << peerNote << "\n";
    } else {
        line(QStringLiteral("openapi2postmanv2 (node, whole process)"), peerRun);
        line(QStringLiteral("openapi2postmanv2 start-up (4 operations)"), peerStart);
        out << QStringLiteral("ratio (openapi2postmanv2 / flowbench, median): wall %1x, CPU %2x\n")
                   .arg(peerRun.medianWall() / total.medianWall(), 0, 'f', 1)
                   .arg(peerRun.medianCpu() / total.medianCpu(), 0, 'f', 1);
        out << QStringLiteral("ratio without the peer's start-up: wall %1x, CPU %2x\n")
                   .arg((peerRun.medianWall() - peerStart.medianWall()) / total.medianWall(), 0, 'f', 1)
                   .arg((peerRun.medianCpu() - peerStart.medianCpu()) / total.medianCpu(), 0, 'f', 1);
    }
    out << QStringLiteral("target: flowbench total < 2000 ms (median wall %1 ms, CPU %2 ms)\n")
               .arg(total.medianWall(), 0, 'f', 0)
               .arg(total.medianCpu(), 0, 'f', 0);
    return 0;
}
