// The environment a project opens on. The example used to open on its protected "staging";
// now a project seen for the first time opens on its first unprotected environment, and the
// one chosen is remembered per project file and restored when it is opened again.
#include "run/runworkspace.h"
#include "support/exampleproject.h"
#include "ui/windowfixture.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
Environment env(const char *name, bool isProtected)
{
    Environment e;
    e.id = newId();
    e.name = QString::fromLatin1(name);
    e.isProtected = isProtected;
    return e;
}
} // namespace

class TestEnvironmentChoice : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_environmentchoice")); }
    void initialEnvironmentRules_data();
    void initialEnvironmentRules();
    void exampleOpensUnprotectedAndRemembers();

private:
    QString openedEnvironment(const QString &path);
};

void TestEnvironmentChoice::initialEnvironmentRules_data()
{
    QTest::addColumn<QList<Environment>>("environments");
    QTest::addColumn<QString>("remembered");
    QTest::addColumn<QString>("expected");
    const Environment staging = env("staging", true);
    const Environment local = env("local", false);
    const Environment prod = env("prod", true);
    QTest::newRow("first unprotected") << QList<Environment> { staging, local } << QString() << "local";
    QTest::newRow("remembered wins") << QList<Environment> { staging, local } << "staging"
                                     << "staging";
    QTest::newRow("remembered gone") << QList<Environment> { staging, local } << "qa"
                                     << "local";
    QTest::newRow("all protected") << QList<Environment> { staging, prod } << QString() << "staging";
    QTest::newRow("none") << QList<Environment>() << "local" << QString();
}

void TestEnvironmentChoice::initialEnvironmentRules()
{
    QFETCH(QList<Environment>, environments);
    QFETCH(QString, remembered);
    QFETCH(QString, expected);
    QCOMPARE(initialEnvironment(environments, remembered), expected);
}

QString TestEnvironmentChoice::openedEnvironment(const QString &path)
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    const Status opened = window.documents()->openProjectFile(path);
    if (!opened)
        return QStringLiteral("<not opened: %1>").arg(opened.error());
    return window.runWorkspace()->runBar()->currentEnvironment();
}

void TestEnvironmentChoice::exampleOpensUnprotectedAndRemembers()
{
    QTemporaryDir dir;
    const QString example = dir.filePath(QStringLiteral("shop.flowbench"));
    const QString other = dir.filePath(QStringLiteral("other.flowbench"));
    QVERIFY(writeExampleProjectFile(example).ok());
    QVERIFY(writeExampleProjectFile(other).ok());
    const Result<Project> shop = exampleProject();
    QVERIFY(shop);
    QVERIFY(shop.value().environments.first().isProtected); // what made this worth a test
    QString firstUnprotected;
    QStringList names;
    for (const Environment &e : shop.value().environments) {
        names << e.name;
        if (firstUnprotected.isEmpty() && !e.isProtected)
            firstUnprotected = e.name;
    }
    QVERIFY(!firstUnprotected.isEmpty());

    QCOMPARE(openedEnvironment(example), firstUnprotected);
    {
        MainWindow window;
        window.show();
        QVERIFY(window.documents()->openProjectFile(example).ok());
        window.runWorkspace()->runBar()->setCurrentEnvironment(names.first()); // the protected one
        QCOMPARE(window.runWorkspace()->runBar()->currentEnvironment(), names.first());
    }
    QCOMPARE(openedEnvironment(example), names.first()); // remembered for this project
    QCOMPARE(openedEnvironment(other), firstUnprotected); // not for another one
}

QTEST_MAIN(TestEnvironmentChoice)
#include "tst_environmentchoice.moc"
