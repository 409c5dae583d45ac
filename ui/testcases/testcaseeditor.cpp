#include "testcases/testcaseeditor.h"
#include "testcases/editorparts.h"

#include "dialogs/historydialog.h"
#include "document/addtestcasecommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removetestcasecommand.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/testcaseform.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

namespace flowbench {

namespace {

enum Page { EmptyPage, ContentPage };

// New ids for a copy, so the duplicate's results never mix with the original's.
TestCase duplicated(const TestCase &source)
{
    TestCase copy = source;
    copy.id = newId();
    copy.revision = 0;
    for (Check &c : copy.checks)
        c.id = newId();
    for (Check &c : copy.cleanup)
        c.id = newId();
    return copy;
}

} // namespace

TestCaseEditor::TestCaseEditor(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_header(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_listEmpty(
          emptyStateLabel(tr("No test cases on this node yet.\nAdd one to say how it is verified."), this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate"), this))
    , m_remove(new QPushButton(tr("De&lete"), this))
    , m_up(textToolButton(tr("↑"), tr("Move up (Alt+Up)"), this))
    , m_down(textToolButton(tr("↓"), tr("Move down (Alt+Down)"), this))
    , m_detailPages(new QStackedWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_form(new TestCaseForm(this))
{
    setObjectName(QStringLiteral("testCaseEditor"));
    m_list->setObjectName(QStringLiteral("testCaseList"));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_add->setObjectName(QStringLiteral("addTestCase"));
    m_duplicate->setObjectName(QStringLiteral("duplicateTestCase"));
    m_remove->setObjectName(QStringLiteral("removeTestCase"));
    m_header->setObjectName(QStringLiteral("testCasesHeader"));
    m_header->setWordWrap(true);

    // Left: the node's test cases.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_header);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_listEmpty, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    listButtons->addWidget(m_up);
    listButtons->addWidget(m_down);
    leftLayout->addLayout(listButtons);

    // Right: the selected test case.
    m_detailPages->addWidget(emptyStateLabel(tr("Select a test case, or add one."), this));
    m_detailPages->addWidget(m_form);

    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detailPages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 170, 830 });
    m_pages->addWidget(emptyStateLabel(tr("Select a node on the map to see and edit its test cases."), this));
    m_pages->addWidget(m_splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);

    connect(m_add, &QPushButton::clicked, this, &TestCaseEditor::addTestCase);
    connect(m_duplicate, &QPushButton::clicked, this, &TestCaseEditor::duplicateTestCase);
    connect(m_remove, &QPushButton::clicked, this, &TestCaseEditor::removeTestCase);
    connect(m_up, &QToolButton::clicked, this, [this] { moveTestCase(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveTestCase(1); });
    auto shortcut = [this](const QKeySequence &keys, std::function<void()> act) {
        auto *s = new QShortcut(keys, m_list);
        s->setContext(Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, act);
    };
    shortcut(QKeySequence::Delete, [this] { removeTestCase(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveTestCase(-1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveTestCase(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (m_refreshing)
            return;
        m_form->flushEdits(); // still the test case that was shown
        showCurrent();
    });
    // A drag in the list: the new order is committed once the drop is over.
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_refreshing)
            QMetaObject::invokeMethod(this, &TestCaseEditor::listReordered, Qt::QueuedConnection);
    });
    connect(m_form, &TestCaseForm::currentCheckChanged, this, &TestCaseEditor::currentCheckChanged);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &TestCaseEditor::showListMenu);
    refresh();
}

// Right-click on a test case: what the buttons do, plus Run and Copy Title.
void TestCaseEditor::showListMenu(const QPoint &pos)
{
    QListWidgetItem *item = m_list->itemAt(pos);
    if (!item || !m_document)
        return;
    m_list->setCurrentItem(item);
    const Id id = currentTestCaseId();
    const TestCase *t = m_document->testCase(id);
    if (!t)
        return;
    const bool editable = !m_document->isReadOnly() && !m_document->isOffline();
    QMenu menu(this);
    QAction *run = menu.addAction(tr("&Run"), this, [this, id] { emit runTestCaseRequested(id); });
    run->setObjectName(QStringLiteral("contextRunTestCase"));
    run->setEnabled(t->automated && !t->checks.isEmpty());
    if (!run->isEnabled())
        run->setToolTip(tr("Manual, or no steps: nothing to run"));
    menu.addSeparator();
    QAction *duplicate = menu.addAction(tr("D&uplicate"), this, &TestCaseEditor::duplicateTestCase);
    duplicate->setObjectName(QStringLiteral("contextDuplicateTestCase"));
    duplicate->setEnabled(editable);
    QAction *remove = menu.addAction(tr("De&lete"), this, &TestCaseEditor::removeTestCase);
    remove->setObjectName(QStringLiteral("contextDeleteTestCase"));
    remove->setEnabled(editable);
    menu.addSeparator();
    QAction *copy = menu.addAction(
        tr("&Copy Title"), this, [title = t->title] { QGuiApplication::clipboard()->setText(title); });
    copy->setObjectName(QStringLiteral("contextCopyTitle"));
    HistoryDialog::addMenuAction(&menu, m_document, id, this, QStringLiteral("contextTestCaseHistory"));
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

// Closing the window moves focus, and a focused field then reports editingFinished:
// that must not reach this half-destroyed object.
TestCaseEditor::~TestCaseEditor()
{
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
}

// In a narrow side dock the list goes above the form (the form needs the width); in a
// wide one, beside it.
void TestCaseEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = event->size().width() < 760 ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() == wanted)
        return;
    m_splitter->setOrientation(wanted);
    m_splitter->setSizes(wanted == Qt::Vertical ? QList<int> { 110, 600 } : QList<int> { 200, 800 });
}

void TestCaseEditor::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_nodeId.clear();
    m_form->setDocument(document);
    if (document) {
        connect(document, &ProjectDocument::testCasesChanged, this, [this](const Id &nodeId) {
            if (nodeId == m_nodeId)
                refresh();
        });
        connect(document, &ProjectDocument::nodeChanged, this, [this](const Id &id) {
            if (id == m_nodeId)
                refresh(); // the header names the node
        });
        connect(document, &ProjectDocument::nodesRemoved, this, [this](const QList<Id> &ids) {
            if (ids.contains(m_nodeId))
                setNode(Id());
        });
        connect(document, &ProjectDocument::flowsChanged, this, [this] { m_form->refresh(); });
    }
    refresh();
}

void TestCaseEditor::setNode(const Id &nodeId)
{
    if (nodeId == m_nodeId)
        return;
    m_form->flushEdits();
    m_nodeId = nodeId;
    refresh();
}

QList<TestCase> TestCaseEditor::testCases() const
{
    if (!m_document || m_nodeId.isEmpty())
        return {};
    QList<TestCase> cases = m_document->testCasesOfNode(m_nodeId);
    std::stable_sort(cases.begin(), cases.end(),
        [](const TestCase &a, const TestCase &b) { return a.position < b.position; });
    return cases;
}

// The list follows the document; the selected test case stays selected by id (else the
// first one is).
void TestCaseEditor::refresh()
{
    const Node *node = m_document && !m_nodeId.isEmpty() ? m_document->node(m_nodeId) : nullptr;
    if (!node)
        m_nodeId.clear();
    m_header->setText(node ? tr("Test cases of <b>%1</b>").arg(node->name.toHtmlEscaped()) : QString());
    const QList<TestCase> cases = testCases();
    const Id keep = currentTestCaseId();
    m_refreshing = true;
    bool sameIds = m_list->count() == cases.size();
    for (int i = 0; sameIds && i < cases.size(); ++i)
        sameIds = m_list->item(i)->data(Qt::UserRole).toString() == cases.at(i).id;
    if (!sameIds) {
        m_list->clear();
        int row = cases.isEmpty() ? -1 : 0;
        for (int i = 0; i < cases.size(); ++i) {
            auto *item = new QListWidgetItem(m_list);
            item->setData(Qt::UserRole, cases.at(i).id);
            if (cases.at(i).id == keep)
                row = i;
        }
        m_list->setCurrentRow(row);
    }
    for (int i = 0; i < cases.size(); ++i) {
        const TestCase &t = cases.at(i);
        QListWidgetItem *item = m_list->item(i);
        const QString kind
            = t.automated ? tr("automated, %n step(s)", nullptr, int(t.checks.size())) : tr("manual");
        const QString text = t.title.isEmpty() ? tr("(untitled)") : t.title;
        if (item->text() != text)
            item->setText(text);
        item->setToolTip(tr("%1 priority, %2").arg(toString(t.priority), kind));
        QFont font = item->font();
        font.setBold(t.priority == Priority::Critical || t.priority == Priority::High);
        item->setFont(font);
    }
    m_refreshing = false;
    showCurrent();
}

void TestCaseEditor::showCurrent()
{
    const Id shown = m_form->testCaseId();
    const Id current = currentTestCaseId();
    if (current != shown)
        m_form->setTestCase(current);
    else
        m_form->refresh();
    updateStates();
    if (current != shown)
        emit currentTestCaseChanged(current);
}

void TestCaseEditor::setEnvironment(const QString &name)
{
    m_form->setEnvironment(name);
}

void TestCaseEditor::setLastEvidence(const Id &checkId, const QByteArray &body)
{
    m_form->setLastEvidence(checkId, body);
}

Id TestCaseEditor::currentTestCaseId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : Id();
}

Id TestCaseEditor::currentCheckId() const
{
    return m_form->currentCheckId();
}

void TestCaseEditor::selectTestCase(const Id &id)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
}

