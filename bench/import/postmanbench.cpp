// Times the Postman importer on a generated collection (default 5,000 requests in 50
// folders, every fifth request chained to the next by a captured id, four pm.test lines
// each): read + translate + chain (PostmanImporter::read), then the validation an import
// runs before writing (importProblems). Prints timings; never fails on them.
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "model/projectchangeset.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <ctime>

using namespace flowbench;

namespace {

// CPU time of this thread: the machine is shared, so wall time alone measures the load.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

QJsonObject request(int i, bool setsId, bool readsId)
{
    const QString path = QStringLiteral("/resources%1/%2")
                             .arg(i % 400)
                             .arg(readsId ? QStringLiteral("{{id_%1}}").arg(i - 1) : QStringLiteral(":id"));
    QJsonArray exec { QStringLiteral(
                          "pm.test(\"status\", function () { pm.response.to.have.status(200); });"),
        QStringLiteral("var jsonData = pm.response.json();"),
        QStringLiteral(
            "pm.test(\"name\", function () { pm.expect(jsonData.data.name).to.eql(\"item %1\"); });")
            .arg(i),
        QStringLiteral(
            "pm.test(\"fast\", function () { pm.expect(pm.response.responseTime).to.be.below(500); });"),
        QStringLiteral("pm.test(\"json\", function () { pm.response.to.have.header(\"Content-Type\"); });") };
    if (setsId)
        exec.append(QStringLiteral("pm.environment.set(\"id_%1\", jsonData.data.id);").arg(i));
    const QString method
        = QStringList { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT") }.at(i % 3);
    QJsonObject req { { QStringLiteral("method"), method },
        { QStringLiteral("header"),
            QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("Accept") },
                { QStringLiteral("value"), QStringLiteral("application/json") } } } },
        { QStringLiteral("url"),
            QJsonObject { { QStringLiteral("raw"), QStringLiteral("{{base_url}}") + path },
                { QStringLiteral("variable"),
                    QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("id") },
                        { QStringLiteral("value"), QString::number(i) } } } } } } };
    if (method != QLatin1String("GET"))
        req.insert(QStringLiteral("body"),
            QJsonObject { { QStringLiteral("mode"), QStringLiteral("raw") },
                { QStringLiteral("raw"), QStringLiteral("{\"name\": \"item %1\"}").arg(i) },
                { QStringLiteral("options"),
                    QJsonObject { { QStringLiteral("raw"),
                        QJsonObject { { QStringLiteral("language"), QStringLiteral("json") } } } } } });
    return QJsonObject { { QStringLiteral("name"), QStringLiteral("Request %1").arg(i) },
        { QStringLiteral("id"), QStringLiteral("req-%1").arg(i) },
        { QStringLiteral("event"),
            QJsonArray { QJsonObject { { QStringLiteral("listen"), QStringLiteral("test") },
                { QStringLiteral("script"), QJsonObject { { QStringLiteral("exec"), exec } } } } } },
        { QStringLiteral("request"), req } };
}

QByteArray collection(int requests, int folders)
{
    QJsonArray items;
    const int perFolder = std::max(1, requests / folders);
    for (int f = 0, i = 0; i < requests; ++f) {
        QJsonArray children;
        for (int k = 0; k < perFolder && i < requests; ++k, ++i)
            children.append(request(i, i % 5 == 0, i % 5 == 1));
        items.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("Folder %1").arg(f) },
            { QStringLiteral("auth"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("bearer") },
                    { QStringLiteral("bearer"),
                        QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("token") },
                            { QStringLiteral("value"), QStringLiteral("{{token}}") } } } } } },
            { QStringLiteral("item"), children } });
    }
    const QJsonObject root {
        { QStringLiteral("info"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Bench") },
                { QStringLiteral("_postman_id"), QStringLiteral("bench") },
                { QStringLiteral("schema"),
                    QStringLiteral(
                        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json") } } },
        { QStringLiteral("variable"),
            QJsonArray { QJsonObject { { QStringLiteral("key"), QStringLiteral("base_url") },
                { QStringLiteral("value"), QStringLiteral("http://127.0.0.1:8080") } } } },
        { QStringLiteral("item"), items }
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    auto option = [&](const QString &name, int fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
    };
    const int requests = option(QStringLiteral("--requests"), 5000);
    const int folders = option(QStringLiteral("--folders"), 50);
    const int repeat = option(QStringLiteral("--repeat"), 5);

    const QByteArray data = collection(requests, folders);
    out << "collection: " << requests << " requests in " << folders << " folders, " << data.size() / 1024
        << " KiB\n";
    const Importer *postman = FormatRegistry::instance().importer(QStringLiteral("postman"));
    QList<double> readMs, validateMs, readCpu, validateCpu;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        double cpu = cpuMs();
        const Result<Import> import = postman->read(
            ImportSource::inMemory(data, QStringLiteral("bench.postman_collection.json")), Project());
        readMs << t.nsecsElapsed() / 1e6;
        readCpu << cpuMs() - cpu;
        if (!import) {
            out << "import failed: " << import.error() << "\n";
            return 2;
        }
        t.restart();
        cpu = cpuMs();
        const QStringList problems = importProblems(Project(), import->changes);
        validateMs << t.nsecsElapsed() / 1e6;
        validateCpu << cpuMs() - cpu;
        if (r == 0) {
            out << "imported: " << import->report.taken.join(QStringLiteral("; ")) << "\n";
            if (!problems.isEmpty())
                out << "problems: " << problems.size() << ", first: " << problems.first() << "\n";
        }
    }
    for (QList<double> *l : { &readMs, &validateMs, &readCpu, &validateCpu })
        std::sort(l->begin(), l->end());
    auto median = [](const QList<double> &l) { return l.at(l.size() / 2); };
    out << QStringLiteral("                                wall min / median    CPU min / median\n");
    out << QStringLiteral("read (parse, translate, chain): %1 / %2 ms    %3 / %4 ms\n")
               .arg(readMs.first(), 7, 'f', 1)
               .arg(median(readMs), 7, 'f', 1)
               .arg(readCpu.first(), 7, 'f', 1)
               .arg(median(readCpu), 7, 'f', 1);
    out << QStringLiteral("validate before writing:        %1 / %2 ms    %3 / %4 ms\n")
               .arg(validateMs.first(), 7, 'f', 1)
               .arg(median(validateMs), 7, 'f', 1)
               .arg(validateCpu.first(), 7, 'f', 1)
               .arg(median(validateCpu), 7, 'f', 1);
    out << QStringLiteral("total (median): wall %1 ms, CPU %2 ms (target < 2000 ms)\n")
               .arg(median(readMs) + median(validateMs), 0, 'f', 1)
               .arg(median(readCpu) + median(validateCpu), 0, 'f', 1);
    return 0;
}
