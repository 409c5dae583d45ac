#include "testcases/testcaseform.h"

#include "analysis/testlevels.h"
#include "testcases/editorparts.h"

#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "run/responseparts.h"
#include "run/responseviewer.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/checkforms/checkformfactory.h"
#include "testcases/checkforms/committingtextedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

namespace flowbench {

namespace {

QString priorityLabel(Priority p)
{
    switch (p) {
    case Priority::Low:
        return TestCaseForm::tr("Low");
    case Priority::Medium:
        return TestCaseForm::tr("Medium");
    case Priority::High:
        return TestCaseForm::tr("High");
    case Priority::Critical:
        return TestCaseForm::tr("Critical");
    }
    return QString();
}

QString stepText(int index, const Check &c)
{
    return TestCaseForm::tr("%1. %2").arg(index + 1).arg(
        c.name.isEmpty() ? CheckFormFactory::instance().label(c.type) : c.name);
}

} // namespace

TestCaseForm::TestCaseForm(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLineEdit(this))
    , m_titleError(new QLabel(this))
    , m_priority(new QComboBox(this))
    , m_level(new QComboBox(this))
    , m_tags(new QLineEdit(this))
    , m_flow(new QComboBox(this))
    , m_automated(new QCheckBox(tr("A&utomated"), this))
    , m_manualHint(
          new QLabel(tr("Manual test case: its steps are not run until it is marked automated."), this))
    , m_description(new CommittingTextEdit(this))
    , m_steps(new QListWidget(this))
    , m_stepsEmpty(emptyStateLabel(
          tr("No steps yet. Add a step: an HTTP request, a SQL query, a Redis command or log lines."), this))
    , m_addStep(textToolButton(tr("Add step"), tr("Add a check step of a type"), this))
    , m_stepUp(textToolButton(tr("↑"), tr("Move step up (Alt+Up)"), this))
    , m_stepDown(textToolButton(tr("↓"), tr("Move step down (Alt+Down)"), this))
    , m_removeStep(textToolButton(tr("Delete"), tr("Delete the step"), this))
    , m_formPages(new QStackedWidget(this))
    , m_runStep(new QPushButton(tr("Run Step"), this))
    , m_runStepState(new QLabel(this))
    , m_response(new ResponseViewer(this))
{
    m_title->setObjectName(QStringLiteral("title"));
    m_titleError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_titleError->hide();
    for (Priority p : allPriorities())
        m_priority->addItem(priorityLabel(p), toString(p)); // parsed back with priorityFromString
    m_priority->setObjectName(QStringLiteral("priority"));
    m_level->addItem(tr("auto"), QString());
    for (TestLevel level : allTestLevels())
        m_level->addItem(toString(level), toString(level)); // data parsed back with testLevelFromString
    m_level->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "auto (end-to-end)" is never cut
    m_level->setObjectName(QStringLiteral("level"));
    m_level->setToolTip(tr("How deep the test case reaches: api, service (queue, cache, log), database, "
                           "end-to-end. Auto: the deepest of its steps; a manual test case is end-to-end."));
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("smoke, checkout, regression"));
    m_flow->setObjectName(QStringLiteral("flow"));
    m_automated->setObjectName(QStringLiteral("automated"));
    m_manualHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_manualHint->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlaceholderText(tr("What this test case proves, preconditions, manual steps"));
    m_description->setFixedHeight(64);

