#pragma once

#include "checks/checkvocabulary.h"
#include "testcases/checkforms/editablerowtable.h"
#include "model/check.h"

namespace flowbench {

// Edits a check's captures: variable name, source (those the check type's vocabulary
// declares, setSources) and expression, validated by what the source reads (a JSON
// path, a jq program, a regex). Later steps of the same test case use a capture as
// {{name}}.
class CaptureTable : public EditableRowTable
{
    Q_OBJECT
public:
    enum Column { NameColumn, SourceColumn, ExpressionColumn, ColumnCount };

    explicit CaptureTable(QWidget *parent = nullptr);

    void setSources(const QList<CaptureSource> &sources);
    void setCaptures(const QList<Capture> &captures); // no rowsEdited()
    QList<Capture> captures() const;

public slots:
    void addCapture();

protected:
    QStringList rowProblems() override;

private:
    void insertRow(const Capture &capture);
    // The source of that name: one on offer, else any registered type's; nullptr if none.
    const CaptureSource *source(const QString &name) const;

    QList<CaptureSource> m_sources;
};

} // namespace flowbench
