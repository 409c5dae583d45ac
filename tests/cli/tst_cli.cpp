#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using Outcome = flowbench::testing::CliOutcome;

Outcome cli(const QStringList &args, const QString &workingDir = QString())
{
    return flowbench::testing::runCli(args, workingDir);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// The example as shipped, found next to the test sources (tests/support/exampleproject).
QString shopJson() { return flowbench::testing::exampleJsonPath(); }

QString uid(int n) { return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')); }

// A valid project JSON with one node and one test case whose check has the given type.
QByteArray projectWithCheckType(const QString &type, const QJsonObject &spec = {})
{
    const QJsonObject doc{
        {QStringLiteral("format"), QStringLiteral("flowbench")},
        {QStringLiteral("formatVersion"), 1},
        {QStringLiteral("name"), QStringLiteral("p")},
        {QStringLiteral("nodes"), QJsonArray{QJsonObject{{QStringLiteral("id"), uid(1)},
                                                         {QStringLiteral("kind"), QStringLiteral("api")},
                                                         {QStringLiteral("name"), QStringLiteral("GET /x")}}}},
        {QStringLiteral("testCases"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), uid(2)},
                                {QStringLiteral("node"), uid(1)},
                                {QStringLiteral("title"), QStringLiteral("t")},
                                {QStringLiteral("automated"), true},
                                {QStringLiteral("checks"), QJsonArray{QJsonObject{{QStringLiteral("id"), uid(3)},
                                                                                  {QStringLiteral("type"), type},
                                                                                  {QStringLiteral("spec"), spec}}}}}}}};
    return QJsonDocument(doc).toJson();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void newValidateExportStats();
    void newRefusesExistingFile();
    void importRoundTripIsByteIdentical();
    void importRoundTripKeepsEdgeRoutes();
    void importRefusesExistingUnlessForced();
    void badImportLeavesNothingBehind_data();
    void badImportLeavesNothingBehind();
    void failedForcedImportKeepsOldFile();
    void validateReportsProblems_data();
    void validateReportsProblems();
    void exampleValidatesAndCoversAllKinds();
    void statsTableIsAligned();
    void dotExportImportKeepsTheMap();
    void badDotNamesTheLineAndWritesNothing();
    void csvExportOfLatestResults();
};

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(flowbench::testing::cliPath()),
             "FLOWBENCH_CLI must name the built flowbench-cli (ctest sets it)");
    QVERIFY(QFile::exists(shopJson()));
}

