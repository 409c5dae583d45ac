#pragma once

#include "model/casefault.h"
#include "model/ids.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace flowbench {

class ProjectDocument;

// A test case's faults in its form: the list ("orders → payment: latency=3000"), and a row
// to add one — the target (the test case's node or one of its edges), the kind, and the
// values in the fault text form (parseFault: "latency=3000,jitter=200"). It never writes
// the document: it says what the list should become (faultsEdited) and the form pushes
// the command; show() re-reads it.
class FaultsSection : public QWidget
{
    Q_OBJECT
public:
    explicit FaultsSection(QWidget *parent = nullptr);

    void show(const ProjectDocument *document, const Id &nodeId, const QList<CaseFault> &faults);
    QListWidget *list() const { return m_list; }
    QComboBox *targetBox() const { return m_target; }
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *valuesEdit() const { return m_values; }
    QToolButton *addButton() const { return m_add; }
    QToolButton *removeButton() const { return m_remove; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void faultsEdited(const QList<flowbench::CaseFault> &faults, const QString &what);

private:
    void add();
    void removeCurrent();
    void kindChosen();

    QList<CaseFault> m_faults;
    QListWidget *m_list;
    QComboBox *m_target;
    QComboBox *m_kind;
    QLineEdit *m_values;
    QToolButton *m_add;
    QToolButton *m_remove;
    QLabel *m_problem;
};

} // namespace flowbench
