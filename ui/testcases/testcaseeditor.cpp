#include "testcases/testcaseeditor.h"
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

namespace flowbench {

namespace {

enum Page { EmptyPage, ContentPage };

QLabel *emptyState(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid); padding: 12px;"));
    return label;
}

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(false);
    return b;
}

QStringList parseTags(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

// New ids for a copy, so the duplicate's results never mix with the original's.
TestCase duplicated(const TestCase &source)
{
    TestCase copy = source;
    copy.id = newId();
    copy.revision = 0;
    for (Check &c : copy.checks)
        c.id = newId();
    return copy;
}

} // namespace

TestCaseEditor::TestCaseEditor(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_list(new QListWidget(this))
    , m_listEmpty(emptyState(tr("No test cases on this node yet.\nAdd one to say how it is verified."), this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate"), this))
    , m_remove(new QPushButton(tr("De&lete"), this))
    , m_up(toolButton(tr("↑"), tr("Move up (Alt+Up)"), this))
    , m_down(toolButton(tr("↓"), tr("Move down (Alt+Down)"), this))
    , m_detailPages(new QStackedWidget(this))
    , m_title(new QLineEdit(this))
    , m_titleError(new QLabel(this))
    , m_priority(new QComboBox(this))
    , m_tags(new QLineEdit(this))
    , m_flow(new QComboBox(this))
    , m_automated(new QCheckBox(tr("A&utomated"), this))
    , m_manualHint(
          new QLabel(tr("Manual test case: its steps are not run until it is marked automated."), this))
    , m_description(new CommittingTextEdit(this))
    , m_steps(new QListWidget(this))
    , m_stepsEmpty(emptyState(
          tr("No steps yet. Add a step: an HTTP request, a SQL query, a Redis command or log lines."), this))
    , m_addStep(toolButton(tr("Add step"), tr("Add a check step of a type"), this))
    , m_stepUp(toolButton(tr("↑"), tr("Move step up"), this))
    , m_stepDown(toolButton(tr("↓"), tr("Move step down"), this))
    , m_removeStep(toolButton(tr("Delete"), tr("Delete the step"), this))
    , m_formPages(new QStackedWidget(this))
{
    m_list->setObjectName(QStringLiteral("testCaseList"));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_add->setObjectName(QStringLiteral("addTestCase"));
    m_duplicate->setObjectName(QStringLiteral("duplicateTestCase"));
    m_remove->setObjectName(QStringLiteral("removeTestCase"));

    // Left: the node's test cases.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listTitle = new QLabel(tr("<b>Test cases</b>"), left);
    leftLayout->addWidget(listTitle);
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
    m_title->setObjectName(QStringLiteral("title"));
    m_titleError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_titleError->hide();
    const std::pair<Priority, QString> priorities[]
        = { { Priority::Low, tr("Low") }, { Priority::Medium, tr("Medium") }, { Priority::High, tr("High") },
              { Priority::Critical, tr("Critical") } };
    for (const auto &p : priorities)
        m_priority->addItem(p.second, static_cast<int>(p.first));
    m_priority->setObjectName(QStringLiteral("priority"));
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
    form->addRow(tr("&Flow:"), m_flow);
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
    auto *stepsLeft = new QWidget(this);
    auto *stepsLeftLayout = new QVBoxLayout(stepsLeft);
    stepsLeftLayout->setContentsMargins(0, 0, 0, 0);
    stepsLeftLayout->addWidget(m_steps, 1);
    stepsLeftLayout->addWidget(m_stepsEmpty, 1);
    auto *stepButtons = new QHBoxLayout;
    stepButtons->addWidget(m_addStep);
    stepButtons->addStretch();
    stepButtons->addWidget(m_stepUp);
    stepButtons->addWidget(m_stepDown);
    stepButtons->addWidget(m_removeStep);
    stepsLeftLayout->addLayout(stepButtons);
    m_formPages->addWidget(emptyState(tr("Select a step to edit its check."), this));
    auto *formScroll = new QScrollArea(this);
    formScroll->setWidgetResizable(true);
    formScroll->setWidget(m_formPages);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Steps above their form: the editor usually lives in a narrow side dock, where a
    // list beside the form would leave the form no room.
    auto *stepsBox = new QGroupBox(tr("Steps (run in order)"), this);
    auto *stepsSplitter = new QSplitter(Qt::Vertical, stepsBox);
    stepsSplitter->setChildrenCollapsible(false);
    stepsSplitter->addWidget(stepsLeft);
    stepsSplitter->addWidget(formScroll);
    stepsSplitter->setStretchFactor(1, 1);
    stepsSplitter->setSizes({ 130, 470 });
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->addWidget(stepsSplitter);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addLayout(form);
    detailsLayout->addWidget(m_manualHint);
    detailsLayout->addWidget(stepsBox, 1);
    m_detailPages->addWidget(emptyState(tr("Select a test case, or add one."), this));
    m_detailPages->addWidget(details);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_detailPages);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 170, 830 });
    m_pages->addWidget(emptyState(tr("Select a node on the map to see and edit its test cases."), this));
    m_pages->addWidget(splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);

    connect(m_add, &QPushButton::clicked, this, &TestCaseEditor::addTestCase);
    connect(m_duplicate, &QPushButton::clicked, this, &TestCaseEditor::duplicateTestCase);
    connect(m_remove, &QPushButton::clicked, this, &TestCaseEditor::removeTestCase);
    connect(m_up, &QToolButton::clicked, this, [this] { moveTestCase(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveTestCase(1); });
    auto shortcut = [this](QWidget *on, const QKeySequence &keys, std::function<void()> f) {
        auto *s = new QShortcut(keys, on);
        s->setContext(Qt::WidgetShortcut);
        connect(s, &QShortcut::activated, this, f);
    };
    shortcut(m_list, QKeySequence::Delete, [this] { removeTestCase(); });
    shortcut(m_list, QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveTestCase(-1); });
    shortcut(m_list, QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveTestCase(1); });
    shortcut(m_steps, QKeySequence::Delete, [this] { removeStep(); });
    shortcut(m_steps, QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveStep(-1); });
    shortcut(m_steps, QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveStep(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_loading)
            showCurrentTestCase();
    });
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_loading)
            listReordered();
    });
    connect(m_title, &QLineEdit::editingFinished, this, &TestCaseEditor::commitDetails);
    connect(m_tags, &QLineEdit::editingFinished, this, &TestCaseEditor::commitDetails);
    connect(m_priority, QOverload<int>::of(&QComboBox::activated), this, &TestCaseEditor::commitDetails);
    connect(m_flow, QOverload<int>::of(&QComboBox::activated), this, &TestCaseEditor::commitDetails);
    connect(m_automated, &QCheckBox::toggled, this, &TestCaseEditor::commitDetails);
    connect(m_description, &CommittingTextEdit::editingFinished, this, &TestCaseEditor::commitDetails);
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading)
            showStep(row);
    });
    connect(m_steps->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (m_loading || currentIndex() < 0)
            return;
        TestCase after = m_cases.at(currentIndex());
        QList<Check> ordered;
        for (int i = 0; i < m_steps->count(); ++i)
            for (const Check &c : after.checks)
                if (c.id == m_steps->item(i)->data(Qt::UserRole).toString())
                    ordered.append(c);
        after.checks = ordered;
        commit(after);
    });
    connect(m_stepUp, &QToolButton::clicked, this, [this] { moveStep(-1); });
    connect(m_stepDown, &QToolButton::clicked, this, [this] { moveStep(1); });
    connect(m_removeStep, &QToolButton::clicked, this, &TestCaseEditor::removeStep);

    updateStates();
}

