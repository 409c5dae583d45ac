#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flowbench::cli {

// Rows of cells as aligned columns, two spaces apart, each line indented by two spaces
// and without trailing spaces; `rightAligned` names the columns aligned to the right
// (numbers). Used by `stats`, `coverage` and `impact`.
QString alignedColumns(const QList<QStringList> &rows, const QList<int> &rightAligned = {});

// The same with the first column left-aligned and every other one right-aligned:
// a label followed by numbers.
QString labelledNumbers(const QList<QStringList> &rows);

} // namespace flowbench::cli
