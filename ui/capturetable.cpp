#include "capturetable.h"
#include "checkforms/expressionsupport.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowbench {

CaptureTable::CaptureTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_empty(new QLabel(tr("No captures. Capture a value to use it as {{name}} in later steps."), this))
    , m_errorLabel(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels({ tr("Variable"), tr("Source"), tr("Expression") });
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(ExpressionColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(NameColumn, 140);
    m_table->setColumnWidth(SourceColumn, 100);
    m_table->setMinimumHeight(80);
    m_table->setMaximumHeight(160);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_empty->setWordWrap(true);
    m_errorLabel->setObjectName(QStringLiteral("captureErrors"));
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    auto *add = new QPushButton(tr("Add capture"), this);
    add->setObjectName(QStringLiteral("addCapture"));
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addStretch();
    buttons->addWidget(add);
    buttons->addWidget(remove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &CaptureTable::addCapture);
    connect(remove, &QPushButton::clicked, this, &CaptureTable::removeCurrent);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            edited();
    });
}

void CaptureTable::setSources(const QStringList &sources)
{
    m_sources = sources;
}

void CaptureTable::setCaptures(const QList<Capture> &captures)
{
    m_loading = true;
    m_table->setRowCount(0);
    for (const Capture &c : captures)
        insertRow(c);
    m_loading = false;
    validate();
}

void CaptureTable::insertRow(const Capture &capture)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(capture.name));
    auto *source = new QComboBox(m_table);
    QStringList sources = m_sources;
    if (!sources.contains(capture.source))
        sources.append(capture.source);
    source->addItems(sources);
    source->setCurrentIndex(sources.indexOf(capture.source));
    m_table->setCellWidget(row, SourceColumn, source);
    auto *expression = new QTableWidgetItem(capture.expression);
    expression->setToolTip(
        tr("path: data.id · jq: .items[0].id · header: Location · column: id · regex: id=(\\d+)"));
    m_table->setItem(row, ExpressionColumn, expression);
    connect(source, QOverload<int>::of(&QComboBox::activated), this, &CaptureTable::edited);
    m_loading = wasLoading;
}

QList<Capture> CaptureTable::captures() const
{
    QList<Capture> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        Capture c;
        c.name = m_table->item(row, NameColumn)->text().trimmed();
        c.source = static_cast<QComboBox *>(m_table->cellWidget(row, SourceColumn))->currentText();
        c.expression = m_table->item(row, ExpressionColumn)->text().trimmed();
        result.append(c);
    }
    return result;
}

void CaptureTable::addCapture()
{
    Capture c;
    c.source = m_sources.value(0, c.source);
    insertRow(c);
    m_table->setCurrentCell(m_table->rowCount() - 1, NameColumn);
    m_table->editItem(m_table->item(m_table->rowCount() - 1, NameColumn));
    validate();
    // An unnamed capture is not an edit yet: it is committed when its name is typed.
}

void CaptureTable::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    edited();
}

void CaptureTable::edited()
{
    validate();
    emit capturesEdited();
}

void CaptureTable::validate()
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    m_errors.clear();
    QSet<QString> seen;
    const QList<Capture> list = captures();
    for (int row = 0; row < list.size(); ++row) {
        const Capture &c = list.at(row);
        QString error;
        if (!identifier.match(c.name).hasMatch())
            error = tr("the variable name must be letters, digits and _ (used as {{name}})");
        else if (seen.contains(c.name))
            error = tr("%1 is captured twice").arg(c.name);
        else if (c.expression.isEmpty())
            error = tr("the expression is empty");
        else if (c.source == QLatin1String("jq"))
            error = ExpressionSupport::validateJq(c.expression);
        else if (c.source == QLatin1String("path"))
            error = ExpressionSupport::validateJsonPath(c.expression);
        else if (c.source == QLatin1String("regex")) {
            const QRegularExpression re(c.expression);
            if (!re.isValid())
                error = tr("invalid regular expression: %1").arg(re.errorString());
            else if (re.captureCount() < 1)
                error = tr("the regex needs a capture group: (...)");
        }
        seen.insert(c.name);
        if (!error.isEmpty())
            m_errors.append(tr("Capture %1: %2").arg(row + 1).arg(error));
    }
    m_errorLabel->setText(m_errors.join(QLatin1Char('\n')));
    m_errorLabel->setVisible(!m_errors.isEmpty());
    m_empty->setVisible(m_table->rowCount() == 0);
}

} // namespace flowbench
