#pragma once

#include "checks/checktype.h"

#include <QStringList>
#include <map>
#include <memory>

namespace flowbench {

// The check types this program knows, by name. Registration lines live in
// checkregistry.cpp: a new check type is one file pair plus one line there.
class CheckRegistry
{
public:
    static const CheckRegistry &instance();
    const CheckType *type(const QString &name) const; // nullptr if unknown
    QStringList names() const;
    // Validates a check against its type; an unknown type is an error naming it.
    Status validate(const Check &check) const;

private:
    CheckRegistry();
    void add(std::unique_ptr<CheckType> type);
    std::map<QString, std::unique_ptr<CheckType>> m_types;
};

} // namespace flowbench
