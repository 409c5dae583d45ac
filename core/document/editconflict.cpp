#include "document/editconflict.h"

#include <QCoreApplication>
#include <QStringList>

namespace flowbench {

QString conflictValueText(const QString &value)
{
    return value.isEmpty() ? QCoreApplication::translate("EditConflict", "(empty)") : value;
}

QString conflictValueText(bool value)
{
    return value ? QCoreApplication::translate("EditConflict", "yes")
                 : QCoreApplication::translate("EditConflict", "no");
}

QString conflictValueText(double value)
{
    return QString::number(value);
}

QString conflictValueText(const QStringList &value)
{
    return conflictValueText(value.join(QStringLiteral(", ")));
}

} // namespace flowbench
