#pragma once
// A project file with one node, a flow, an environment with a SQL and a Redis connection
// and one automated test case (an HTTP step), opened as a ProjectDocument, for the tests
// of the test-case editor and its check forms; and the gestures they use.

#include "document/projectdocument.h"
#include "store/projectstore.h"
#include "support/projectfile.h"
#include "testcases/checkforms/checkformfactory.h"
#include "testcases/testcaseeditor.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace flowbench::testing {

struct TestCaseFixture
{
    QTemporaryDir dir;
    QString path;
    Project project;
    Id node;
    TestCase testCase;
    std::unique_ptr<ProjectDocument> doc;

    TestCaseFixture()
    {
        Node n;
        n.id = newId();
        n.name = QStringLiteral("POST /orders");
        n.kind = NodeKind::Api;
        node = n.id;
        project.name = QStringLiteral("editor");
        project.nodes.append(n);
        Flow f;
        f.id = newId();
        f.name = QStringLiteral("Checkout");
        f.nodeIds = { n.id };
        project.flows.append(f);
        Environment env;
        env.id = newId();
        env.name = QStringLiteral("local");
        env.connections = { Connection { QStringLiteral("shop"), QStringLiteral("QSQLITE"), {}, 0,
                                QStringLiteral("shop.db"), {}, {}, {} },
            Connection { QStringLiteral("cache"), QStringLiteral("redis"), QStringLiteral("127.0.0.1"), 6379,
                {}, {}, {}, {} } };
        project.environments.append(env);

        testCase.id = newId();
        testCase.nodeId = node;
        testCase.title = QStringLiteral("Order is stored");
        testCase.automated = true;
        Check c = CheckFormFactory::instance().newCheck(QStringLiteral("http"));
        c.name = QStringLiteral("create order");
        c.spec.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/old"));
        testCase.checks.append(c);
        path = dir.filePath(QStringLiteral("editor.flowbench"));
    }

    TestCase second() const
    {
        TestCase t;
        t.id = newId();
        t.nodeId = node;
        t.title = QStringLiteral("Refund is recorded");
        t.position = 1;
        return t;
    }

    // Writes the project with these test cases into the file and opens it.
    ProjectDocument *open(const QList<TestCase> &testCases)
    {
        doc.reset();
        QFile::remove(path);
        project.testCases = testCases;
        auto store = ProjectStore::create(path, project.name);
        if (!store)
            qFatal("%s", qPrintable(store.error()));
        if (Status s = store.value()->replaceContents(project); !s)
            qFatal("%s", qPrintable(s.error()));
        store.value().reset();
        auto opened = ProjectDocument::open(path);
        if (!opened)
            qFatal("%s", qPrintable(opened.error()));
        doc = std::move(opened.value());
        return doc.get();
    }

    // An editor on the opened document showing the fixture's node.
    void show(TestCaseEditor &editor) const
    {
        editor.setDocument(doc.get());
        editor.setNode(node);
    }

    TestCase stored(const Id &id) const { return *doc->testCase(id); }
    // The test case as the project file has it, read back with a fresh store.
    TestCase inFile(const Id &id) const
    {
        for (const TestCase &t : reopenProject(path).testCases)
            if (t.id == id)
                return t;
        return TestCase();
    }
};

// Picks an entry the way a keyboard or mouse choice does: current index, then activated.
inline void choose(QComboBox *combo, const QVariant &data)
{
    int index = combo->findData(data);
    if (index < 0)
        index = combo->findText(data.toString());
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace flowbench::testing
