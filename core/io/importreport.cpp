#include "io/importreport.h"

#include <QJsonArray>

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

QJsonObject ImportReport::toJson() const
{
    QJsonObject countObject;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        countObject.insert(it.key(), it.value());
    QJsonArray notes;
    for (const ImportNote &note : notTaken)
        notes.append(
            QJsonObject { { QStringLiteral("file"), note.file }, { QStringLiteral("line"), note.line },
                { QStringLiteral("field"), note.field }, { QStringLiteral("text"), note.text } });
    return QJsonObject { { QStringLiteral("source"), source }, { QStringLiteral("counts"), countObject },
        { QStringLiteral("taken"), QJsonArray::fromStringList(taken) },
        { QStringLiteral("not_taken"), notes } };
}

} // namespace flowbench