void TestCli::versionAndHelp()
{
    const Outcome version = cli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QStringLiteral("flowbench-cli " FLOWBENCH_VERSION "\n"));

    const Outcome help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *command : {"new", "validate", "export", "import", "stats"})
        QVERIFY2(help.out.contains(QRegularExpression(QStringLiteral("\\n  %1 +\\S").arg(QLatin1String(command)))), command);
    QVERIFY(help.err.isEmpty());

    const Outcome commandHelp = cli({QStringLiteral("export"), QStringLiteral("--help")});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY2(commandHelp.out.startsWith(QStringLiteral("Usage: flowbench-cli export [options] FILE\n")), qPrintable(commandHelp.out));
    QVERIFY(commandHelp.out.contains(QStringLiteral("--format <FORMAT>")));

    const Outcome helpCommand = cli({QStringLiteral("help"), QStringLiteral("import")});
    QCOMPARE(helpCommand.exitCode, 0);
    QVERIFY(helpCommand.out.startsWith(QStringLiteral("Usage: flowbench-cli import [options] IN OUT\n")));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList() << QStringLiteral("Usage: flowbench-cli COMMAND");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("flowbench-cli: unknown command \"frobnicate\"");
    QTest::newRow("unknown top-level option") << QStringList{QStringLiteral("--frob")}
                                              << QStringLiteral("flowbench-cli: unknown option \"--frob\"");
    QTest::newRow("unknown command option") << QStringList{QStringLiteral("export"), QStringLiteral("--bogus"), QStringLiteral("x.json")}
                                            << QStringLiteral("flowbench-cli export: Unknown option 'bogus'.");
    QTest::newRow("missing file") << QStringList{QStringLiteral("validate")}
                                  << QStringLiteral("flowbench-cli validate: expects one FILE");
    QTest::newRow("too many files") << QStringList{QStringLiteral("stats"), QStringLiteral("a"), QStringLiteral("b")}
                                    << QStringLiteral("flowbench-cli stats: expects one FILE");
    QTest::newRow("unknown export format") << QStringList{QStringLiteral("export"), shopJson(), QStringLiteral("--format"), QStringLiteral("svgz")}
                                           << QStringLiteral("flowbench-cli export: unknown format \"svgz\" (supported: json, dot, csv, svg, png, pdf, html)");
    QTest::newRow("unknown import format") << QStringList{QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("csv"), shopJson(), QStringLiteral("x.flowbench")}
                                           << QStringLiteral("flowbench-cli import: unknown format \"csv\" (supported: json, dot, openapi, junit, postman)");
    QTest::newRow("import needs two files") << QStringList{QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), shopJson()}
                                            << QStringLiteral("flowbench-cli import: expects IN and OUT");
    QTest::newRow("option value missing") << QStringList{QStringLiteral("new"), QStringLiteral("x.flowbench"), QStringLiteral("--name")}
                                          << QStringLiteral("flowbench-cli new: Missing value after '--name'.");
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const Outcome o = cli(args, dir.path());
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(message), qPrintable(o.err));
    QVERIFY2(o.out.isEmpty(), qPrintable(o.out));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void TestCli::newValidateExportStats()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("team.flowbench"));
    const Outcome created = cli({QStringLiteral("new"), file, QStringLiteral("--name"), QStringLiteral("Team map")});
    QCOMPARE(created.exitCode, 0);
    QVERIFY(QFile::exists(file));

    const Outcome valid = cli({QStringLiteral("validate"), file});
    QCOMPARE(valid.exitCode, 0);
    QVERIFY2(valid.out.contains(QStringLiteral("valid")), qPrintable(valid.out + valid.err));

    const Outcome exported = cli({QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(exported.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(exported.out.toUtf8()).object();
    QCOMPARE(doc.value(QLatin1String("format")).toString(), QStringLiteral("flowbench"));
    QCOMPARE(doc.value(QLatin1String("name")).toString(), QStringLiteral("Team map"));
    QCOMPARE(doc.value(QLatin1String("nodes")).toArray().size(), 0);

    const QString out = dir.filePath(QStringLiteral("team.json"));
    QCOMPARE(cli({QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"), out}).exitCode, 0);
    QCOMPARE(readAll(out), exported.out.toUtf8());

    const Outcome stats = cli({QStringLiteral("stats"), file, QStringLiteral("--json")});
    QCOMPARE(stats.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(stats.out.toUtf8()).object();
    QCOMPARE(s.value(QLatin1String("project")).toString(), QStringLiteral("Team map"));
    QCOMPARE(s.value(QLatin1String("nodes")).toInt(-1), 0);
}

void TestCli::newRefusesExistingFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("a.flowbench"));
    QCOMPARE(cli({QStringLiteral("new"), file}).exitCode, 0);
    const QByteArray before = readAll(file);
    const Outcome again = cli({QStringLiteral("new"), file});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(file + QStringLiteral(": already exists")), qPrintable(again.err));
    QCOMPARE(readAll(file), before);

    const Outcome jsonName = cli({QStringLiteral("new"), dir.filePath(QStringLiteral("b.json"))});
    QCOMPARE(jsonName.exitCode, 2);
    QVERIFY2(jsonName.err.contains(QStringLiteral("b.json: a project file must not end in .json")), qPrintable(jsonName.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("b.json"))));

    const Outcome noFolder = cli({QStringLiteral("new"), dir.filePath(QStringLiteral("missing/b.flowbench"))});
    QCOMPARE(noFolder.exitCode, 2);
    QVERIFY2(noFolder.err.contains(QStringLiteral("does not exist")), qPrintable(noFolder.err));
}

void TestCli::importRoundTripIsByteIdentical()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("shop.flowbench"));
    const Outcome imported = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), shopJson(), project});
    QCOMPARE(imported.exitCode, 0);
    // Only the project itself: no temporary, WAL or journal files left next to it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("shop.flowbench")});

    const Outcome exported = cli({QStringLiteral("export"), project, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.out.toUtf8(), readAll(shopJson()));
}

namespace {
// shop.json with a layout's spline on its first edge, written as the export writes it.
QByteArray shopWithRoute(const QByteArray &pointLine)
{
    QByteArray shop = readAll(shopJson());
    const QByteArray firstLabel("\"label\": \"\"\n        }");
    const qsizetype at = shop.indexOf(firstLabel, shop.indexOf("\"edges\": ["));
    if (at < 0)
        return QByteArray();
    shop.insert(at + firstLabel.size() - 10, ",\n"
                                             "            \"route\": {\n"
                                             "                \"fromPosition\": [40, 0.5],\n"
                                             "                \"toPosition\": [-300.25, 1200],\n"
                                             "                \"points\": [\n"
                                             "                    [110, 62],\n"
                                             "                    [110.5, 300],\n"
                                             + pointLine
                                             + "                    [-230, 1150]\n"
                                               "                ]\n"
                                               "            }");
    return shop;
}
} // namespace

