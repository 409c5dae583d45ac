#include "testcases/checkforms/editablerowtable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowbench {

EditableRowTable::EditableRowTable(
    const Texts &texts, int stretchColumn, int minimumHeight, int maximumHeight, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, int(texts.headers.size()), this))
    , m_empty(new QLabel(texts.emptyHint, this))
    , m_errorLabel(new QLabel(this))
    , m_add(new QPushButton(texts.addLabel, this))
    , m_layout(new QVBoxLayout(this))
{
    m_table->setHorizontalHeaderLabels(texts.headers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    m_table->setMinimumHeight(minimumHeight);
    m_table->setMaximumHeight(maximumHeight);
    m_empty->setObjectName(texts.emptyName);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_empty->setWordWrap(true);
    m_errorLabel->setObjectName(texts.errorsName);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    m_add->setObjectName(texts.addName);
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(texts.removeName);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addStretch();
    buttons->addWidget(m_add);
    buttons->addWidget(remove);

    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_table);
    m_layout->addWidget(m_errorLabel);
    m_layout->addLayout(buttons);

    connect(remove, &QPushButton::clicked, this, &EditableRowTable::removeCurrent);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            commitEdit();
    });
}

void EditableRowTable::addBelowErrors(QWidget *widget)
{
    m_layout->insertWidget(m_layout->indexOf(m_errorLabel) + 1, widget);
}

void EditableRowTable::replaceRows(const std::function<void()> &fill)
{
    m_loading = true;
    m_table->setRowCount(0);
    fill();
    m_loading = false;
    validate();
}

void EditableRowTable::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    commitEdit();
}

void EditableRowTable::commitEdit()
{
    validate();
    emit rowsEdited();
}

void EditableRowTable::validate()
{
    m_errors = rowProblems();
    m_errorLabel->setText(m_errors.join(QLatin1Char('\n')));
    m_errorLabel->setVisible(!m_errors.isEmpty());
    m_empty->setVisible(m_table->rowCount() == 0);
}

} // namespace flowbench
