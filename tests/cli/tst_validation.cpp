// One validation: each bad project in tests/data/validation/<case>.json is refused by
// `validate` and by `import` with the same message (the expected part is in
// <case>.expected), exit code 2, and import writes no project file.
#include "support/cliprocess.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench::testing;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private:
    QString m_folder;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(cliPath()), "FLOWBENCH_CLI must name the built flowbench-cli (ctest sets it)");
        m_folder = QFINDTESTDATA("data/validation");
        QVERIFY2(QFileInfo(m_folder).isDir(), "tests/data/validation not found");
    }

    void validProjectPassesBoth()
    {
        const QString in = QDir(m_folder).filePath(QStringLiteral("valid/project.json"));
        QCOMPARE(runCli({ QStringLiteral("validate"), in }).exitCode, 0);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("ok.flowbench"));
        const CliOutcome imported = runCli({ QStringLiteral("import"), in, out });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY(QFile::exists(out));
    }

    void badProjectIsRefusedAlike_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const QStringList cases
            = QDir(m_folder).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        QVERIFY2(cases.size() >= 15, qPrintable(cases.join(QStringLiteral(", "))));
        for (const QString &name : cases) {
            const QString input = QDir(m_folder).filePath(name);
            const QString expectedFile = input.chopped(5) + QStringLiteral(".expected");
            QVERIFY2(QFile::exists(expectedFile), qPrintable(expectedFile));
            QTest::newRow(qPrintable(name.chopped(5)))
                << input << QString::fromUtf8(readAll(expectedFile)).trimmed();
        }
    }

    void badProjectIsRefusedAlike()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        // The same relative name for both commands, so that the messages can be compared whole.
        QVERIFY(QFile::copy(input, dir.filePath(QStringLiteral("project.json"))));

        const CliOutcome validated
            = runCli({ QStringLiteral("validate"), QStringLiteral("project.json") }, dir.path());
        const CliOutcome imported = runCli(
            { QStringLiteral("import"), QStringLiteral("project.json"), QStringLiteral("out.flowbench") },
            dir.path());
        QCOMPARE(validated.exitCode, 2);
        QCOMPARE(imported.exitCode, 2);
        QVERIFY2(
            validated.err.contains(QStringLiteral("project.json: ") + expected), qPrintable(validated.err));
        QCOMPARE(imported.err, validated.err);
        QVERIFY2(imported.out.isEmpty(), qPrintable(imported.out));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("project.json") }); // no project, no temporary file
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
