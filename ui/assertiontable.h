#pragma once

#include "model/check.h"

#include <QByteArray>
#include <QStringList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace flowbench {

// Edits a check's assertions: kind, target, op, expected, one row each. The kinds on
// offer depend on the check type (setKinds). Rows are validated inline (regex syntax,
// jq text, JSON path syntax); jq and json_path rows have a "Try it" button that
// evaluates the row against the last response body (setLastEvidence).
class AssertionTable : public QWidget
{
    Q_OBJECT
public:
    enum Column { KindColumn, TargetColumn, OpColumn, ExpectedColumn, TryColumn, ColumnCount };

    explicit AssertionTable(QWidget *parent = nullptr);

    void setKinds(const QStringList &kinds);
    void setAssertions(const QList<Assertion> &assertions); // no assertionsEdited()
    QList<Assertion> assertions() const;
    void setLastEvidence(const QByteArray &body);
    void clearLastEvidence();

    int errorCount() const { return m_errors.size(); }
    QStringList errors() const { return m_errors; }
    QTableWidget *table() const { return m_table; }
    QString tryResultText() const;

    static QStringList opsFor(const QString &kind);
    static QString kindLabel(const QString &kind);

public slots:
    void addAssertion();
    void removeCurrent();
    void tryRow(int row);

signals:
    void assertionsEdited();

private:
    void insertRow(const Assertion &assertion);
    void refreshRow(int row);
    void validate();
    void edited();

    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_errorLabel;
    QLabel *m_tryLabel;
    QStringList m_kinds;
    QStringList m_errors;
    QByteArray m_evidence;
    bool m_hasEvidence = false;
    bool m_loading = false;
};

} // namespace flowbench
