#include "assertiontable.h"
#include "checkforms/expressionsupport.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {

const char *const kErrorStyle = "color: #c62828;";

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
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_empty(new QLabel(tr("No assertions. Add one to say what must hold."), this))
    , m_errorLabel(new QLabel(this))
    , m_tryLabel(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels({ tr("Kind"), tr("Target"), tr("Op"), tr("Expected"), QString() });
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(ExpectedColumn, 90);
    m_table->setColumnWidth(KindColumn, 112);
    m_table->setColumnWidth(OpColumn, 82);
    m_table->setColumnWidth(TryColumn, 58);
    m_table->setMinimumHeight(100);
    m_table->setMaximumHeight(220);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_empty->setWordWrap(true);
    m_errorLabel->setObjectName(QStringLiteral("assertionErrors"));
    m_errorLabel->setStyleSheet(QLatin1String(kErrorStyle));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();
    m_tryLabel->setObjectName(QStringLiteral("tryResult"));
    m_tryLabel->setWordWrap(true);
    m_tryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tryLabel->hide();

    auto *add = new QPushButton(tr("Add assertion"), this);
    add->setObjectName(QStringLiteral("addAssertion"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeAssertion"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addStretch();
    buttons->addWidget(add);
    buttons->addWidget(remove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tryLabel);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &AssertionTable::addAssertion);
    connect(remove, &QPushButton::clicked, this, &AssertionTable::removeCurrent);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            edited();
    });
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
    m_loading = true;
    m_table->setRowCount(0);
    for (const Assertion &a : assertions)
        insertRow(a);
    m_loading = false;
    m_tryLabel->hide();
    validate();
}

void AssertionTable::insertRow(const Assertion &assertion)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);

    auto *kind = new QComboBox(m_table);
    QStringList kinds = m_kinds;
    if (!kinds.contains(assertion.kind))
        kinds.append(assertion.kind); // keep a kind this type does not offer, visibly
    for (const QString &k : kinds)
        kind->addItem(kindLabel(k), k);
    kind->setCurrentIndex(kinds.indexOf(assertion.kind));
    m_table->setCellWidget(row, KindColumn, kind);

    m_table->setItem(row, TargetColumn, new QTableWidgetItem(assertion.target));
    auto *op = new QComboBox(m_table);
    op->setProperty("op", assertion.op);
    m_table->setCellWidget(row, OpColumn, op);
    m_table->setItem(row, ExpectedColumn, new QTableWidgetItem(expectedToText(assertion.expected)));
    auto *tryButton = new QPushButton(tr("Try it"), m_table);
    tryButton->setToolTip(tr("Evaluate against the last response of this check"));
    m_table->setCellWidget(row, TryColumn, tryButton);

    // Rows move when others are removed: find the row of the sender at the time of the signal.
    auto rowOf = [this](QWidget *w, int column) {
        for (int r = 0; r < m_table->rowCount(); ++r)
            if (m_table->cellWidget(r, column) == w)
                return r;
        return -1;
    };
    connect(kind, QOverload<int>::of(&QComboBox::activated), this, [this, kind, rowOf] {
        const int r = rowOf(kind, KindColumn);
        refreshRow(r);
        edited();
    });
    connect(op, QOverload<int>::of(&QComboBox::activated), this, [this, op, rowOf] {
        op->setProperty("op", op->currentData());
        refreshRow(rowOf(op, OpColumn));
        edited();
    });
    connect(tryButton, &QPushButton::clicked, this,
        [this, tryButton, rowOf] { tryRow(rowOf(tryButton, TryColumn)); });
    refreshRow(row);
    m_loading = wasLoading;
}

// Offers the ops of the row's kind and greys out the cells that kind does not use.
void AssertionTable::refreshRow(int row)
{
    if (row < 0)
        return;
    const bool wasLoading = m_loading;
    m_loading = true;
    auto *kindBox = static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
    auto *opBox = static_cast<QComboBox *>(m_table->cellWidget(row, OpColumn));
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
    setUsed(m_table->item(row, TargetColumn), targetUsed(kind), targetHint);
    setUsed(m_table->item(row, ExpectedColumn), expectedUsed(kind, op),
        tr("201 is a number, true a boolean, \"201\" or other text a string"));
    m_table->cellWidget(row, TryColumn)->setEnabled(tryable(kind));
    m_table->cellWidget(row, TryColumn)->setVisible(tryable(kind));
    m_loading = wasLoading;
}

QList<Assertion> AssertionTable::assertions() const
{
    QList<Assertion> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        Assertion a;
        a.kind = static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn))->currentData().toString();
        a.op = static_cast<QComboBox *>(m_table->cellWidget(row, OpColumn))->property("op").toString();
        if (targetUsed(a.kind))
            a.target = m_table->item(row, TargetColumn)->text().trimmed();
        if (expectedUsed(a.kind, a.op))
            a.expected = expectedFromText(m_table->item(row, ExpectedColumn)->text());
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
    m_table->setCurrentCell(m_table->rowCount() - 1, KindColumn);
    m_table->cellWidget(m_table->rowCount() - 1, KindColumn)->setFocus();
    edited();
}

void AssertionTable::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    edited();
}

void AssertionTable::edited()
{
    validate();
    emit assertionsEdited();
}

void AssertionTable::validate()
{
    m_errors.clear();
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

        const bool wasLoading = m_loading;
        m_loading = true;
        for (int c : { TargetColumn, ExpectedColumn }) {
            QTableWidgetItem *item = m_table->item(row, c);
            const bool bad = !error.isEmpty() && c == column;
            item->setForeground(bad ? QBrush(QColor(0xc6, 0x28, 0x28)) : QBrush());
            item->setBackground(bad ? QColor(0xff, 0xeb, 0xee) : QBrush());
            if (bad)
                item->setToolTip(error);
        }
        m_loading = wasLoading;
        if (!error.isEmpty())
            m_errors.append(tr("Assertion %1: %2").arg(row + 1).arg(error));
    }
    m_errorLabel->setText(m_errors.join(QLatin1Char('\n')));
    m_errorLabel->setVisible(!m_errors.isEmpty());
    m_empty->setVisible(m_table->rowCount() == 0);
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
    if (row < 0 || row >= m_table->rowCount())
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
    m_tryLabel->setStyleSheet(failed ? QLatin1String(kErrorStyle) : QString());
    m_tryLabel->setText(text);
    m_tryLabel->show();
}

QString AssertionTable::tryResultText() const
{
    return !m_tryLabel->isHidden() ? m_tryLabel->text() : QString();
}

} // namespace flowbench
