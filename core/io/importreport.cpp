#include "io/importreport.h"

namespace flowbench {

QString ImportNote::toString() const
{
    QString place = file;
    if (line > 0)
        place += QStringLiteral(":%1").arg(line);
    if (!field.isEmpty())
        place += (place.isEmpty() ? QString() : QStringLiteral(": ")) + field;
    return place.isEmpty() ? text : place + QStringLiteral(": ") + text;
}

QString ImportReport::toText() const
{
    QString text = QStringLiteral("Imported %1:\n").arg(source);
    for (const QString &line : taken)
        text += QStringLiteral("  %1\n").arg(line);
    if (taken.isEmpty())
        text += QStringLiteral("  nothing new or changed\n");
    if (!notTaken.isEmpty()) {
        text += QStringLiteral("Not taken (%1):\n").arg(notTaken.size());
        for (const ImportNote &note : notTaken)
            text += QStringLiteral("  %1\n").arg(note.toString());
    }
    return text;
}

} // namespace flowbench
