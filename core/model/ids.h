#pragma once

#include <QString>
#include <QUuid>

namespace flowbench {

// Every entity id is a UUID in its lower-case 8-4-4-4-12 form, without braces.
using Id = QString;

inline Id newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

inline bool isValidId(const QString &id)
{
    return id.size() == 36 && !QUuid::fromString(id).isNull();
}

} // namespace flowbench
