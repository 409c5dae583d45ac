#pragma once

#include "checks/checkvocabulary.h"
#include "testcases/checkforms/editablerowtable.h"
#include "model/check.h"

#include <QByteArray>

class QLabel;

namespace flowbench {

// Edits a check's assertions: kind, target, op, expected, one row each. The kinds on
// offer, their ops and what their target and expected are come from the check type's
// vocabulary (setKinds). Rows are validated inline by what the kind declares (regex
// syntax, jq text, JSON path syntax, numbers); rows whose target is a jq program or a
// JSON path have a "Try it" button that evaluates the row against the last response
// body (setLastEvidence).
class AssertionTable : public EditableRowTable
{
    Q_OBJECT
public:
    enum Column { KindColumn, TargetColumn, OpColumn, ExpectedColumn, TryColumn, ColumnCount };

    explicit AssertionTable(QWidget *parent = nullptr);

    void setKinds(const QList<AssertionKind> &kinds);
    void setAssertions(const QList<Assertion> &assertions); // no rowsEdited()
    QList<Assertion> assertions() const;
    void setLastEvidence(const QByteArray &body);
    void clearLastEvidence();

    QString tryResultText() const;

    // The kind of that name: one on offer, else any registered type's (a kind this type
    // does not offer stays visible); nullptr if none knows it.
    const AssertionKind *kind(const QString &name) const;

public slots:
    void addAssertion();
    void tryRow(int row);

protected:
    QStringList rowProblems() override;

private:
    void insertRow(const Assertion &assertion);
    void refreshRow(int row);

    QLabel *m_tryLabel;
    QList<AssertionKind> m_kinds;
    QByteArray m_evidence;
    bool m_hasEvidence = false;
};

} // namespace flowbench