// Closing the window moves focus, and a focused field then reports editingFinished:
// that must not reach this half-destroyed object.
TestCaseEditor::~TestCaseEditor()
{
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
}

void TestCaseEditor::setTestCases(const Id &nodeId, const QList<TestCase> &testCases, const Project &project)
{
    const bool sameNode = nodeId == m_nodeId;
    const Id keepCase = sameNode ? currentTestCaseId() : Id();
    const Id keepCheck = sameNode ? currentCheckId() : Id();
    TestCase shown;
    if (currentIndex() >= 0)
        shown = m_cases.at(currentIndex());

    m_nodeId = nodeId;
    m_cases = testCases;
    std::stable_sort(m_cases.begin(), m_cases.end(),
        [](const TestCase &a, const TestCase &b) { return a.position < b.position; });
    m_flows = project.flows;
    m_environments = project.environments;
    updateConnections();

    m_loading = true;
    m_flow->clear();
    m_flow->addItem(tr("(no flow)"), QString());
    for (const Flow &f : m_flows)
        m_flow->addItem(f.name, f.id);
    rebuildList();
    int row = 0;
    for (int i = 0; i < m_cases.size(); ++i)
        if (m_cases.at(i).id == keepCase)
            row = i;
    m_list->setCurrentRow(m_cases.isEmpty() ? -1 : row);
    m_loading = false;

    // Reload the fields only when the stored test case differs from what is on screen,
    // so that the echo of one's own edit does not move the cursor or the step selection.
    const int index = currentIndex();
    if (index < 0 || m_cases.at(index) != shown || m_cases.at(index).id != keepCase) {
        showCurrentTestCase();
        if (!keepCheck.isEmpty())
            selectCheck(keepCheck);
    }
    updateStates();
}

