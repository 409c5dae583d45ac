#include "testcases/checkforms/assertiontable.h"
#include "checks/checkregistry.h"
#include "testcases/checkforms/expressionsupport.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QTableWidget>

namespace flowbench {

namespace {

bool targetUsed(const AssertionKind *kind)
{
    return kind && kind->target != Operand::None;
}

// What `expected` is for this kind and op (None: not used).
Operand expectedOf(const AssertionKind *kind, const QString &op)
{
    if (!kind)
        return Operand::Value;
    return kind->ops.isEmpty() ? kind->expected : kind->expectedWith(op);
}

bool tryable(const AssertionKind *kind)
{
    return kind && (kind->target == Operand::Jq || kind->target == Operand::JsonPath);
}

QString compactJson(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

} // namespace

AssertionTable::AssertionTable(QWidget *parent)
    : EditableRowTable({ { tr("Kind"), tr("Target"), tr("Op"), tr("Expected"), QString() },
                           tr("No assertions. Add one to say what must hold."), tr("Add assertion"),
                           QStringLiteral("addAssertion"), QStringLiteral("removeAssertion"),
                           QStringLiteral("assertionErrors"), QStringLiteral("emptyState") },
        TargetColumn, 100, 220, parent)
    , m_tryLabel(new QLabel(this))
{
    QTableWidget *grid = table();
    // Target and Expected share what the dock leaves; the combos keep a narrow fixed width,
    // so the docked editor never needs a horizontal scrollbar (at 1366x768 it is ~400 px).
    grid->horizontalHeader()->setSectionResizeMode(ExpectedColumn, QHeaderView::Stretch);
    grid->horizontalHeader()->setMinimumSectionSize(40);
    grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    grid->setColumnWidth(KindColumn, 96);
    grid->setColumnWidth(OpColumn, 64);
    grid->setColumnWidth(TryColumn, 44);
    m_tryLabel->setObjectName(QStringLiteral("tryResult"));
    m_tryLabel->setWordWrap(true);
    m_tryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tryLabel->hide();
    addBelowErrors(m_tryLabel);
    connect(addButton(), &QPushButton::clicked, this, &AssertionTable::addAssertion);
}

const AssertionKind *AssertionTable::kind(const QString &name) const
{
    for (const AssertionKind &k : m_kinds)
        if (k.name == name)
            return &k;
    return CheckRegistry::instance().assertionKind(name);
}

void AssertionTable::setKinds(const QList<AssertionKind> &kinds)
{
    m_kinds = kinds;
}

void AssertionTable::setAssertions(const QList<Assertion> &assertions)
{
    m_tryLabel->hide();
    replaceRows([&] {
        for (const Assertion &a : assertions)
            insertRow(a);
    });
}

void AssertionTable::insertRow(const Assertion &assertion)
{
    const QScopedValueRollback<bool> quiet(m_loading, true);
    QTableWidget *grid = table();
    const int row = grid->rowCount();
    grid->insertRow(row);

    auto *kindBox = new QComboBox(grid);
    for (const AssertionKind &k : m_kinds)
        kindBox->addItem(k.label, k.name);
    if (kindBox->findData(assertion.kind) < 0) {
        // Keep a kind this type does not offer, visibly.
        const AssertionKind *other = kind(assertion.kind);
        kindBox->addItem(other ? other->label : assertion.kind, assertion.kind);
    }
    kindBox->setCurrentIndex(kindBox->findData(assertion.kind));
    grid->setCellWidget(row, KindColumn, kindBox);

    grid->setItem(row, TargetColumn, new QTableWidgetItem(assertion.target));
    auto *op = new QComboBox(grid);
    op->setProperty("op", assertion.op);
    grid->setCellWidget(row, OpColumn, op);
    grid->setItem(row, ExpectedColumn, new QTableWidgetItem(expectedToText(assertion.expected)));
    auto *tryButton = new QPushButton(tr("Try it"), grid);
    tryButton->setToolTip(tr("Evaluate against the last response of this check"));
    grid->setCellWidget(row, TryColumn, tryButton);

    // Rows move when others are removed: find the row of the sender at the time of the signal.
    auto rowOf = [grid](QWidget *w, int column) {
        for (int r = 0; r < grid->rowCount(); ++r)
            if (grid->cellWidget(r, column) == w)
                return r;
        return -1;
    };
    connect(kindBox, QOverload<int>::of(&QComboBox::activated), this, [this, kindBox, rowOf] {
        const int r = rowOf(kindBox, KindColumn);
        refreshRow(r);
        commitEdit();
    });
    connect(op, QOverload<int>::of(&QComboBox::activated), this, [this, op, rowOf] {
        op->setProperty("op", op->currentData());
        refreshRow(rowOf(op, OpColumn));
        commitEdit();
    });
    connect(tryButton, &QPushButton::clicked, this,
        [this, tryButton, rowOf] { tryRow(rowOf(tryButton, TryColumn)); });
    refreshRow(row);
}

// Offers the ops of the row's kind and greys out the cells that kind does not use.
void AssertionTable::refreshRow(int row)
{
    if (row < 0)
        return;
    const QScopedValueRollback<bool> quiet(m_loading, true);
    QTableWidget *grid = table();
    auto *kindBox = static_cast<QComboBox *>(grid->cellWidget(row, KindColumn));
    auto *opBox = static_cast<QComboBox *>(grid->cellWidget(row, OpColumn));
    const AssertionKind *k = kind(kindBox->currentData().toString());
    const QStringList ops = k ? k->opNames() : QStringList();
    QString op = opBox->property("op").toString();
    opBox->clear();
    if (ops.isEmpty()) {
        opBox->addItem(QStringLiteral("—"), op);
        opBox->setEnabled(false);
    } else {
        if (!ops.contains(op))
            op = ops.first();
        for (const QString &o : ops)
            opBox->addItem(o, o);
        opBox->setCurrentIndex(ops.indexOf(op));
        opBox->setEnabled(true);
    }
    opBox->setProperty("op", op);

    const auto setUsed = [](QTableWidgetItem *item, bool used, const QString &hint) {
        if (!used)
            item->setText(QString()); // an unused value is not kept out of sight
        Qt::ItemFlags flags = item->flags();
        item->setFlags(used ? flags | Qt::ItemIsEditable | Qt::ItemIsEnabled
                            : flags & ~(Qt::ItemIsEditable | Qt::ItemIsEnabled));
        item->setToolTip(used ? hint : QString());
    };
    setUsed(grid->item(row, TargetColumn), targetUsed(k), k ? k->targetHint : QString());
    const QString expectedHint
        = k && !k->description.isEmpty() ? k->description + QStringLiteral("; ") : QString();
    setUsed(grid->item(row, ExpectedColumn), expectedOf(k, op) != Operand::None,
        expectedHint + tr("201 is a number, true a boolean, \"201\" or other text a string"));
    grid->cellWidget(row, TryColumn)->setEnabled(tryable(k));
    grid->cellWidget(row, TryColumn)->setVisible(tryable(k));
}

QList<Assertion> AssertionTable::assertions() const
{
    const QTableWidget *grid = table();
    QList<Assertion> result;
    for (int row = 0; row < grid->rowCount(); ++row) {
        Assertion a;
        a.kind = static_cast<QComboBox *>(grid->cellWidget(row, KindColumn))->currentData().toString();
        a.op = static_cast<QComboBox *>(grid->cellWidget(row, OpColumn))->property("op").toString();
        const AssertionKind *k = kind(a.kind);
        if (targetUsed(k))
            a.target = grid->item(row, TargetColumn)->text().trimmed();
        if (expectedOf(k, a.op) != Operand::None)
            a.expected = expectedFromText(grid->item(row, ExpectedColumn)->text());
        result.append(a);
    }
    return result;
}

void AssertionTable::addAssertion()
{
    Assertion a;
    if (!m_kinds.isEmpty()) {
        const AssertionKind &k = m_kinds.first();
        a.kind = k.name;
        a.op = k.ops.isEmpty() || k.op(k.newOp) ? k.newOp : k.ops.first().name;
        a.expected = k.newExpected;
    }
    insertRow(a);
    const int row = table()->rowCount() - 1;
    table()->setCurrentCell(row, KindColumn);
    table()->cellWidget(row, KindColumn)->setFocus();
    commitEdit();
}

QStringList AssertionTable::rowProblems()
{
    QStringList problems;
    QTableWidget *grid = table();
    const QList<Assertion> list = assertions();
    for (int row = 0; row < list.size(); ++row) {
        const Assertion &a = list.at(row);
        QString error;
        int column = ExpectedColumn;
        const QString expected = a.expected.isString() ? a.expected.toString() : QString();
        const AssertionKind *k = kind(a.kind);
        const Operand target = k ? k->target : Operand::None;
        const Operand wanted = expectedOf(k, a.op);
        if (target == Operand::Jq) {
            column = TargetColumn;
            error = ExpressionSupport::validateJq(a.target);
        } else if (target == Operand::JsonPath) {
            error = ExpressionSupport::validateJsonPath(a.target);
            if (!error.isEmpty())
                column = TargetColumn;
        } else if (target != Operand::None && a.target.isEmpty()) {
            column = TargetColumn;
            // "header name, e.g. Content-Type" -> "the header name is empty"
            error = tr("the %1 is empty").arg(k->targetHint.section(QLatin1Char(','), 0, 0));
        }
        if (error.isEmpty() && wanted == Operand::Regex) {
            const QRegularExpression re(expected);
            if (!re.isValid())
                error = tr("invalid regular expression: %1 (at offset %2)")
                            .arg(re.errorString())
                            .arg(re.patternErrorOffset());
        }
        if (error.isEmpty() && wanted == Operand::Number && !a.expected.isDouble())
            error = tr("expected must be a number");
        if (error.isEmpty() && wanted == Operand::Bool && !a.expected.isBool())
            error = tr("expected must be true or false");
        if (error.isEmpty() && wanted == Operand::Text && expected.isEmpty())
            error = tr("the expected text is empty");
        if (error.isEmpty() && k && k->prepare)
            if (const Status prepared = k->prepare(a.target, a.expected); !prepared)
                error = prepared.error(); // a JSON Schema that cannot be read

        const QScopedValueRollback<bool> quiet(m_loading, true);
        for (int c : { TargetColumn, ExpectedColumn }) {
            QTableWidgetItem *item = grid->item(row, c);
            const bool bad = !error.isEmpty() && c == column;
            item->setForeground(bad ? QBrush(QColor(0xc6, 0x28, 0x28)) : QBrush());
            item->setBackground(bad ? QColor(0xff, 0xeb, 0xee) : QBrush());
            if (bad)
                item->setToolTip(error);
        }
        if (!error.isEmpty())
            problems.append(tr("Assertion %1: %2").arg(row + 1).arg(error));
    }
    return problems;
}

void AssertionTable::setLastEvidence(const QByteArray &body)
{
    m_evidence = body;
    m_hasEvidence = true;
}

void AssertionTable::clearLastEvidence()
{
    m_evidence.clear();
    m_hasEvidence = false;
    m_tryLabel->hide();
}

void AssertionTable::tryRow(int row)
{
    if (row < 0 || row >= table()->rowCount())
        return;
    const Assertion a = assertions().at(row);
    QString text;
    bool failed = true;
    if (!m_hasEvidence) {
        text = tr("No response yet: run this check once, then try again.");
    } else {
        const AssertionKind *k = kind(a.kind);
        const bool jq = k && k->target == Operand::Jq;
        const Result<QJsonValue> value = ExpressionSupport::evaluate(
            jq ? QStringLiteral("jq") : QStringLiteral("path"), a.target, m_evidence);
        failed = !value.ok();
        text = value.ok() ? tr("%1 → %2").arg(a.target, compactJson(*value))
                          : tr("%1: %2").arg(a.target, value.error());
    }
    m_tryLabel->setStyleSheet(failed ? QStringLiteral("color: #c62828;") : QString());
    m_tryLabel->setText(text);
    m_tryLabel->show();
}

QString AssertionTable::tryResultText() const
{
    return !m_tryLabel->isHidden() ? m_tryLabel->text() : QString();
}

} // namespace flowbench
