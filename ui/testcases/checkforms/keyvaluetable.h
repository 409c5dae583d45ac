#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

namespace flowbench {

// An editable name/value table (headers, bind parameters, form fields) with Add and
// Remove buttons. Emits edited() once per committed cell edit, add or remove.
class KeyValueTable : public QWidget
{
    Q_OBJECT
public:
    using Pairs = QList<QPair<QString, QString>>;
    explicit KeyValueTable(const QString &keyHeader, const QString &valueHeader, QWidget *parent = nullptr);

    void setPairs(const Pairs &pairs); // no edited()
    Pairs pairs() const; // rows with an empty name are left out
    QTableWidget *table() const { return m_table; }
    void addRow(const QString &key = QString(), const QString &value = QString());

signals:
    void edited();

private:
    QTableWidget *m_table;
    bool m_loading = false;
};

} // namespace flowbench
