#include "testcases/testcasefields.h"

#include "analysis/testlevels.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "testcases/checkforms/committingtextedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <algorithm>

namespace flowbench {

namespace {

QString priorityLabel(Priority p)
{
    switch (p) {
    case Priority::Low:
        return TestCaseFields::tr("Low");
    case Priority::Medium:
        return TestCaseFields::tr("Medium");
    case Priority::High:
        return TestCaseFields::tr("High");
    case Priority::Critical:
        return TestCaseFields::tr("Critical");
    }
    return QString();
}

void setBuddy(QFormLayout *form, QLayout *row, QWidget *buddy)
{
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(row)))
        l->setBuddy(buddy);
}

} // namespace

TestCaseFields::TestCaseFields(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_title(new QLineEdit(this))
    , m_titleError(new QLabel(this))
    , m_priority(new QComboBox(this))
    , m_automated(new QCheckBox(tr("A&utomated"), this))
    , m_tags(new QLineEdit(this))
    , m_flow(new QComboBox(this))
    , m_level(new QComboBox(this))
    , m_description(new CommittingTextEdit(this))
{
    m_title->setObjectName(QStringLiteral("title"));
    m_titleError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_titleError->hide();
    for (Priority p : allPriorities())
        m_priority->addItem(priorityLabel(p), toString(p)); // parsed back with priorityFromString
    m_priority->setObjectName(QStringLiteral("priority"));
    m_automated->setObjectName(QStringLiteral("automated"));
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("smoke, checkout, regression"));
    m_flow->setObjectName(QStringLiteral("flow"));
    m_flow->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_flow->setMinimumContentsLength(6);
    m_flow->setSizePolicy(QSizePolicy::Expanding, m_flow->sizePolicy().verticalPolicy()); // long flow names
    m_level->addItem(tr("auto"), QString());
    for (TestLevel level : allTestLevels())
        m_level->addItem(toString(level), toString(level)); // data parsed back with testLevelFromString
    m_level->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "auto (end-to-end)" is never cut
    m_level->setObjectName(QStringLiteral("level"));
    m_level->setToolTip(tr("How deep the test case reaches: api, service (queue, cache, log), database, "
                           "end-to-end. Auto: the deepest of its steps; a manual test case is end-to-end."));
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlaceholderText(tr("What this test case proves, preconditions, manual steps"));
    m_description->setFixedHeight(64);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *titleBox = new QVBoxLayout;
    titleBox->setSpacing(2);
    titleBox->addWidget(m_title);
    titleBox->addWidget(m_titleError);
    m_form->addRow(tr("&Title:"), titleBox);
    setBuddy(m_form, titleBox, m_title);
    auto *priorityRow = new QHBoxLayout;
    priorityRow->addWidget(m_priority);
    priorityRow->addSpacing(12);
    priorityRow->addWidget(m_automated);
    priorityRow->addStretch();
    m_form->addRow(tr("&Priority:"), priorityRow);
    setBuddy(m_form, priorityRow, m_priority);
    m_form->addRow(tr("Ta&gs:"), m_tags);
    m_form->addRow(tr("&Flow:"), m_flow);
    // A row of its own: beside the flow, "auto (database)" was cut off in a docked editor.
    auto *levelRow = new QHBoxLayout;
    levelRow->addWidget(m_level);
    levelRow->addStretch();
    m_form->addRow(tr("&Level:"), levelRow);
    setBuddy(m_form, levelRow, m_level);
    m_form->addRow(tr("Descri&ption:"), m_description);

    connect(m_title, &QLineEdit::editingFinished, this, &TestCaseFields::commitTitle);
    connect(m_tags, &QLineEdit::editingFinished, this, &TestCaseFields::commitTags);
    connect(m_description, &CommittingTextEdit::editingFinished, this, &TestCaseFields::commitDescription);
    connect(m_priority, QOverload<int>::of(&QComboBox::activated), this, [this] {
        if (const auto p = priorityFromString(m_priority->currentData().toString()))
            change(&TestCase::priority, *p, tr("Change priority"));
    });
    connect(m_level, QOverload<int>::of(&QComboBox::activated), this, [this] {
        change(&TestCase::level, testLevelFromString(m_level->currentData().toString()), tr("Change level"));
    });
    connect(m_flow, QOverload<int>::of(&QComboBox::activated), this,
        [this] { change(&TestCase::flowId, Id(m_flow->currentData().toString()), tr("Change flow")); });
    connect(m_automated, &QCheckBox::toggled, this,
        [this](bool on) { change(&TestCase::automated, on, on ? tr("Automate") : tr("Make manual")); });
}