// A project with stored edge routes survives import and export unchanged, byte for byte.
void TestCli::importRoundTripKeepsEdgeRoutes()
{
    QTemporaryDir dir;
    const QByteArray routed = shopWithRoute("                    [-230, 0.30000000000000004],\n");
    QVERIFY(routed.contains("\"route\": {"));
    const QString in = dir.filePath(QStringLiteral("routed.json"));
    writeFile(in, routed);
    const QString project = dir.filePath(QStringLiteral("routed.flowbench"));
    const Outcome imported = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), in, project});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const Outcome exported = cli({QStringLiteral("export"), project, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(exported.exitCode, 0);
    QCOMPARE(exported.out.toUtf8(), routed);

    // A broken route is refused with its field path and leaves no project file.
    writeFile(in, shopWithRoute("                    [-230],\n"));
    const QString bad = dir.filePath(QStringLiteral("bad.flowbench"));
    const Outcome refused = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), in, bad});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(in + QStringLiteral(": edges[0].route.points[2]: expected a number pair [x, y]")),
             qPrintable(refused.err));
    QVERIFY(!QFileInfo::exists(bad));
}

void TestCli::importRefusesExistingUnlessForced()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.flowbench"));
    QCOMPARE(cli({QStringLiteral("new"), project, QStringLiteral("--name"), QStringLiteral("old")}).exitCode, 0);
    const QByteArray before = readAll(project);

    const Outcome refused = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), shopJson(), project});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(project + QStringLiteral(": already exists; use --force")), qPrintable(refused.err));
    QCOMPARE(readAll(project), before);

    // Neither command overwrites its own input.
    const Outcome ontoItself = cli({QStringLiteral("export"), project, QStringLiteral("-o"), project});
    QCOMPARE(ontoItself.exitCode, 2);
    QVERIFY2(ontoItself.err.contains(QStringLiteral("is the project being exported")), qPrintable(ontoItself.err));
    QCOMPARE(readAll(project), before);
    const QString json = dir.filePath(QStringLiteral("p.json"));
    QCOMPARE(cli({QStringLiteral("export"), project, QStringLiteral("-o"), json}).exitCode, 0);
    const QByteArray jsonBefore = readAll(json);
    const Outcome importOntoItself = cli({QStringLiteral("import"), QStringLiteral("--force"), json, json});
    QCOMPARE(importOntoItself.exitCode, 2);
    QVERIFY2(importOntoItself.err.contains(QStringLiteral("is the input file")), qPrintable(importOntoItself.err));
    QCOMPARE(readAll(json), jsonBefore);
    QVERIFY(QFile::remove(json));

    const Outcome forced = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--force"), shopJson(), project});
    QCOMPARE(forced.exitCode, 0);
    const Outcome exported = cli({QStringLiteral("export"), project});
    QCOMPARE(exported.out.toUtf8(), readAll(shopJson()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("p.flowbench")});
}

void TestCli::badImportLeavesNothingBehind_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    QByteArray shop = readAll(shopJson());
    QTest::newRow("syntax error") << QByteArray("{\n  \"format\": \"flowbench\",\n  \"nodes\": [,]\n}\n")
                                  << QStringLiteral("bad.json:3:");
    QByteArray typo = shop;
    typo.replace("\"kind\": \"service\"", "\"kind\": \"servise\"");
    QTest::newRow("unknown kind") << typo << QStringLiteral(": nodes[0].kind: unknown kind \"servise\"");
    // A broken reference deep in the file: everything before it parses fine.
    QByteArray dangling = shop;
    const int lastNodeRef = int(dangling.lastIndexOf("\"node\": \"")) + 9;
    dangling.replace(lastNodeRef, 8, "ffffffff");
    QTest::newRow("dangling reference") << dangling << QStringLiteral(": no node with id \"ffffffff");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("bad.json: the file is empty");
}

void TestCli::badImportLeavesNothingBehind()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("bad.json"));
    writeFile(in, data);
    const Outcome o = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), in,
                           dir.filePath(QStringLiteral("out.flowbench"))});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(message), qPrintable(o.err));
    QVERIFY2(o.err.startsWith(in), qPrintable(o.err)); // names the file
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("bad.json")});
}