void TestCaseEditor::selectCheck(const Id &checkId)
{
    m_form->selectCheck(checkId);
}

CheckForm *TestCaseEditor::currentForm() const
{
    return m_form->currentForm();
}

void TestCaseEditor::addTestCase()
{
    m_form->flushEdits();
    if (!m_document || m_nodeId.isEmpty())
        return;
    const QList<TestCase> cases = testCases();
    TestCase t;
    t.nodeId = m_nodeId;
    t.title = tr("New test case");
    t.position = cases.isEmpty() ? 0 : cases.last().position + 1;
    auto *command = new AddTestCaseCommand(m_document, t);
    const Id id = command->testCaseId();
    m_document->undoStack()->push(command);
    selectTestCase(id);
    m_form->focusTitle();
}

void TestCaseEditor::duplicateTestCase()
{
    m_form->flushEdits();
    const TestCase *source = m_document ? m_document->testCase(currentTestCaseId()) : nullptr;
    if (!source)
        return;
    TestCase copy = duplicated(*source);
    copy.title = tr("%1 (copy)").arg(source->title);
    copy.position = testCases().last().position + 1;
    m_document->undoStack()->push(new AddTestCaseCommand(m_document, copy));
    selectTestCase(copy.id);
}

void TestCaseEditor::removeTestCase()
{
    const int row = m_list->currentRow();
    const Id id = currentTestCaseId();
    if (!m_document || id.isEmpty())
        return;
    m_document->undoStack()->push(new RemoveTestCaseCommand(m_document, id));
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
}