void TestCaseFields::addRow(const QString &label, QWidget *field)
{
    m_form->addRow(label, field);
}

const TestCase *TestCaseFields::testCase() const
{
    return m_document && !m_id.isEmpty() ? m_document->testCase(m_id) : nullptr;
}

void TestCaseFields::show(ProjectDocument *document, const Id &testCaseId)
{
    m_document = document;
    m_id = testCaseId;
    const TestCase *t = testCase();
    m_showing = true;
    showFlows();
    if (t) {
        if (!(m_title->hasFocus() && m_title->isModified()) && m_title->text() != t->title) {
            m_title->setText(t->title);
            m_titleError->hide();
        }
        const int priority = m_priority->findData(toString(t->priority));
        if (m_priority->currentIndex() != priority)
            m_priority->setCurrentIndex(priority);
        // "Auto" says what it amounts to now, so a person sees the derived level.
        TestCase derived = *t;
        derived.level.reset();
        m_level->setItemText(0, tr("auto (%1)").arg(toString(effectiveLevel(derived))));
        const int level = m_level->findData(t->level ? toString(*t->level) : QString());
        if (m_level->currentIndex() != level)
            m_level->setCurrentIndex(level);
        if (!(m_tags->hasFocus() && m_tags->isModified()) && tagsFromText(m_tags->text()) != t->tags)
            m_tags->setText(tagsToText(t->tags));
        const int flow = std::max(0, m_flow->findData(t->flowId));
        if (m_flow->currentIndex() != flow)
            m_flow->setCurrentIndex(flow);
        if (m_automated->isChecked() != t->automated)
            m_automated->setChecked(t->automated);
        if (!(m_description->hasFocus() && m_description->isDirty()))
            m_description->setTextQuietly(t->description); // a no-op when equal
    }
    m_showing = false;
}

// "(no flow)", the flows by name, and the test case's flow when it is gone.
void TestCaseFields::showFlows()
{
    QList<QPair<QString, QString>> entries { { tr("(no flow)"), QString() } };
    if (m_document)
        for (const Flow &f : m_document->flows())
            entries.append({ f.name, f.id });
    const TestCase *t = testCase();
    if (t && !t->flowId.isEmpty() && !(m_document && m_document->flow(t->flowId)))
        entries.append({ tr("(deleted flow)"), t->flowId });
    bool same = m_flow->count() == entries.size();
    for (int i = 0; same && i < entries.size(); ++i)
        same = m_flow->itemText(i) == entries.at(i).first
            && m_flow->itemData(i).toString() == entries.at(i).second;
    if (same)
        return;
    m_flow->clear();
    for (const auto &entry : entries)
        m_flow->addItem(entry.first, entry.second);
}

void TestCaseFields::clearTitleError()
{
    m_titleError->hide();
}

void TestCaseFields::focusTitle()
{
    m_title->setFocus();
    m_title->selectAll();
}

template <typename Value>
void TestCaseFields::change(Value TestCase::*field, const Value &value, const QString &what)
{
    const TestCase *t = testCase();
    if (m_showing || !t || t->*field == value)
        return;
    emit commandReady(new ChangeValue<TestCase, Value>(
        m_document, m_id, field, value, tr("%1 of test case “%2”").arg(what, t->title)));
}

void TestCaseFields::commitTitle()
{
    if (m_showing || !testCase())
        return;
    const QString title = m_title->text().trimmed();
    if (title.isEmpty()) {
        m_titleError->setText(tr("A test case needs a title."));
        m_titleError->show();
        return;
    }
    m_titleError->hide();
    change(&TestCase::title, title, tr("Rename"));
    m_title->setModified(false);
}

void TestCaseFields::commitTags()
{
    if (m_showing || !testCase())
        return;
    change(&TestCase::tags, tagsFromText(m_tags->text()), tr("Change tags"));
    m_tags->setModified(false);
}

void TestCaseFields::commitDescription()
{
    change(&TestCase::description, m_description->toPlainText(), tr("Change description"));
}

void TestCaseFields::flush()
{
    if (m_showing || !testCase())
        return;
    if (!m_title->text().trimmed().isEmpty())
        commitTitle(); // each a no-op when nothing changed
    commitTags();
    commitDescription();
}

} // namespace flowbench
