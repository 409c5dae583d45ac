#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/expressionsupport.h"

#include <QComboBox>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QTableWidget>

namespace flowbench {

namespace {

bool targetUsed(const QString &kind)
{
    return kind == QLatin1String("header") || kind == QLatin1String("json_path")
        || kind == QLatin1String("jq");
}

bool expectedUsed(const QString &kind, const QString &op)
{
    return kind != QLatin1String("jq") && op != QLatin1String("exists") && op != QLatin1String("not_exists");
}

bool tryable(const QString &kind)
{
    return kind == QLatin1String("jq") || kind == QLatin1String("json_path");
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
    grid->setColumnWidth(ExpectedColumn, 90);
    grid->setColumnWidth(KindColumn, 112);
    grid->setColumnWidth(OpColumn, 82);
    grid->setColumnWidth(TryColumn, 58);
    m_tryLabel->setObjectName(QStringLiteral("tryResult"));
    m_tryLabel->setWordWrap(true);
    m_tryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tryLabel->hide();
    addBelowErrors(m_tryLabel);
    connect(addButton(), &QPushButton::clicked, this, &AssertionTable::addAssertion);
}

QStringList AssertionTable::opsFor(const QString &kind)
{
    const QStringList compare { QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<"),
        QStringLiteral("<="), QStringLiteral(">"), QStringLiteral(">=") };
    if (kind == QLatin1String("status") || kind == QLatin1String("row_count")
        || kind == QLatin1String("count"))
        return compare;
    if (kind == QLatin1String("header"))
        return { QStringLiteral("=="), QStringLiteral("contains"), QStringLiteral("matches"),
            QStringLiteral("exists"), QStringLiteral("not_exists") };
    if (kind == QLatin1String("latency_ms"))
        return { QStringLiteral("<"), QStringLiteral("<=") };
    if (kind == QLatin1String("json_path"))
        return compare
            + QStringList { QStringLiteral("exists"), QStringLiteral("not_exists"),
                  QStringLiteral("contains"), QStringLiteral("matches"), QStringLiteral("length") };
    return {}; // body_contains, body_regex, jq: no operator
}

QString AssertionTable::kindLabel(const QString &kind)
{
    static const QHash<QString, const char *> labels {
        { QStringLiteral("status"), QT_TR_NOOP("status") },
        { QStringLiteral("header"), QT_TR_NOOP("header") },
        { QStringLiteral("body_contains"), QT_TR_NOOP("body contains") },
        { QStringLiteral("body_regex"), QT_TR_NOOP("body regex") },
        { QStringLiteral("latency_ms"), QT_TR_NOOP("latency (ms)") },
        { QStringLiteral("json_path"), QT_TR_NOOP("JSON path") },
        { QStringLiteral("jq"), QT_TR_NOOP("jq") },
        { QStringLiteral("row_count"), QT_TR_NOOP("row count") },
        { QStringLiteral("count"), QT_TR_NOOP("line count") },
    };
    const auto it = labels.constFind(kind);
    return it == labels.cend() ? kind : tr(*it);
}

void AssertionTable::setKinds(const QStringList &kinds)
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

    auto *kind = new QComboBox(grid);
    QStringList kinds = m_kinds;
    if (!kinds.contains(assertion.kind))
        kinds.append(assertion.kind); // keep a kind this type does not offer, visibly
    for (const QString &k : kinds)
        kind->addItem(kindLabel(k), k);
    kind->setCurrentIndex(kinds.indexOf(assertion.kind));
    grid->setCellWidget(row, KindColumn, kind);

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
    connect(kind, QOverload<int>::of(&QComboBox::activated), this, [this, kind, rowOf] {
        const int r = rowOf(kind, KindColumn);
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
    const QString kind = kindBox->currentData().toString();
    const QStringList ops = opsFor(kind);
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
    const QString targetHint = kind == QLatin1String("jq")
        ? tr("jq program that must yield true, e.g. .items | length == 3")
        : kind == QLatin1String("header") ? tr("header name, e.g. Content-Type")
                                          : tr("path, e.g. data.items[0].id");
    setUsed(grid->item(row, TargetColumn), targetUsed(kind), targetHint);
    setUsed(grid->item(row, ExpectedColumn), expectedUsed(kind, op),
        tr("201 is a number, true a boolean, \"201\" or other text a string"));
    grid->cellWidget(row, TryColumn)->setEnabled(tryable(kind));
    grid->cellWidget(row, TryColumn)->setVisible(tryable(kind));
}

QList<Assertion> AssertionTable::assertions() const
{
    const QTableWidget *grid = table();
    QList<Assertion> result;
    for (int row = 0; row < grid->rowCount(); ++row) {
        Assertion a;
        a.kind = static_cast<QComboBox *>(grid->cellWidget(row, KindColumn))->currentData().toString();
        a.op = static_cast<QComboBox *>(grid->cellWidget(row, OpColumn))->property("op").toString();
        if (targetUsed(a.kind))
            a.target = grid->item(row, TargetColumn)->text().trimmed();
        if (expectedUsed(a.kind, a.op))
            a.expected = expectedFromText(grid->item(row, ExpectedColumn)->text());
        result.append(a);
    }
    return result;
}

void AssertionTable::addAssertion()
{
    Assertion a;
    a.kind = m_kinds.value(0, QStringLiteral("jq"));
    a.op = opsFor(a.kind).value(0, QStringLiteral("=="));
    if (a.kind == QLatin1String("status"))
        a.expected = 200;
    else if (a.kind == QLatin1String("count") || a.kind == QLatin1String("row_count")) {
        a.op = QStringLiteral(">=");
        a.expected = 1;
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
        if (a.kind == QLatin1String("jq")) {
            column = TargetColumn;
            error = ExpressionSupport::validateJq(a.target);
        } else if (a.kind == QLatin1String("json_path")) {
            error = ExpressionSupport::validateJsonPath(a.target);
            if (!error.isEmpty())
                column = TargetColumn;
        } else if (a.kind == QLatin1String("header") && a.target.isEmpty()) {
            column = TargetColumn;
            error = tr("the header name is empty");
        }
        if (error.isEmpty() && (a.kind == QLatin1String("body_regex") || a.op == QLatin1String("matches"))) {
            const QRegularExpression re(expected);
            if (!re.isValid())
                error = tr("invalid regular expression: %1 (at offset %2)")
                            .arg(re.errorString())
                            .arg(re.patternErrorOffset());
        }
        if (error.isEmpty()
            && (a.kind == QLatin1String("status") || a.kind == QLatin1String("latency_ms")
                || a.kind.endsWith(QLatin1String("count")) || a.op == QLatin1String("length"))
            && !a.expected.isDouble())
            error = tr("expected must be a number");
        if (error.isEmpty() && a.kind == QLatin1String("body_contains") && expected.isEmpty())
            error = tr("the expected text is empty");

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
        const Result<QJsonValue> value = ExpressionSupport::evaluate(
            a.kind == QLatin1String("jq") ? QStringLiteral("jq") : QStringLiteral("path"), a.target,
            m_evidence);
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