void TestCaseEditor::setEnvironment(const QString &name)
{
    m_environment = name;
    updateConnections();
}

void TestCaseEditor::updateConnections()
{
    QList<Connection> connections;
    for (const Environment &e : m_environments)
        if (m_environment.isEmpty() || e.name == m_environment)
            connections += e.connections;
    for (CheckForm *form : std::as_const(m_forms))
        form->setConnections(connections);
}

void TestCaseEditor::setLastEvidence(const Id &checkId, const QByteArray &body)
{
    m_evidence.insert(checkId, body);
    if (CheckForm *form = currentForm(); form && form->checkId() == checkId)
        form->setLastEvidence(body);
}

int TestCaseEditor::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_cases.size() ? row : -1;
}

Id TestCaseEditor::currentTestCaseId() const
{
    const int index = currentIndex();
    return index < 0 ? Id() : m_cases.at(index).id;
}

Id TestCaseEditor::currentCheckId() const
{
    const int index = currentIndex();
    const int step = m_steps->currentRow();
    if (index < 0 || step < 0 || step >= m_cases.at(index).checks.size())
        return Id();
    return m_cases.at(index).checks.at(step).id;
}

CheckForm *TestCaseEditor::currentForm() const
{
    return currentCheckId().isEmpty() ? nullptr : qobject_cast<CheckForm *>(m_formPages->currentWidget());
}

void TestCaseEditor::selectTestCase(const Id &id)
{
    flushEdits();
    for (int i = 0; i < m_cases.size(); ++i)
        if (m_cases.at(i).id == id)
            m_list->setCurrentRow(i);
}

void TestCaseEditor::selectCheck(const Id &checkId)
{
    flushEdits();
    const int index = currentIndex();
    if (index < 0)
        return;
    const QList<Check> &checks = m_cases.at(index).checks;
    for (int i = 0; i < checks.size(); ++i)
        if (checks.at(i).id == checkId)
            m_steps->setCurrentRow(i);
}

void TestCaseEditor::rebuildList()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_list->clear();
    for (int i = 0; i < m_cases.size(); ++i) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, m_cases.at(i).id);
        refreshListItem(i);
    }
    m_loading = wasLoading;
}

void TestCaseEditor::refreshListItem(int index)
{
    QListWidgetItem *item = m_list->item(index);
    if (!item)
        return;
    const TestCase &t = m_cases.at(index);
    const QString kind
        = t.automated ? tr("automated, %n step(s)", nullptr, int(t.checks.size())) : tr("manual");
    item->setText(t.title.isEmpty() ? tr("(untitled)") : t.title);
    item->setToolTip(tr("%1 priority, %2").arg(toString(t.priority), kind));
    QFont font = item->font();
    font.setBold(t.priority == Priority::Critical || t.priority == Priority::High);
    item->setFont(font);
}

void TestCaseEditor::showCurrentTestCase()
{
    const int index = currentIndex();
    m_loading = true;
    if (index >= 0) {
        const TestCase &t = m_cases.at(index);
        m_title->setText(t.title);
        m_titleError->hide();
        m_priority->setCurrentIndex(m_priority->findData(static_cast<int>(t.priority)));
        m_tags->setText(t.tags.join(QStringLiteral(", ")));
        const int flow = m_flow->findData(t.flowId);
        if (flow < 0 && !t.flowId.isEmpty())
            m_flow->addItem(tr("(deleted flow)"), t.flowId);
        m_flow->setCurrentIndex(std::max(0, m_flow->findData(t.flowId)));
        m_automated->setChecked(t.automated);
        m_description->setTextQuietly(t.description);
    }
    m_loading = false;
    rebuildSteps();
    updateStates();
}