void TestCaseEditor::moveTestCase(int delta)
{
    m_form->flushEdits();
    QList<Id> order;
    for (const TestCase &t : testCases())
        order.append(t.id);
    const Id moved = currentTestCaseId();
    const int index = int(order.indexOf(moved));
    const int target = index + delta;
    if (index < 0 || target < 0 || target >= order.size())
        return;
    order.move(index, target);
    reorder(order);
    selectTestCase(moved);
}

// Positions follow `order`, as one undo step.
void TestCaseEditor::reorder(const QList<Id> &order)
{
    QList<std::pair<Id, int>> moves;
    for (int i = 0; i < order.size(); ++i)
        if (const TestCase *t = m_document->testCase(order.at(i)); t && t->position != i)
            moves.append({ t->id, i });
    if (moves.isEmpty())
        return;
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Reorder test cases"));
    for (const auto &move : std::as_const(moves))
        stack->push(new ChangeValue<TestCase, int>(
            m_document, move.first, &TestCase::position, move.second, tr("Reorder test cases")));
    stack->endMacro();
}

// The list widget holds the order the user dropped the test cases in.
void TestCaseEditor::listReordered()
{
    if (!m_document)
        return;
    QList<Id> order;
    for (int i = 0; i < m_list->count(); ++i)
        order.append(m_list->item(i)->data(Qt::UserRole).toString());
    reorder(order);
}

void TestCaseEditor::addStep(const QString &type)
{
    m_form->addStep(type);
}

void TestCaseEditor::moveStep(int delta)
{
    m_form->moveStep(delta);
}

void TestCaseEditor::removeStep()
{
    m_form->removeStep();
}

void TestCaseEditor::updateStates()
{
    const int index = m_list->currentRow();
    const int count = m_list->count();
    m_pages->setCurrentIndex(m_nodeId.isEmpty() ? EmptyPage : ContentPage);
    m_list->setVisible(count > 0);
    m_listEmpty->setVisible(count == 0);
    m_detailPages->setCurrentIndex(index < 0 ? EmptyPage : ContentPage);
    m_add->setEnabled(!m_nodeId.isEmpty());
    m_duplicate->setEnabled(index >= 0);
    m_remove->setEnabled(index >= 0);
    m_up->setEnabled(index > 0);
    m_down->setEnabled(index >= 0 && index < count - 1);
}

} // namespace flowbench
