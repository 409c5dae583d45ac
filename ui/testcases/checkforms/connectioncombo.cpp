#include "testcases/checkforms/connectioncombo.h"

#include <QLineEdit>

namespace flowbench {

ConnectionCombo::ConnectionCombo(const QStringList &drivers, QWidget *parent)
    : QComboBox(parent)
    , m_drivers(drivers)
{
    setObjectName(QStringLiteral("connection"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(16);
    lineEdit()->setPlaceholderText(tr("connection name"));
    connect(this, QOverload<int>::of(&QComboBox::activated), this, [this] {
        if (!m_loading)
            emit committed();
    });
    connect(lineEdit(), &QLineEdit::editingFinished, this, [this] {
        if (!m_loading)
            emit committed();
    });
}

void ConnectionCombo::setConnections(const QList<Connection> &connections)
{
    const QString current = connectionName();
    m_loading = true;
    clear();
    for (const Connection &c : connections)
        if (m_drivers.contains(c.driver) && findText(c.name) < 0)
            addItem(c.name);
    setConnectionName(current);
    m_loading = false;
}

void ConnectionCombo::setConnectionName(const QString &name)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    if (!name.isEmpty() && findText(name) < 0)
        addItem(name);
    setCurrentIndex(findText(name));
    setEditText(name);
    m_loading = wasLoading;
}

} // namespace flowbench