void TestCaseEditor::rebuildSteps()
{
    const int index = currentIndex();
    m_loading = true;
    const int oldRow = m_steps->currentRow();
    m_steps->clear();
    if (index >= 0) {
        const QList<Check> &checks = m_cases.at(index).checks;
        for (int i = 0; i < checks.size(); ++i) {
            const Check &c = checks.at(i);
            auto *item = new QListWidgetItem(
                tr("%1. %2").arg(i + 1).arg(
                    c.name.isEmpty() ? CheckFormFactory::instance().label(c.type) : c.name),
                m_steps);
            item->setData(Qt::UserRole, c.id);
            item->setToolTip(CheckFormFactory::instance().label(c.type));
        }
        m_steps->setCurrentRow(checks.isEmpty() ? -1 : std::clamp(oldRow, 0, int(checks.size()) - 1));
    }
    m_loading = false;
    showStep(m_steps->currentRow());
}

void TestCaseEditor::showStep(int stepIndex)
{
    const int index = currentIndex();
    if (index < 0 || stepIndex < 0 || stepIndex >= m_cases.at(index).checks.size()) {
        m_formPages->setCurrentIndex(0);
        updateStates();
        emit currentCheckChanged(Id());
        return;
    }
    const Check &check = m_cases.at(index).checks.at(stepIndex);
    CheckForm *form = m_forms.value(check.type);
    if (!form) {
        form = CheckFormFactory::instance().create(check.type, m_formPages);
        if (!form) {
            m_formPages->setCurrentIndex(0);
            return;
        }
        m_forms.insert(check.type, form);
        m_formPages->addWidget(form);
        connect(form, &CheckForm::checkEdited, this, &TestCaseEditor::commitStep);
        updateConnections();
    }
    form->setCheck(check);
    if (m_evidence.contains(check.id))
        form->setLastEvidence(m_evidence.value(check.id));
    m_formPages->setCurrentWidget(form);
    updateStates();
    emit currentCheckChanged(check.id);
}

void TestCaseEditor::commit(const TestCase &after)
{
    const int index = currentIndex();
    if (index < 0 || m_cases.at(index) == after)
        return;
    const TestCase before = m_cases.at(index);
    m_cases[index] = after; // before emitting: the owner may call setTestCases() re-entrantly
    refreshListItem(index);
    updateStates();
    emit testCaseChanged(before, after);
}

void TestCaseEditor::commitDetails()
{
    const int index = currentIndex();
    if (m_loading || index < 0)
        return;
    if (m_title->text().trimmed().isEmpty()) {
        m_titleError->setText(tr("A test case needs a title."));
        m_titleError->show();
        return;
    }
    m_titleError->hide();
    TestCase after = m_cases.at(index);
    after.title = m_title->text().trimmed();
    after.priority = static_cast<Priority>(m_priority->currentData().toInt());
    after.tags = parseTags(m_tags->text());
    after.flowId = m_flow->currentData().toString();
    after.automated = m_automated->isChecked();
    after.description = m_description->toPlainText();
    commit(after);
}

void TestCaseEditor::commitStep()
{
    if (auto *form = qobject_cast<CheckForm *>(sender()))
        applyForm(form);
}

void TestCaseEditor::applyForm(CheckForm *form)
{
    const int index = currentIndex();
    if (!form || index < 0)
        return;
    TestCase after = m_cases.at(index);
    const Check edited = form->check();
    for (int i = 0; i < after.checks.size(); ++i) {
        if (after.checks.at(i).id == edited.id) {
            after.checks[i] = edited;
            if (QListWidgetItem *item = m_steps->item(i))
                item->setText(tr("%1. %2").arg(i + 1).arg(
                    edited.name.isEmpty() ? CheckFormFactory::instance().label(edited.type) : edited.name));
        }
    }
    commit(after);
}

// A field still being typed in (focus not yet left) is committed before the editor shows
// something else, e.g. after a click on a button that does not take focus.
void TestCaseEditor::flushEdits()
{
    if (m_loading || currentIndex() < 0)
        return;
    if (!m_title->text().trimmed().isEmpty())
        commitDetails(); // a no-op when nothing changed
    if (CheckForm *form = currentForm())
        applyForm(form);
}

void TestCaseEditor::addTestCase()
{
    flushEdits();
    if (m_nodeId.isEmpty())
        return;
    TestCase t;
    t.id = newId();
    t.nodeId = m_nodeId;
    t.title = tr("New test case");
    t.position = m_cases.isEmpty() ? 0 : m_cases.last().position + 1;
    m_cases.append(t);
    rebuildList();
    m_list->setCurrentRow(m_cases.size() - 1);
    emit testCaseAdded(t);
    m_title->setFocus();
    m_title->selectAll();
}

