#pragma once

#include "testcases/checkforms/editablerowtable.h"
#include "model/check.h"

#include <QByteArray>

class QLabel;

namespace flowbench {

// Edits a check's assertions: kind, target, op, expected, one row each. The kinds on
// offer depend on the check type (setKinds). Rows are validated inline (regex syntax,
// jq text, JSON path syntax); jq and json_path rows have a "Try it" button that
// evaluates the row against the last response body (setLastEvidence).
class AssertionTable : public EditableRowTable
{
    Q_OBJECT
public:
    enum Column { KindColumn, TargetColumn, OpColumn, ExpectedColumn, TryColumn, ColumnCount };

    explicit AssertionTable(QWidget *parent = nullptr);

    void setKinds(const QStringList &kinds);
    void setAssertions(const QList<Assertion> &assertions); // no rowsEdited()
    QList<Assertion> assertions() const;
    void setLastEvidence(const QByteArray &body);
    void clearLastEvidence();

    QString tryResultText() const;

    static QStringList opsFor(const QString &kind);
    static QString kindLabel(const QString &kind);

public slots:
    void addAssertion();
    void tryRow(int row);

protected:
    QStringList rowProblems() override;

private:
    void insertRow(const Assertion &assertion);
    void refreshRow(int row);

    QLabel *m_tryLabel;
    QStringList m_kinds;
    QByteArray m_evidence;
    bool m_hasEvidence = false;
};

} // namespace flowbench
