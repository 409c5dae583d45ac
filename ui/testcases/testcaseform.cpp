#include "testcases/testcaseform.h"

#include "testcases/editorparts.h"
#include "testcases/faultssection.h"
#include "testcases/testcasefields.h"

#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "run/responseparts.h"
#include "run/responseviewer.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/checkforms/checkformfactory.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
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

QString stepText(int index, const Check &c)
{
    return TestCaseForm::tr("%1. %2").arg(index + 1).arg(
        c.name.isEmpty() ? CheckFormFactory::instance().label(c.type) : c.name);
}

} // namespace

TestCaseForm::TestCaseForm(QWidget *parent)
    : QWidget(parent)
    , m_fields(new TestCaseFields(this))
    , m_manualHint(
          new QLabel(tr("Manual test case: its steps are not run until it is marked automated."), this))
    , m_formPages(new QStackedWidget(this))
    , m_runStep(new QPushButton(tr("Run Step"), this))
    , m_runStepState(new QLabel(this))
    , m_response(new ResponseViewer(this))
{
    m_manualHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_manualHint->setWordWrap(true);
    // Our own command is running while a field's edit is pushed (m_committing).
    connect(m_fields, &TestCaseFields::commandReady, this, &TestCaseForm::push);

    StepSection &steps = m_sections[0];
    steps.field = &TestCase::checks;
    steps.noun = tr("step");
    steps.empty = emptyStateLabel(
        tr("No steps yet. Add a step: an HTTP request, a SQL query, a Redis command or log lines."), this);
    steps.add = textToolButton(tr("Add step"), tr("Add a check step of a type"), this);
    StepSection &cleanup = m_sections[1];
    cleanup.field = &TestCase::cleanup;
    cleanup.noun = tr("cleanup step");
    cleanup.empty = emptyStateLabel(tr("No cleanup. Cleanup steps run after the steps whatever they did "
                                       "(pass, fail, error, cancel), e.g. DELETE what step 1 created."),
        this);
    cleanup.add = textToolButton(tr("Add cleanup"), tr("Add a cleanup step of a type"), this);
    QWidget *stepsList = buildSection(steps, QStringLiteral(""));
    QWidget *cleanupList = buildSection(cleanup, QStringLiteral("cleanup"));
    auto *cleanupPane = new QWidget(this);
    auto *cleanupLayout = new QVBoxLayout(cleanupPane);
    cleanupLayout->setContentsMargins(0, 0, 0, 0);
    cleanupLayout->setSpacing(2);
    auto *cleanupTitle
        = new QLabel(tr("<b>Cleanup</b> (always runs after the steps, with their captures)"), this);
    cleanupTitle->setObjectName(QStringLiteral("cleanupTitle"));
    cleanupLayout->addWidget(cleanupTitle);
    cleanupLayout->addWidget(cleanupList, 1);
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
    stepsSplitter->addWidget(cleanupPane);
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
    stepsSplitter->setStretchFactor(2, 1);
    stepsSplitter->setSizes({ 120, 90, 390, 200 });
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
    layout->addWidget(m_fields);
    layout->addWidget(m_manualHint);
    // Faults sit above the steps: they hold for all of them.
    m_faults = new FaultsSection(this);
    m_fields->addRow(tr("Fa&ults:"), m_faults);
    connect(m_faults, &FaultsSection::faultsEdited, this,
        [this](const QList<CaseFault> &faults, const QString &what) {
            change(&TestCase::faults, faults, what);
        });
    layout->addWidget(stepsBox, 1);

    updateStates();
}