void TestCli::failedForcedImportKeepsOldFile()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("keep.flowbench"));
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), shopJson(), project}).exitCode, 0);
    const QByteArray before = readAll(project);
    const QString in = dir.filePath(QStringLiteral("broken.json"));
    writeFile(in, "{\"format\": \"flowbench\", \"formatVersion\": 1, \"nodes\": [{\"id\": \"x\"}]}");
    const Outcome o = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--force"), in, project});
    QCOMPARE(o.exitCode, 2);
    QCOMPARE(readAll(project), before);
    QCOMPARE(cli({QStringLiteral("export"), project}).out.toUtf8(), readAll(shopJson()));
}

void TestCli::validateReportsProblems_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown check type") << QStringLiteral("p.json") << projectWithCheckType(QStringLiteral("soap"))
                                        << QStringLiteral("p.json: testCases[0].checks[0] (test case \"t\" step 1, soap): type: unknown check type \"soap\" (expected one of: amqp, amqp_queue, http, log, redis, sql, tcp)");
    QTest::newRow("spec of a known type") << QStringLiteral("p.json") << projectWithCheckType(QStringLiteral("http"))
                                          << QStringLiteral("p.json: testCases[0].checks[0] (test case \"t\" step 1, http): spec.url: must not be empty");
    QTest::newRow("syntax error") << QStringLiteral("p.json") << QByteArray("{\n\n  \"format\" \"flowbench\"}")
                                  << QStringLiteral("p.json:3:");
    QTest::newRow("not a project database") << QStringLiteral("notes.flowbench") << QByteArray("just some text\n")
                                            << QStringLiteral("notes.flowbench");
    QTest::newRow("missing file") << QStringLiteral("nope.flowbench") << QByteArray()
                                  << QStringLiteral("nope.flowbench: no such file");
}

void TestCli::validateReportsProblems()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    QTemporaryDir dir;
    if (!data.isEmpty())
        writeFile(dir.filePath(fileName), data);
    const Outcome o = cli({QStringLiteral("validate"), fileName}, dir.path());
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains(message), qPrintable(o.err));
    QVERIFY2(o.err.startsWith(fileName), qPrintable(o.err));
    if (!data.isEmpty())
        QCOMPARE(readAll(dir.filePath(fileName)), data); // validation never changes the file

    // The same project with a known check type is valid.
    writeFile(dir.filePath(QStringLiteral("ok.json")),
              projectWithCheckType(QStringLiteral("log"), QJsonObject{{QStringLiteral("file"), QStringLiteral("app.log")},
                                                                      {QStringLiteral("regex"), QStringLiteral("started")}}));
    QCOMPARE(cli({QStringLiteral("validate"), QStringLiteral("ok.json")}, dir.path()).exitCode, 0);
}

void TestCli::exampleValidatesAndCoversAllKinds()
{
    QCOMPARE(cli({QStringLiteral("validate"), shopJson()}).exitCode, 0);
    // Expected counts come from the JSON itself, not from the code under test.
    const QJsonObject doc = QJsonDocument::fromJson(readAll(shopJson())).object();
    QMap<QString, int> kinds;
    for (const QJsonValue &n : doc.value(QLatin1String("nodes")).toArray())
        ++kinds[n.toObject().value(QLatin1String("kind")).toString()];
    QCOMPARE(kinds.size(), 8);
    int automated = 0;
    const QJsonArray testCases = doc.value(QLatin1String("testCases")).toArray();
    for (const QJsonValue &t : testCases)
        automated += t.toObject().value(QLatin1String("automated")).toBool() ? 1 : 0;

    const Outcome o = cli({QStringLiteral("stats"), shopJson(), QStringLiteral("--json")});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject stats = QJsonDocument::fromJson(o.out.toUtf8()).object();
    const QJsonObject statKinds = stats.value(QLatin1String("kinds")).toObject();
    QCOMPARE(statKinds.size(), 8);
    for (auto it = kinds.begin(); it != kinds.end(); ++it) {
        QVERIFY2(it.value() > 0, qPrintable(it.key()));
        QCOMPARE(statKinds.value(it.key()).toObject().value(QLatin1String("nodes")).toInt(), it.value());
    }
    QCOMPARE(stats.value(QLatin1String("edges")).toInt(), doc.value(QLatin1String("edges")).toArray().size());
    QCOMPARE(stats.value(QLatin1String("flows")).toArray().size(), doc.value(QLatin1String("flows")).toArray().size());
    const QJsonObject tcs = stats.value(QLatin1String("testCases")).toObject();
    QCOMPARE(tcs.value(QLatin1String("total")).toInt(), testCases.size());
    QCOMPARE(tcs.value(QLatin1String("automated")).toInt(), automated);
    QCOMPARE(tcs.value(QLatin1String("manual")).toInt(), testCases.size() - automated);
    const QJsonObject coverage = stats.value(QLatin1String("coverage")).toObject();
    QVERIFY(coverage.value(QLatin1String("withTestCases")).toInt() > 0);
    QVERIFY(coverage.value(QLatin1String("withTestCases")).toInt() < coverage.value(QLatin1String("nodes")).toInt());
}

