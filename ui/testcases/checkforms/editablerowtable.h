#pragma once

#include <QStringList>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;
class QVBoxLayout;

namespace flowbench {

// What the editable lists of a check share (its assertions, its captures): a table with
// one row per entry, a hint while it is empty, Add and Remove buttons, and the problems of
// the rows listed under the table. A subclass fills the rows and says what is wrong with
// them; every change the user makes is reported as rowsEdited().
class EditableRowTable : public QWidget
{
    Q_OBJECT
public:
    struct Texts
    {
        QStringList headers;
        QString emptyHint;
        QString addLabel;
        QString addName; // object names, for tests and style sheets
        QString removeName;
        QString errorsName;
        QString emptyName;
    };

    QTableWidget *table() const { return m_table; }
    int errorCount() const { return m_errors.size(); }
    QStringList errors() const { return m_errors; }

public slots:
    void removeCurrent();

signals:
    void rowsEdited();

protected:
    EditableRowTable(const Texts &texts, int stretchColumn, int minimumHeight, int maximumHeight,
        QWidget *parent = nullptr);

    QPushButton *addButton() const { return m_add; }
    // Puts `widget` between the problems and the buttons.
    void addBelowErrors(QWidget *widget);
    // Clears the table and lets `fill` insert rows without reporting edits.
    void replaceRows(const std::function<void()> &fill);
    // One message per row that is wrong (the subclass may mark the cells, too).
    virtual QStringList rowProblems() = 0;
    void validate();
    void commitEdit(); // validates and emits rowsEdited()

    bool m_loading = false; // true while rows are filled in code, not by the user

private:
    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_errorLabel;
    QPushButton *m_add;
    QVBoxLayout *m_layout;
    QStringList m_errors;
};

} // namespace flowbench
