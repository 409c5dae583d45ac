#pragma once

#include "testcases/checkforms/editablerowtable.h"
#include "model/check.h"

namespace flowbench {

// Edits a check's captures: variable name, source (path, jq, header, column, regex —
// the sources on offer depend on the check type) and expression. Later steps of the
// same test case use a capture as {{name}}.
class CaptureTable : public EditableRowTable
{
    Q_OBJECT
public:
    enum Column { NameColumn, SourceColumn, ExpressionColumn, ColumnCount };

    explicit CaptureTable(QWidget *parent = nullptr);

    void setSources(const QStringList &sources);
    void setCaptures(const QList<Capture> &captures); // no rowsEdited()
    QList<Capture> captures() const;

public slots:
    void addCapture();

protected:
    QStringList rowProblems() override;

private:
    void insertRow(const Capture &capture);

    QStringList m_sources;
};

} // namespace flowbench
