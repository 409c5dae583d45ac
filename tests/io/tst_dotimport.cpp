// DOT import against golden files: tests/data/dot/<case>/input.dot is imported and
// compared with expected.json, which lists what a user sees after the import: every
// node's name, kind, group, risk, position and pin, and every edge by its end names. A
// case whose import must fail has {"error": [texts the message must contain]}.
// FLOWBENCH_UPDATE_GOLDEN=1 writes what the import gives into expected.json (review it).
#include "io/dotimport.h"
#include "model/project.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace flowbench;

namespace {

QJsonObject describe(const DotImport &import)
{
    QHash<Id, QString> names;
    QJsonArray nodes;
    for (const Node &n : import.nodes) {
        names.insert(n.id, n.name);
        QJsonObject o { { QStringLiteral("name"), n.name }, { QStringLiteral("kind"), toString(n.kind) },
            { QStringLiteral("group"), n.group },
            { QStringLiteral("risk"), QStringLiteral("%1/%2").arg(n.risk.likelihood).arg(n.risk.impact) },
            { QStringLiteral("x"), n.x }, { QStringLiteral("y"), n.y },
            { QStringLiteral("pinned"), n.pinned } };
        if (!n.owner.isEmpty())
            o.insert(QStringLiteral("owner"), n.owner);
        if (!n.description.isEmpty())
            o.insert(QStringLiteral("description"), n.description);
        nodes.append(o);
    }
    QJsonArray edges;
    for (const Edge &e : import.edges) {
        QJsonObject o { { QStringLiteral("from"), names.value(e.from) },
            { QStringLiteral("to"), names.value(e.to) }, { QStringLiteral("kind"), toString(e.kind) } };
        if (!e.label.isEmpty())
            o.insert(QStringLiteral("label"), e.label);
        edges.append(o);
    }
    return { { QStringLiteral("nodes"), nodes }, { QStringLiteral("edges"), edges } };
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(file.errorString()));
    return file.readAll();
}

} // namespace

class TestDotImport : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("folder");
        const QString root = QFINDTESTDATA("data/dot");
        QVERIFY2(!root.isEmpty(), "tests/data/dot not found");
        const QStringList cases = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(cases.size() >= 5);
        for (const QString &c : cases)
            QTest::newRow(qPrintable(c)) << QDir(root).filePath(c);
    }

    void golden()
    {
        QFETCH(QString, folder);
        const QByteArray input = readFile(folder + QStringLiteral("/input.dot"));
        const QString expectedPath = folder + QStringLiteral("/expected.json");
        QJsonParseError parseError;
        const QJsonObject expected = QJsonDocument::fromJson(readFile(expectedPath), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError,
            qPrintable(expectedPath + parseError.errorString()));

        const Result<DotImport> imported = importDot(input, QStringLiteral("input.dot"));
        if (expected.contains(QLatin1String("error"))) {
            QVERIFY2(!imported.ok(), "the import was expected to fail");
            for (const QJsonValue &part : expected.value(QLatin1String("error")).toArray())
                QVERIFY2(imported.error().contains(part.toString()),
                    qPrintable(
                        QStringLiteral("\"%1\" does not say \"%2\"").arg(imported.error(), part.toString())));
            return;
        }
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const QJsonObject actual = describe(*imported);
        if (qEnvironmentVariableIntValue("FLOWBENCH_UPDATE_GOLDEN")) {
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QJsonDocument(actual).toJson(QJsonDocument::Indented));
            return;
        }
        QVERIFY2(actual == expected,
            qPrintable(QStringLiteral("%1 differs; the import gives:\n%2")
                           .arg(expectedPath, QString::fromUtf8(QJsonDocument(actual).toJson()))));
    }

    // The same laid-out file imported twice places every card the same.
    void positionsAreStable()
    {
        const QByteArray input = readFile(QFINDTESTDATA("data/dot/laid-out/input.dot"));
        const Result<DotImport> a = importDot(input, QStringLiteral("a.dot"));
        const Result<DotImport> b = importDot(input, QStringLiteral("b.dot"));
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.ok() ? b.error() : a.error()));
        QCOMPARE(describe(*a), describe(*b));
    }
};

QTEST_GUILESS_MAIN(TestDotImport)
#include "tst_dotimport.moc"
