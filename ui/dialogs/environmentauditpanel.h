#pragma once

#include "model/environment.h"
#include "store/leasestore.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace flowbench {

// The audit of one shared or protected environment, read-only: every run against it
// (newest first) with who ran it from where, when, which test cases, whether writes and
// faults were allowed, and how it ended ("unfinished": its client died mid-run).
class EnvironmentAuditPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        FinishedColumn,
        WhoColumn,
        HostColumn,
        WritesColumn,
        FaultsColumn,
        OutcomeColumn,
        TestCasesColumn,
        ColumnCount
    };

    explicit EnvironmentAuditPanel(QWidget *parent = nullptr);

    // `entries` oldest first, as LeaseStore::audit() gives them; a failed read shows its
    // message instead.
    void setAudit(const Environment &environment, const Result<QList<AuditEntry>> &entries);
    QTableWidget *table() const { return m_table; }
    QString summaryText() const;

private:
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace flowbench