    auto *titleBox = new QWidget(this);
    auto *titleLayout = new QVBoxLayout(titleBox);
    titleLayout->setContentsMargins(0, 0, 0, 0);
    titleLayout->setSpacing(2);
    titleLayout->addWidget(m_title);
    titleLayout->addWidget(m_titleError);
    auto *priorityRow = new QHBoxLayout;
    priorityRow->addWidget(m_priority);
    priorityRow->addSpacing(12);
    priorityRow->addWidget(m_automated);
    priorityRow->addStretch();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("&Title:"), titleBox);
    form->addRow(tr("&Priority:"), priorityRow);
    form->addRow(tr("Ta&gs:"), m_tags);
    m_flow->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_flow->setMinimumContentsLength(6);
    m_flow->setSizePolicy(QSizePolicy::Expanding, m_flow->sizePolicy().verticalPolicy()); // long flow names
    form->addRow(tr("&Flow:"), m_flow);
    // A row of its own: beside the flow, "auto (database)" was cut off in a docked editor.
    auto *levelRow = new QHBoxLayout;
    levelRow->addWidget(m_level);
    levelRow->addStretch();
    form->addRow(tr("&Level:"), levelRow);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(levelRow)))
        l->setBuddy(m_level);
    form->addRow(tr("Descri&ption:"), m_description);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(titleBox)))
        l->setBuddy(m_title);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(priorityRow)))
        l->setBuddy(m_priority);

    m_steps->setObjectName(QStringLiteral("steps"));
    m_steps->setDragDropMode(QAbstractItemView::InternalMove);
    m_steps->setDefaultDropAction(Qt::MoveAction);
    m_addStep->setObjectName(QStringLiteral("addStep"));
    m_addStep->setPopupMode(QToolButton::InstantPopup);
    auto *stepMenu = new QMenu(m_addStep);
    for (const QString &type : CheckFormFactory::instance().types())
        stepMenu->addAction(CheckFormFactory::instance().label(type), this, [this, type] { addStep(type); });
    m_addStep->setMenu(stepMenu);
    auto *stepsList = new QWidget(this);
    auto *stepsListLayout = new QVBoxLayout(stepsList);
    stepsListLayout->setContentsMargins(0, 0, 0, 0);
    stepsListLayout->addWidget(m_steps, 1);
    stepsListLayout->addWidget(m_stepsEmpty, 1);
    auto *stepButtons = new QHBoxLayout;
    stepButtons->addWidget(m_addStep);
    stepButtons->addStretch();
    stepButtons->addWidget(m_stepUp);
    stepButtons->addWidget(m_stepDown);
    stepButtons->addWidget(m_removeStep);
    stepsListLayout->addLayout(stepButtons);
    m_formPages->addWidget(emptyStateLabel(tr("Select a step to edit its check."), this));
    auto *formScroll = new QScrollArea(this);
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(m_formPages);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Steps above their form: the editor lives in a side dock, where a list beside the
    // form would leave the form no room.
    auto *stepsBox = new QGroupBox(tr("Steps (run in order)"), this);
    auto *stepsSplitter = new QSplitter(Qt::Vertical, stepsBox);
    stepsSplitter->setChildrenCollapsible(false);
    stepsSplitter->addWidget(stepsList);
    stepsSplitter->addWidget(formScroll);
    // The step's last response and "Run Step" below its form.
    m_runStep->setObjectName(QStringLiteral("runStep"));
    m_runStep->setToolTip(tr("Run this test case up to this step in the selected environment "
                             "(earlier steps run first, for their captures)"));
    m_runStepState->setObjectName(QStringLiteral("runStepState"));
    m_runStepState->setTextFormat(Qt::PlainText);
    m_runStepState->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_response->setObjectName(QStringLiteral("lastResponse"));
    auto *responseBox = new QGroupBox(tr("Last response"), this);
    auto *responseLayout = new QVBoxLayout(responseBox);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runStep);
    runRow->addWidget(m_runStepState, 1);
    responseLayout->addLayout(runRow);
    responseLayout->addWidget(m_response, 1);
    stepsSplitter->addWidget(responseBox);
    stepsSplitter->setStretchFactor(1, 1);
    stepsSplitter->setSizes({ 130, 470, 200 });
    connect(m_runStep, &QPushButton::clicked, this, [this] {
        if (m_stepRunning) {
            emit cancelStepRequested();
            return;
        }
        flushEdits();
        if (!m_id.isEmpty() && !currentCheckId().isEmpty())
            emit runStepRequested(m_id, currentCheckId());
    });
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->addWidget(stepsSplitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_manualHint);
    layout->addWidget(stepsBox, 1);

    auto shortcut = [this](const QKeySequence &keys, std::function<void()> act) {
        auto *s = new QShortcut(keys, m_steps);
        s->setContext(Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, act);
    };
    shortcut(QKeySequence::Delete, [this] { removeStep(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveStep(-1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveStep(1); });

    connect(m_title, &QLineEdit::editingFinished, this, &TestCaseForm::commitTitle);
    connect(m_tags, &QLineEdit::editingFinished, this, &TestCaseForm::commitTags);
    connect(m_description, &CommittingTextEdit::editingFinished, this, &TestCaseForm::commitDescription);
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
    connect(m_steps, &QListWidget::currentRowChanged, this, [this] {
        if (!m_refreshing)
            showStep();
    });
    // A drag in the list: the new order is committed once the drop is over.
    connect(m_steps->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_refreshing)
            QMetaObject::invokeMethod(this, &TestCaseForm::stepsReordered, Qt::QueuedConnection);
    });
    connect(m_stepUp, &QToolButton::clicked, this, [this] { moveStep(-1); });
    connect(m_stepDown, &QToolButton::clicked, this, [this] { moveStep(1); });
    connect(m_removeStep, &QToolButton::clicked, this, &TestCaseForm::removeStep);
    updateStates();
}