void TestCaseEditor::duplicateTestCase()
{
    flushEdits();
    const int index = currentIndex();
    if (index < 0)
        return;
    TestCase copy = duplicated(m_cases.at(index));
    copy.title = tr("%1 (copy)").arg(copy.title);
    copy.position = m_cases.last().position + 1;
    m_cases.append(copy);
    rebuildList();
    m_list->setCurrentRow(m_cases.size() - 1);
    emit testCaseAdded(copy);
}

void TestCaseEditor::removeTestCase()
{
    const int index = currentIndex();
    if (index < 0)
        return;
    const Id id = m_cases.takeAt(index).id;
    rebuildList();
    m_list->setCurrentRow(std::min(index, int(m_cases.size()) - 1));
    showCurrentTestCase();
    emit testCaseRemoved(id);
}

void TestCaseEditor::moveTestCase(int delta)
{
    flushEdits();
    const int index = currentIndex();
    const int target = index + delta;
    if (index < 0 || target < 0 || target >= m_cases.size())
        return;
    m_loading = true;
    QListWidgetItem *item = m_list->takeItem(index);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    m_loading = false;
    listReordered();
}

// The list widget holds the new order; positions follow it.
void TestCaseEditor::listReordered()
{
    QList<TestCase> ordered;
    QList<Id> ids;
    for (int i = 0; i < m_list->count(); ++i) {
        const Id id = m_list->item(i)->data(Qt::UserRole).toString();
        for (const TestCase &t : std::as_const(m_cases))
            if (t.id == id)
                ordered.append(t);
        ids.append(id);
    }
    for (int i = 0; i < ordered.size(); ++i)
        ordered[i].position = i;
    m_cases = ordered;
    updateStates();
    emit testCasesReordered(ids);
}

void TestCaseEditor::addStep(const QString &type)
{
    flushEdits();
    const int index = currentIndex();
    if (index < 0)
        return;
    TestCase after = m_cases.at(index);
    after.checks.append(CheckFormFactory::instance().newCheck(type));
    commit(after);
    rebuildSteps();
    m_steps->setCurrentRow(after.checks.size() - 1);
    if (CheckForm *form = currentForm())
        form->setFocus();
}

void TestCaseEditor::moveStep(int delta)
{
    flushEdits();
    const int index = currentIndex();
    const int step = m_steps->currentRow();
    if (index < 0 || step < 0)
        return;
    TestCase after = m_cases.at(index);
    const int target = step + delta;
    if (target < 0 || target >= after.checks.size())
        return;
    after.checks.move(step, target);
    commit(after);
    m_loading = true;
    m_steps->setCurrentRow(target);
    m_loading = false;
    rebuildSteps();
}

void TestCaseEditor::removeStep()
{
    flushEdits();
    const int index = currentIndex();
    const int step = m_steps->currentRow();
    if (index < 0 || step < 0)
        return;
    TestCase after = m_cases.at(index);
    after.checks.removeAt(step);
    commit(after);
    rebuildSteps();
}

void TestCaseEditor::updateStates()
{
    const int index = currentIndex();
    m_pages->setCurrentIndex(m_nodeId.isEmpty() ? EmptyPage : ContentPage);
    m_list->setVisible(!m_cases.isEmpty());
    m_listEmpty->setVisible(m_cases.isEmpty());
    m_detailPages->setCurrentIndex(index < 0 ? EmptyPage : ContentPage);
    m_duplicate->setEnabled(index >= 0);
    m_remove->setEnabled(index >= 0);
    m_up->setEnabled(index > 0);
    m_down->setEnabled(index >= 0 && index < m_cases.size() - 1);
    const int steps = index < 0 ? 0 : m_cases.at(index).checks.size();
    const int step = m_steps->currentRow();
    m_steps->setVisible(steps > 0);
    m_stepsEmpty->setVisible(steps == 0);
    m_stepUp->setEnabled(step > 0);
    m_stepDown->setEnabled(step >= 0 && step < steps - 1);
    m_removeStep->setEnabled(step >= 0);
    m_manualHint->setVisible(index >= 0 && !m_cases.at(index).automated && steps > 0);
}

} // namespace flowbench
