#pragma once
// A project of five nodes whose checks run against a real HTTP server in this process,
// opened in an active window, for tests that drive the window with real key events.

#include "support/shopproject.h"
#include "document/projectdocument.h"
#include "shell/escapeshortcut.h"
#include "panels/flowspanel.h"
#include "shell/mainwindow.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "run/resultspanel.h"
#include "run/runbar.h"
#include "run/runcontroller.h"
#include "run/runworkspace.h"
#include "store/projectstore.h"
#include "support/httptestserver.h"
#include "support/projectfile.h"
#include "support/testenv.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "shell/documentcontroller.h"

namespace flowbench::testing {

constexpr int kRunTimeoutMs = 60000; // two shared cores, several builds at once

inline Check statusCheck(const QString &name, const QString &path, int expected)
{
    Check c = httpCheck(name, QStringLiteral("GET"), QStringLiteral("{{base_url}}") + path);
    c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), expected);
    return c;
}

inline bool hasNode(const Project &p, const Id &id)
{
    for (const Node &n : p.nodes)
        if (n.id == id)
            return true;
    return false;
}

// The test class derives from this and calls these from its initTestCase, init and cleanup.
class KeyboardFixture
{
protected:
    void setUpProject(const QString &applicationName)
    {
        isolateSettings(applicationName);
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

        Project &p = m_project;
        p.name = QStringLiteral("keys");
        const Node screen = makeNode(NodeKind::Screen, QStringLiteral("Checkout page"));
        const Node json = makeNode(NodeKind::Api, QStringLiteral("GET /json"));
        const Node broken = makeNode(NodeKind::Api, QStringLiteral("GET /status/500"));
        const Node slow = makeNode(NodeKind::Api, QStringLiteral("GET /slow"));
        const Node orders = makeNode(NodeKind::Table, QStringLiteral("orders"));
        p.nodes << screen << json << broken << slow << orders;
        for (int i = 0; i < p.nodes.size(); ++i) {
            p.nodes[i].x = (i % 3) * 300;
            p.nodes[i].y = (i / 3) * 180;
        }
        m_screen = screen.id;
        m_jsonApi = json.id;
        m_brokenApi = broken.id;
        m_slowApi = slow.id;
        m_ordersTable = orders.id;
        p.edges << makeEdge(screen.id, json.id, EdgeKind::Calls) << makeEdge(json.id, orders.id, EdgeKind::Reads)
                << makeEdge(screen.id, broken.id, EdgeKind::Calls);
        Flow checkout;
        checkout.id = newId();
        checkout.name = QStringLiteral("Checkout");
        checkout.nodeIds << screen.id << json.id << broken.id;
        p.flows << checkout;
        Environment local;
        local.id = newId();
        local.name = QStringLiteral("local");
        local.variables.insert(QStringLiteral("base_url"), m_server.baseUrl());
        p.environments << local;

        const TestCase jsonCase = makeCase(json.id, QStringLiteral("JSON answers"), {}, { statusCheck(QStringLiteral("json"), QStringLiteral("/json"), 200) });
        const TestCase brokenCase = makeCase(broken.id, QStringLiteral("Status is fine"), {},
            { statusCheck(QStringLiteral("status"), QStringLiteral("/status/500"), 200) });
        const TestCase otherBroken = makeCase(broken.id, QStringLiteral("Status is 500"), {},
            { statusCheck(QStringLiteral("500"), QStringLiteral("/status/500"), 500), statusCheck(QStringLiteral("json"), QStringLiteral("/json"), 200) });
        QList<Check> slowSteps;
        for (int i = 0; i < 5; ++i)
            slowSteps << statusCheck(QStringLiteral("slow %1").arg(i), QStringLiteral("/slow/700"), 200);
        TestCase slowCase = makeCase(slow.id, QStringLiteral("Slow but fine"), {}, slowSteps);
        p.testCases << jsonCase << brokenCase << otherBroken << slowCase;
        for (int i = 0; i < p.testCases.size(); ++i)
            p.testCases[i].position = i;
        m_jsonCase = jsonCase.id;
        m_otherBrokenCase = otherBroken.id;
    }

    void openWindow()
    {
        // Two shortcuts on one key make Qt print this and run neither.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("[Aa]mbiguous")));
        m_path = m_dir.filePath(QStringLiteral("%1.flowbench").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QFile::remove(m_path);
        {
            auto store = ProjectStore::create(m_path, m_project.name);
            QVERIFY2(store, qPrintable(store.error()));
            const Status written = store.value()->replaceContents(m_project);
            QVERIFY2(written.ok(), qPrintable(written.error()));
        }
        m_window = new MainWindow;
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        const Status opened = m_window->documents()->openProjectFile(m_path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        // Window shortcuts fire only in the active window, as on a desktop.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_window->mapView()->setFocus();
        QTRY_VERIFY(m_window->mapView()->hasFocus());
        QCOMPARE(m_window->runWorkspace()->runBar()->currentEnvironment(), QStringLiteral("local"));
    }

    void closeWindow()
    {
        if (m_window && runs() && runs()->isRunning()) {
            runs()->cancel();
            QTRY_VERIFY_WITH_TIMEOUT(!runs()->isRunning(), kRunTimeoutMs);
        }
        delete m_window;
        m_window = nullptr;
    }

    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(m_window, Qt::Key(key), modifiers);
    }
    RunController *runs() const { return m_window->runWorkspace()->runController(); }
    void waitForRun() { QTRY_VERIFY_WITH_TIMEOUT(!runs()->isRunning(), kRunTimeoutMs); }

    QTemporaryDir m_dir;
    HttpTestServer m_server;
    Project m_project;
    Id m_screen, m_jsonApi, m_brokenApi, m_slowApi, m_ordersTable;
    Id m_jsonCase, m_otherBrokenCase;
    QString m_path;
    MainWindow *m_window = nullptr;
};

} // namespace flowbench::testing
