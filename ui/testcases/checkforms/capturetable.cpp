#include "testcases/checkforms/capturetable.h"
#include "checks/checkregistry.h"
#include "testcases/checkforms/expressionsupport.h"

#include <QComboBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QSet>
#include <QTableWidget>

namespace flowbench {

CaptureTable::CaptureTable(QWidget *parent)
    : EditableRowTable({ { tr("Variable"), tr("Source"), tr("Expression") },
                           tr("No captures. Capture a value to use it as {{name}} in later steps."),
                           tr("Add capture"), QStringLiteral("addCapture"), QStringLiteral("removeCapture"),
                           QStringLiteral("captureErrors"), QString() },
        ExpressionColumn, 80, 160, parent)
{
    table()->setColumnWidth(NameColumn, 140);
    table()->setColumnWidth(SourceColumn, 100);
    connect(addButton(), &QPushButton::clicked, this, &CaptureTable::addCapture);
}

void CaptureTable::setSources(const QList<CaptureSource> &sources)
{
    m_sources = sources;
}

const CaptureSource *CaptureTable::source(const QString &name) const
{
    for (const CaptureSource &s : m_sources)
        if (s.name == name)
            return &s;
    return CheckRegistry::instance().captureSource(name);
}

void CaptureTable::setCaptures(const QList<Capture> &captures)
{
    replaceRows([&] {
        for (const Capture &c : captures)
            insertRow(c);
    });
}

void CaptureTable::insertRow(const Capture &capture)
{
    const QScopedValueRollback<bool> quiet(m_loading, true);
    QTableWidget *grid = table();
    const int row = grid->rowCount();
    grid->insertRow(row);
    grid->setItem(row, NameColumn, new QTableWidgetItem(capture.name));
    auto *sourceBox = new QComboBox(grid);
    QStringList hints;
    for (const CaptureSource &s : m_sources) {
        sourceBox->addItem(s.name);
        sourceBox->setItemData(sourceBox->count() - 1, s.description, Qt::ToolTipRole);
        hints.append(QStringLiteral("%1: %2").arg(s.name, s.hint));
    }
    if (sourceBox->findText(capture.source) < 0)
        sourceBox->addItem(capture.source); // keep a source this type does not offer, visibly
    sourceBox->setCurrentIndex(sourceBox->findText(capture.source));
    grid->setCellWidget(row, SourceColumn, sourceBox);
    auto *expression = new QTableWidgetItem(capture.expression);
    expression->setToolTip(hints.join(QStringLiteral(" · ")));
    grid->setItem(row, ExpressionColumn, expression);
    connect(sourceBox, QOverload<int>::of(&QComboBox::activated), this, &CaptureTable::commitEdit);
}

QList<Capture> CaptureTable::captures() const
{
    const QTableWidget *grid = table();
    QList<Capture> result;
    for (int row = 0; row < grid->rowCount(); ++row) {
        Capture c;
        c.name = grid->item(row, NameColumn)->text().trimmed();
        c.source = static_cast<QComboBox *>(grid->cellWidget(row, SourceColumn))->currentText();
        c.expression = grid->item(row, ExpressionColumn)->text().trimmed();
        result.append(c);
    }
    return result;
}

void CaptureTable::addCapture()
{
    Capture c;
    if (!m_sources.isEmpty())
        c.source = m_sources.first().name;
    insertRow(c);
    const int row = table()->rowCount() - 1;
    table()->setCurrentCell(row, NameColumn);
    table()->editItem(table()->item(row, NameColumn));
    validate();
    // An unnamed capture is not an edit yet: it is committed when its name is typed.
}

QStringList CaptureTable::rowProblems()
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QStringList problems;
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
        else if (const CaptureSource *s = source(c.source); s && s->expression == Operand::Jq)
            error = ExpressionSupport::validateJq(c.expression);
        else if (s && s->expression == Operand::JsonPath)
            error = ExpressionSupport::validateJsonPath(c.expression);
        else if (s && s->expression == Operand::Regex) {
            const QRegularExpression re(c.expression);
            if (!re.isValid())
                error = tr("invalid regular expression: %1").arg(re.errorString());
            else if (re.captureCount() < 1)
                error = tr("the regex needs a capture group: (...)");
        }
        seen.insert(c.name);
        if (!error.isEmpty())
            problems.append(tr("Capture %1: %2").arg(row + 1).arg(error));
    }
    return problems;
}

} // namespace flowbench
