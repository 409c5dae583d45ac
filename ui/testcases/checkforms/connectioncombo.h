#pragma once

#include "model/environment.h"

#include <QComboBox>

namespace flowbench {

// An editable combo of the environment's connections with the given drivers. A name
// not in the list (another environment's connection) stays selectable and visible.
// Emits committed() when a choice is made or the typed name is confirmed.
class ConnectionCombo : public QComboBox
{
    Q_OBJECT
public:
    ConnectionCombo(const QStringList &drivers, QWidget *parent = nullptr);
    void setConnections(const QList<Connection> &connections);
    void setConnectionName(const QString &name); // no committed()
    QString connectionName() const { return currentText().trimmed(); }

signals:
    void committed();

private:
    QStringList m_drivers;
    bool m_loading = false;
};

} // namespace flowbench