// Closing the window moves focus, and a focused field then reports editingFinished:
// that must not reach this half-destroyed object.
TestCaseForm::~TestCaseForm()
{
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
}

void TestCaseForm::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_id.clear();
    m_evidence.clear();
    if (document)
        connect(document, &ProjectDocument::environmentsChanged, this, &TestCaseForm::updateConnections);
    updateConnections();
    refresh();
}

const TestCase *TestCaseForm::testCase() const
{
    return m_document && !m_id.isEmpty() ? m_document->testCase(m_id) : nullptr;
}

void TestCaseForm::setTestCase(const Id &testCaseId)
{
    if (testCaseId == m_id)
        return;
    m_id = testCaseId;
    m_titleError->hide();
    {
        const QSignalBlocker quiet(m_steps);
        m_steps->clear(); // a new test case starts at its first step
    }
    refresh();
}

void TestCaseForm::refresh()
{
    const TestCase *t = testCase();
    m_refreshing = true;
    refreshFlows();
    if (t) {
        // A field the user is typing in keeps its text until they commit or leave it.
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
    m_refreshing = false;
    refreshSteps(t ? *t : TestCase());
}

// "(no flow)", the flows by name, and the test case's flow when it is gone.
void TestCaseForm::refreshFlows()
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

// The steps list follows the stored checks; the selected step stays selected by id.
void TestCaseForm::refreshSteps(const TestCase &t)
{
    m_refreshing = true;
    const Id keep = currentCheckId();
    const int oldRow = m_steps->currentRow();
    bool sameIds = m_steps->count() == t.checks.size();
    for (int i = 0; sameIds && i < t.checks.size(); ++i)
        sameIds = m_steps->item(i)->data(Qt::UserRole).toString() == t.checks.at(i).id;
    if (!sameIds) {
        m_steps->clear();
        for (const Check &c : t.checks) {
            auto *item = new QListWidgetItem(m_steps);
            item->setData(Qt::UserRole, c.id);
        }
        int row = -1;
        for (int i = 0; i < t.checks.size(); ++i)
            if (t.checks.at(i).id == keep)
                row = i;
        if (row < 0 && !t.checks.isEmpty())
            row = std::clamp(oldRow, 0, int(t.checks.size()) - 1);
        m_steps->setCurrentRow(row);
    }
    for (int i = 0; i < t.checks.size(); ++i) {
        QListWidgetItem *item = m_steps->item(i);
        const QString text = stepText(i, t.checks.at(i));
        if (item->text() != text)
            item->setText(text);
        item->setToolTip(CheckFormFactory::instance().label(t.checks.at(i).type));
    }
    m_refreshing = false;
    showStep();
}

void TestCaseForm::showStep()
{
    const TestCase *t = testCase();
    const int row = m_steps->currentRow();
    if (!t || row < 0 || row >= t->checks.size()) {
        m_formPages->setCurrentIndex(0);
        updateStates();
        emit currentCheckChanged(Id());
        return;
    }
    const Check &check = t->checks.at(row);
    CheckForm *form = m_forms.value(check.type);
    if (!form) {
        form = CheckFormFactory::instance().create(check.type, m_formPages);
        if (!form) {
            m_formPages->setCurrentIndex(0);
            updateStates();
            return;
        }
        m_forms.insert(check.type, form);
        m_formPages->addWidget(form);
        connect(form, &CheckForm::checkEdited, this, [this, form] { commitStep(form); });
        updateConnections();
    }
    // Reloading a form that already shows the stored check would move the cursor of the
    // field being typed in (and, while our own edit is pushed, rebuild the very widget
    // that reported it).
    if (!m_committing && (form->checkId() != check.id || form->check() != check))
        form->setCheck(check);
    if (m_evidence.contains(check.id))
        form->setLastEvidence(m_evidence.value(check.id));
    m_formPages->setCurrentWidget(form);
    showLastResult();
    updateStates();
    emit currentCheckChanged(check.id);
}

void TestCaseForm::setEnvironment(const QString &name)
{
    m_environment = name;
    updateConnections();
}

void TestCaseForm::updateConnections()
{
    QList<Connection> connections;
    if (m_document)
        for (const Environment &e : m_document->environments())
            if (m_environment.isEmpty() || e.name == m_environment)
                connections += e.connections;
    for (CheckForm *form : std::as_const(m_forms))
        form->setConnections(connections);
}

void TestCaseForm::setLastEvidence(const Id &checkId, const QByteArray &body)
{
    m_evidence.insert(checkId, body);
    if (CheckForm *form = currentForm(); form && form->checkId() == checkId)
        form->setLastEvidence(body);
}

void TestCaseForm::setLastResult(const CheckResult &result)
{
    m_lastResults.insert(result.checkId, result);
    QString type;
    if (const TestCase *t = testCase())
        for (const Check &c : t->checks)
            if (c.id == result.checkId)
                type = c.type;
    if (type.isEmpty() && m_document)
        for (const TestCase &t : m_document->testCases())
            for (const Check &c : t.checks)
                if (c.id == result.checkId)
                    type = c.type;
    // "Try it" evaluates the body, not the status line and headers in front of it.
    const ResponseParts parts = ResponseParts::parse(type, result.evidence);
    setLastEvidence(result.checkId, parts.body);
    showLastResult();
}

void TestCaseForm::showLastResult()
{
    const Id checkId = currentCheckId();
    const auto it = m_lastResults.constFind(checkId);
    if (checkId.isEmpty() || it == m_lastResults.constEnd()) {
        m_response->clear(
            tr("No response yet: Run Step (or a run that includes this test case) shows it here."));
        return;
    }
    QString type;
    if (const TestCase *t = testCase())
        for (const Check &c : t->checks)
            if (c.id == checkId)
                type = c.type;
    m_response->showResult(*it, type, QString());
}

void TestCaseForm::setStepRunning(bool running, const QString &text)
{
    m_stepRunning = running;
    m_runStep->setText(running ? tr("Cancel") : tr("Run Step"));
    m_runStepState->setText(text);
    updateStates();
}

Id TestCaseForm::currentCheckId() const
{
    const QListWidgetItem *item = m_steps->currentItem();
    return item ? item->data(Qt::UserRole).toString() : Id();
}

void TestCaseForm::selectCheck(const Id &checkId)
{
    flushEdits();
    for (int i = 0; i < m_steps->count(); ++i)
        if (m_steps->item(i)->data(Qt::UserRole).toString() == checkId)
            m_steps->setCurrentRow(i);
}

CheckForm *TestCaseForm::currentForm() const
{
    return currentCheckId().isEmpty() ? nullptr : qobject_cast<CheckForm *>(m_formPages->currentWidget());
}

void TestCaseForm::focusTitle()
{
    m_title->setFocus();
    m_title->selectAll();
}

QString TestCaseForm::undoText(const QString &what) const
{
    const TestCase *t = testCase();
    return tr("%1 of test case “%2”").arg(what, t ? t->title : QString());
}

template <typename Value>
void TestCaseForm::change(Value TestCase::*field, const Value &value, const QString &what)
{
    const TestCase *t = testCase();
    if (m_refreshing || !t || t->*field == value)
        return;
    m_committing = true;
    m_document->undoStack()->push(
        new ChangeValue<TestCase, Value>(m_document, m_id, field, value, undoText(what)));
    m_committing = false;
}

void TestCaseForm::setChecks(const QList<Check> &checks, const QString &what)
{
    change(&TestCase::checks, checks, what);
}

void TestCaseForm::commitTitle()
{
    if (m_refreshing || !testCase())
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

void TestCaseForm::commitTags()
{
    if (m_refreshing || !testCase())
        return;
    change(&TestCase::tags, tagsFromText(m_tags->text()), tr("Change tags"));
    m_tags->setModified(false);
}

void TestCaseForm::commitDescription()
{
    change(&TestCase::description, m_description->toPlainText(), tr("Change description"));
}

void TestCaseForm::commitStep(CheckForm *form)
{
    const TestCase *t = testCase();
    if (!t || !form)
        return;
    QList<Check> checks = t->checks;
    const Check edited = form->check();
    for (Check &c : checks)
        if (c.id == edited.id)
            c = edited;
    setChecks(checks, tr("Edit step"));
}

void TestCaseForm::flushEdits()
{
    if (m_refreshing || !testCase())
        return;
    if (!m_title->text().trimmed().isEmpty())
        commitTitle(); // each a no-op when nothing changed
    commitTags();
    commitDescription();
    if (CheckForm *form = currentForm())
        commitStep(form);
}

void TestCaseForm::addStep(const QString &type)
{
    flushEdits();
    const TestCase *t = testCase();
    if (!t)
        return;
    const Check step = CheckFormFactory::instance().newCheck(type);
    setChecks(t->checks + QList<Check> { step }, tr("Add step"));
    selectCheck(step.id);
    // The refresh during our own command left the form alone (m_committing) and the row
    // was already current: load the new step now, or its first edits go to no step.
    showStep();
    if (CheckForm *form = currentForm())
        form->setFocus();
}

void TestCaseForm::moveStep(int delta)
{
    flushEdits();
    const TestCase *t = testCase();
    const int row = m_steps->currentRow();
    const int target = row + delta;
    if (!t || row < 0 || row >= t->checks.size() || target < 0 || target >= t->checks.size())
        return;
    QList<Check> checks = t->checks;
    const Id moved = checks.at(row).id;
    checks.move(row, target);
    setChecks(checks, tr("Move step"));
    selectCheck(moved);
}

void TestCaseForm::removeStep()
{
    flushEdits();
    const TestCase *t = testCase();
    const int row = m_steps->currentRow();
    if (!t || row < 0 || row >= t->checks.size())
        return;
    QList<Check> checks = t->checks;
    checks.removeAt(row);
    setChecks(checks, tr("Delete step"));
}

// The list widget holds the order the user dropped the steps in.
void TestCaseForm::stepsReordered()
{
    const TestCase *t = testCase();
    if (!t)
        return;
    QList<Check> ordered;
    for (int i = 0; i < m_steps->count(); ++i)
        for (const Check &c : t->checks)
            if (c.id == m_steps->item(i)->data(Qt::UserRole).toString())
                ordered.append(c);
    if (ordered.size() == t->checks.size())
        setChecks(ordered, tr("Move step"));
}

void TestCaseForm::updateStates()
{
    const TestCase *t = testCase();
    const int steps = t ? int(t->checks.size()) : 0;
    const int step = m_steps->currentRow();
    m_steps->setVisible(steps > 0);
    m_stepsEmpty->setVisible(steps == 0);
    m_addStep->setEnabled(t != nullptr);
    m_stepUp->setEnabled(step > 0);
    m_stepDown->setEnabled(step >= 0 && step < steps - 1);
    m_removeStep->setEnabled(step >= 0);
    m_manualHint->setVisible(t && !t->automated && steps > 0);
    m_runStep->setEnabled(m_stepRunning || (t && t->automated && step >= 0));
}

} // namespace flowbench