void TestCli::statsTableIsAligned()
{
    const Outcome o = cli({QStringLiteral("stats"), shopJson()});
    QCOMPARE(o.exitCode, 0);
    const QStringList lines = o.out.split(QLatin1Char('\n'));
    const int header = int(lines.indexOf(QRegularExpression(QStringLiteral("^  Node kind +nodes +with tests +automated +coverage$"))));
    QVERIFY2(header >= 0, qPrintable(o.out));
    // Eight kinds and the total, each ending in the same column as the header.
    for (int i = 1; i <= 9; ++i) {
        QCOMPARE(lines[header + i].size(), lines[header].size());
        QVERIFY2(lines[header + i].contains(QRegularExpression(QStringLiteral("^  [a-z]+ +\\d+ +\\d+ +\\d+ +(\\d+\\.\\d%|-)$"))),
                 qPrintable(lines[header + i]));
    }
    QVERIFY(lines[header + 9].startsWith(QStringLiteral("  total")));
    QVERIFY(o.out.startsWith(QStringLiteral("Project: Online shop\n")));
    QVERIFY(o.out.contains(QRegularExpression(QStringLiteral("Coverage: \\d+\\.\\d% of nodes have at least one test case"))));
}

void TestCli::dotExportImportKeepsTheMap()
{
    QTemporaryDir dir;
    const QString dot = dir.filePath(QStringLiteral("shop.dot"));
    QCOMPARE(cli({QStringLiteral("export"), shopJson(), QStringLiteral("--format"), QStringLiteral("dot"),
                  QStringLiteral("-o"), dot}).exitCode, 0);
    const QString project = dir.filePath(QStringLiteral("fromdot.flowbench"));
    const Outcome imported = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("dot"), dot, project});
    QCOMPARE(imported.exitCode, 0);

    // Names, kinds, groups and connections survive; test cases do not travel in DOT.
    const QJsonObject original = QJsonDocument::fromJson(readAll(shopJson())).object();
    const QJsonObject back = QJsonDocument::fromJson(cli({QStringLiteral("export"), project}).out.toUtf8()).object();
    auto nodeSet = [](const QJsonObject &doc) {
        QStringList out;
        for (const QJsonValue &n : doc.value(QStringLiteral("nodes")).toArray()) {
            const QJsonObject o = n.toObject();
            out << QStringList{o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("kind")).toString(),
                               o.value(QStringLiteral("group")).toString()}.join(QLatin1Char('|'));
        }
        out.sort();
        return out;
    };
    QCOMPARE(nodeSet(back), nodeSet(original));
    QCOMPARE(back.value(QStringLiteral("edges")).toArray().size(), original.value(QStringLiteral("edges")).toArray().size());
    QVERIFY(back.value(QStringLiteral("testCases")).toArray().isEmpty());
}

void TestCli::badDotNamesTheLineAndWritesNothing()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("bad.dot")), "digraph {\n  a -> b;\n  c -> ;\n}\n");
    const Outcome o = cli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("dot"), QStringLiteral("bad.dot"),
                           QStringLiteral("out.flowbench")}, dir.path());
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.startsWith(QStringLiteral("bad.dot: line 3")), qPrintable(o.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.flowbench"))));
}

// The csv exporter through the command line: the golden file of tests/io, byte for byte.
void TestCli::csvExportOfLatestResults()
{
    const QString folder = QFINDTESTDATA("data/csvresults");
    QVERIFY2(!folder.isEmpty(), "tests/data/csvresults not found");
    const Outcome o = cli({QStringLiteral("export"), folder + QStringLiteral("/project.json"),
                           QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(o.exitCode, 0);
    QVERIFY2(o.err.isEmpty(), qPrintable(o.err));
    QCOMPARE(o.out.toUtf8(), readAll(folder + QStringLiteral("/expected.csv")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
