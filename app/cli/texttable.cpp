#include "texttable.h"

namespace flowbench::cli {

QString alignedColumns(const QList<QStringList> &rows, const QList<int> &rightAligned)
{
    QList<int> widths;
    for (const QStringList &row : rows)
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = qMax(widths[i], int(row[i].size()));
        }
    QString text;
    for (const QStringList &row : rows) {
        QString line = QStringLiteral("  ");
        for (int i = 0; i < row.size(); ++i) {
            if (i > 0)
                line += QStringLiteral("  ");
            line += rightAligned.contains(i) ? row[i].rightJustified(widths[i])
                                             : row[i].leftJustified(widths[i]);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        text += line + QLatin1Char('\n');
    }
    return text;
}

QString labelledNumbers(const QList<QStringList> &rows)
{
    int columns = 0;
    for (const QStringList &row : rows)
        columns = qMax(columns, int(row.size()));
    QList<int> rightAligned;
    for (int i = 1; i < columns; ++i)
        rightAligned.append(i);
    return alignedColumns(rows, rightAligned);
}

} // namespace flowbench::cli
