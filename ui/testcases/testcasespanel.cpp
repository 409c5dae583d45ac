#include "testcases/testcasespanel.h"

#include "document/addtestcasecommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removetestcasecommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
QString priorityLabel(Priority p)
{
    switch (p) {
    case Priority::Low: return TestCasesPanel::tr("Low");
    case Priority::Medium: return TestCasesPanel::tr("Medium");
    case Priority::High: return TestCasesPanel::tr("High");
    case Priority::Critical: return TestCasesPanel::tr("Critical");
    }
    return QString();
}
} // namespace

TestCasesPanel::TestCasesPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("testCasesPanel"));
    m_header = new QLabel;
    m_header->setWordWrap(true);
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("testCaseList"));
    m_addButton = new QPushButton(tr("Add test case"));
    m_addButton->setObjectName(QStringLiteral("addTestCaseButton"));
    m_deleteButton = new QPushButton(tr("Delete"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addStretch();
    buttons->addWidget(m_deleteButton);

    m_editor = new QWidget;
    auto *form = new QFormLayout(m_editor);
    form->setContentsMargins(0, 0, 0, 0);
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("testTitleEdit"));
    m_priority = new QComboBox;
    for (Priority p : {Priority::Low, Priority::Medium, Priority::High, Priority::Critical})
        m_priority->addItem(priorityLabel(p), toString(p));
    m_tags = new QLineEdit;
    m_tags->setPlaceholderText(tr("comma separated: smoke, payments"));
    m_flow = new QComboBox;
    m_automated = new QCheckBox(tr("Automated (runs its checks)"));
    m_description = new QPlainTextEdit;
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(80);
    m_description->installEventFilter(this);
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Tags"), m_tags);
    form->addRow(tr("Flow"), m_flow);
    form->addRow(QString(), m_automated);
    form->addRow(tr("Description"), m_description);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_editor);

    connect(m_addButton, &QPushButton::clicked, this, &TestCasesPanel::addTestCase);
    connect(m_deleteButton, &QPushButton::clicked, this, &TestCasesPanel::removeCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &TestCasesPanel::showCurrent);
    connect(m_title, &QLineEdit::editingFinished, this, &TestCasesPanel::commit);
    connect(m_tags, &QLineEdit::editingFinished, this, &TestCasesPanel::commit);
    connect(m_priority, &QComboBox::currentIndexChanged, this, &TestCasesPanel::commit);
    connect(m_flow, &QComboBox::currentIndexChanged, this, &TestCasesPanel::commit);
    connect(m_automated, &QCheckBox::toggled, this, &TestCasesPanel::commit);
    reload();
}

void TestCasesPanel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_nodeId.clear();
    if (document) {
        connect(document, &ProjectDocument::testCasesChanged, this, [this](const Id &nodeId) {
            if (nodeId == m_nodeId)
                reload();
        });
        connect(document, &ProjectDocument::nodeChanged, this, [this](const Id &id) {
            if (id == m_nodeId)
                reload();
        });
        connect(document, &ProjectDocument::nodesRemoved, this, [this](const QList<Id> &ids) {
            if (ids.contains(m_nodeId))
                setNode(Id());
        });
        connect(document, &ProjectDocument::flowsChanged, this, &TestCasesPanel::reload);
    }
    reload();
}

void TestCasesPanel::setNode(const Id &nodeId)
{
    if (m_description->hasFocus())
        commit();
    m_nodeId = nodeId;
    reload();
}

Id TestCasesPanel::currentTestCase() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : Id();
}

void TestCasesPanel::reload()
{
    const Node *node = m_document && !m_nodeId.isEmpty() ? m_document->node(m_nodeId) : nullptr;
    const Id current = currentTestCase();
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        if (node) {
            for (const TestCase &t : m_document->testCasesOfNode(m_nodeId)) {
                auto *item = new QListWidgetItem(m_list);
                item->setText(QStringLiteral("%1  [%2]%3")
                                  .arg(t.title, priorityLabel(t.priority),
                                       t.automated ? tr(" · automated") : QString()));
                item->setData(Qt::UserRole, t.id);
                if (t.id == current)
                    m_list->setCurrentItem(item);
            }
        }
    }
    {
        const QSignalBlocker blocker(m_flow);
        m_flow->clear();
        m_flow->addItem(tr("(no flow)"), QString());
        if (m_document)
            for (const Flow &f : m_document->flows())
                m_flow->addItem(f.name, f.id);
    }
    m_header->setText(node ? tr("Test cases of <b>%1</b>").arg(node->name.toHtmlEscaped())
                           : tr("Select a node to see its test cases."));
    m_list->setEnabled(node != nullptr);
    m_addButton->setEnabled(node != nullptr);
    if (node && !m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    showCurrent();
}

void TestCasesPanel::showCurrent()
{
    const TestCase *t = m_document ? m_document->testCase(currentTestCase()) : nullptr;
    m_editor->setEnabled(t != nullptr);
    m_deleteButton->setEnabled(t != nullptr);
    m_refreshing = true;
    m_title->setText(t ? t->title : QString());
    m_priority->setCurrentIndex(m_priority->findData(toString(t ? t->priority : Priority::Medium)));
    m_tags->setText(t ? t->tags.join(QStringLiteral(", ")) : QString());
    m_flow->setCurrentIndex(qMax(0, m_flow->findData(t ? t->flowId : QString())));
    m_automated->setChecked(t && t->automated);
    const QString description = t ? t->description : QString();
    if (m_description->toPlainText() != description)
        m_description->setPlainText(description);
    m_refreshing = false;
}

void TestCasesPanel::addTestCase()
{
    if (!m_document || !m_document->node(m_nodeId))
        return;
    TestCase t;
    t.nodeId = m_nodeId;
    t.title = tr("Untitled test case");
    t.position = m_document->testCaseCount(m_nodeId);
    auto *cmd = new AddTestCaseCommand(m_document, t);
    const Id id = cmd->testCaseId();
    m_document->undoStack()->push(cmd);
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
    m_title->setFocus();
    m_title->selectAll();
}

void TestCasesPanel::commit()
{
    if (m_refreshing || !m_document)
        return;
    const TestCase *t = m_document->testCase(currentTestCase());
    if (!t)
        return;
    TestCase after = *t;
    if (!m_title->text().trimmed().isEmpty())
        after.title = m_title->text().trimmed();
    after.priority = priorityFromString(m_priority->currentData().toString()).value_or(Priority::Medium);
    QStringList tags;
    for (const QString &tag : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!tag.trimmed().isEmpty())
            tags << tag.trimmed();
    after.tags = tags;
    after.flowId = m_flow->currentData().toString();
    after.automated = m_automated->isChecked();
    after.description = m_description->toPlainText();
    if (after == *t)
        return;
    m_document->undoStack()->push(new ChangeValue<TestCase, TestCase>(m_document, *t, after, tr("Edit test case %1").arg(t->title)));
}

void TestCasesPanel::removeCurrent()
{
    const Id id = currentTestCase();
    if (m_document && !id.isEmpty())
        m_document->undoStack()->push(new RemoveTestCaseCommand(m_document, id));
}

bool TestCasesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_description && event->type() == QEvent::FocusOut)
        commit();
    return QWidget::eventFilter(watched, event);
}

} // namespace flowbench