// The list with its Add menu, ↑ ↓ Delete buttons, keys (Delete, Alt+Up, Alt+Down) and
// drag to reorder: built once for the steps and once for the cleanup steps.
QWidget *TestCaseForm::buildSection(StepSection &section, const QString &objectPrefix)
{
    const int index = &section == &m_sections[0] ? 0 : 1;
    auto name = [&](const char *base) {
        const QString b = QString::fromLatin1(base);
        return objectPrefix.isEmpty() ? b : objectPrefix + b.left(1).toUpper() + b.mid(1);
    };
    section.list = new QListWidget(this);
    section.up = textToolButton(tr("↑"), tr("Move %1 up (Alt+Up)").arg(section.noun), this);
    section.down = textToolButton(tr("↓"), tr("Move %1 down (Alt+Down)").arg(section.noun), this);
    section.remove = textToolButton(tr("Delete"), tr("Delete the %1").arg(section.noun), this);
    section.list->setObjectName(index == 0 ? QStringLiteral("steps") : QStringLiteral("cleanupSteps"));
    section.add->setObjectName(index == 0 ? QStringLiteral("addStep") : QStringLiteral("addCleanupStep"));
    section.up->setObjectName(name("stepUp"));
    section.down->setObjectName(name("stepDown"));
    section.remove->setObjectName(name("removeStep"));
    section.list->setDragDropMode(QAbstractItemView::InternalMove);
    section.list->setDefaultDropAction(Qt::MoveAction);
    section.add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(section.add);
    for (const QString &type : CheckFormFactory::instance().types())
        menu->addAction(
            CheckFormFactory::instance().label(type), this, [this, index, type] { addStepTo(index, type); });
    section.add->setMenu(menu);
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(section.list, 1);
    layout->addWidget(section.empty, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(section.add);
    buttons->addStretch();
    buttons->addWidget(section.up);
    buttons->addWidget(section.down);
    buttons->addWidget(section.remove);
    layout->addLayout(buttons);

    auto shortcut = [this, &section](const QKeySequence &keys, std::function<void()> act) {
        auto *s = new QShortcut(keys, section.list);
        s->setContext(Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, act);
    };
    shortcut(QKeySequence::Delete, [this] { removeStep(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveStep(-1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveStep(1); });
    connect(section.list, &QListWidget::currentRowChanged, this, [this, index](int row) {
        if (m_refreshing)
            return;
        if (row >= 0)
            activate(index);
        if (index == m_active)
            showStep();
    });
    // A drag in the list: the new order is committed once the drop is over.
    connect(section.list->model(), &QAbstractItemModel::rowsMoved, this, [this, index] {
        if (!m_refreshing)
            QMetaObject::invokeMethod(
                this, [this, index] { stepsReordered(index); }, Qt::QueuedConnection);
    });
    connect(section.up, &QToolButton::clicked, this, [this, index] {
        activate(index);
        moveStep(-1);
    });
    connect(section.down, &QToolButton::clicked, this, [this, index] {
        activate(index);
        moveStep(1);
    });
    connect(section.remove, &QToolButton::clicked, this, [this, index] {
        activate(index);
        removeStep();
    });
    return box;
}

// The form shows the current step of one list at a time: the other's selection goes.
void TestCaseForm::activate(int section)
{
    if (section == m_active)
        return;
    m_active = section;
    QListWidget *other = m_sections[1 - section].list;
    const QSignalBlocker quiet(other);
    other->setCurrentRow(-1);
    other->clearSelection();
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
    m_fields->clearTitleError();
    for (StepSection &section : m_sections) {
        const QSignalBlocker quiet(section.list);
        section.list->clear(); // a new test case starts at its first step
    }
    m_active = 0;
    refresh();
}

void TestCaseForm::refresh()
{
    const TestCase *t = testCase();
    m_fields->show(m_document, m_id);
    m_faults->show(m_document, t ? t->nodeId : Id(), t ? t->faults : QList<CaseFault>());
    refreshSteps(t ? *t : TestCase());
}

// The lists follow the stored checks; the selected step stays selected by id.
void TestCaseForm::refreshSteps(const TestCase &t)
{
    m_refreshing = true;
    for (StepSection &section : m_sections)
        refreshSection(section, t.*section.field);
    m_refreshing = false;
    showStep();
}

void TestCaseForm::refreshSection(StepSection &section, const QList<Check> &checks)
{
    QListWidget *list = section.list;
    const bool isActive = &section == &active();
    const QListWidgetItem *current = list->currentItem();
    const Id keep = current ? current->data(Qt::UserRole).toString() : Id();
    const int oldRow = list->currentRow();
    bool sameIds = list->count() == checks.size();
    for (int i = 0; sameIds && i < checks.size(); ++i)
        sameIds = list->item(i)->data(Qt::UserRole).toString() == checks.at(i).id;
    if (!sameIds) {
        list->clear();
        for (const Check &c : checks) {
            auto *item = new QListWidgetItem(list);
            item->setData(Qt::UserRole, c.id);
        }
        int row = -1;
        for (int i = 0; i < checks.size(); ++i)
            if (checks.at(i).id == keep)
                row = i;
        // Only the list the form shows keeps a current step when its own went away.
        if (row < 0 && !checks.isEmpty() && isActive)
            row = std::clamp(oldRow, 0, int(checks.size()) - 1);
        list->setCurrentRow(row);
    }
    for (int i = 0; i < checks.size(); ++i) {
        QListWidgetItem *item = list->item(i);
        const QString text = stepText(i, checks.at(i));
        if (item->text() != text)
            item->setText(text);
        item->setToolTip(CheckFormFactory::instance().label(checks.at(i).type));
    }
}

void TestCaseForm::showStep()
{
    const TestCase *t = testCase();
    const int row = active().list->currentRow();
    const QList<Check> *checks = t ? &(t->*active().field) : nullptr;
    if (!t || row < 0 || row >= checks->size()) {
        m_formPages->setCurrentIndex(0);
        updateStates();
        emit currentCheckChanged(Id());
        return;
    }
    const Check &check = checks->at(row);
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
        for (const Check &c : t->checks + t->cleanup)
            if (c.id == result.checkId)
                type = c.type;
    if (type.isEmpty() && m_document)
        for (const TestCase &t : m_document->testCases())
            for (const Check &c : t.checks + t.cleanup)
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
        for (const Check &c : t->checks + t->cleanup)
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
    const QListWidgetItem *item = active().list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : Id();
}

void TestCaseForm::selectCheck(const Id &checkId)
{
    flushEdits();
    for (int section = 0; section < 2; ++section) {
        QListWidget *list = m_sections[section].list;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString() == checkId) {
                activate(section);
                list->setCurrentRow(i);
            }
    }
}

CheckForm *TestCaseForm::currentForm() const
{
    return currentCheckId().isEmpty() ? nullptr : qobject_cast<CheckForm *>(m_formPages->currentWidget());
}

void TestCaseForm::focusTitle()
{
    m_fields->focusTitle();
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
    push(new ChangeValue<TestCase, Value>(m_document, m_id, field, value, undoText(what)));
}

void TestCaseForm::push(QUndoCommand *command)
{
    m_committing = true;
    m_document->undoStack()->push(command);
    m_committing = false;
}

void TestCaseForm::setChecks(const StepSection &section, const QList<Check> &checks, const QString &what)
{
    change(section.field, checks, what);
}

void TestCaseForm::commitStep(CheckForm *form)
{
    const TestCase *t = testCase();
    if (!t || !form)
        return;
    const Check edited = form->check();
    for (const StepSection &section : m_sections) {
        QList<Check> checks = t->*section.field;
        bool found = false;
        for (Check &c : checks)
            if (c.id == edited.id) {
                c = edited;
                found = true;
            }
        if (found)
            setChecks(section, checks, tr("Edit %1").arg(section.noun));
    }
}

void TestCaseForm::flushEdits()
{
    if (m_refreshing || !testCase())
        return;
    m_fields->flush();
    if (CheckForm *form = currentForm())
        commitStep(form);
}

void TestCaseForm::addStep(const QString &type)
{
    addStepTo(0, type);
}

void TestCaseForm::addCleanupStep(const QString &type)
{
    addStepTo(1, type);
}

void TestCaseForm::addStepTo(int index, const QString &type)
{
    flushEdits();
    const TestCase *t = testCase();
    if (!t)
        return;
    const StepSection &section = m_sections[index];
    const Check step = CheckFormFactory::instance().newCheck(type);
    setChecks(section, t->*section.field + QList<Check> { step }, tr("Add %1").arg(section.noun));
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
    const StepSection &section = active();
    const int row = section.list->currentRow();
    const int target = row + delta;
    if (!t)
        return;
    QList<Check> checks = t->*section.field;
    if (row < 0 || row >= checks.size() || target < 0 || target >= checks.size())
        return;
    const Id moved = checks.at(row).id;
    checks.move(row, target);
    setChecks(section, checks, tr("Move %1").arg(section.noun));
    selectCheck(moved);
}

void TestCaseForm::removeStep()
{
    flushEdits();
    const TestCase *t = testCase();
    const StepSection &section = active();
    const int row = section.list->currentRow();
    if (!t)
        return;
    QList<Check> checks = t->*section.field;
    if (row < 0 || row >= checks.size())
        return;
    checks.removeAt(row);
    setChecks(section, checks, tr("Delete %1").arg(section.noun));
}

// The list widget holds the order the user dropped the steps in.
void TestCaseForm::stepsReordered(int index)
{
    const TestCase *t = testCase();
    if (!t)
        return;
    const StepSection &section = m_sections[index];
    const QList<Check> &checks = t->*section.field;
    QList<Check> ordered;
    for (int i = 0; i < section.list->count(); ++i)
        for (const Check &c : checks)
            if (c.id == section.list->item(i)->data(Qt::UserRole).toString())
                ordered.append(c);
    if (ordered.size() == checks.size())
        setChecks(section, ordered, tr("Move %1").arg(section.noun));
}

void TestCaseForm::updateStates()
{
    const TestCase *t = testCase();
    for (const StepSection &section : m_sections) {
        const int count = t ? int((t->*section.field).size()) : 0;
        const int row = section.list->currentRow();
        section.list->setVisible(count > 0);
        section.empty->setVisible(count == 0);
        section.add->setEnabled(t != nullptr);
        section.up->setEnabled(row > 0);
        section.down->setEnabled(row >= 0 && row < count - 1);
        section.remove->setEnabled(row >= 0);
    }
    const int steps = t ? int(t->checks.size()) : 0;
    const int step = active().list->currentRow();
    m_manualHint->setVisible(t && !t->automated && steps > 0);
    m_runStep->setEnabled(m_stepRunning || (t && t->automated && step >= 0));
}

} // namespace flowbench
