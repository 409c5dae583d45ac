#pragma once

#include "model/check.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <vector>

class QWidget;

namespace flowbench {

class CheckForm;

// The check forms this editor knows, by check type. Registration lines live in
// checkformfactory.cpp: a new check type's form is one file pair plus one line there.
class CheckFormFactory
{
public:
    static const CheckFormFactory &instance();

    QStringList types() const; // in registration order
    QString label(const QString &type) const; // for menus: "HTTP request"
    CheckForm *create(const QString &type, QWidget *parent) const; // nullptr if unknown
    // A new step of this type with a fresh id, a default name and a default spec.
    Check newCheck(const QString &type) const;

private:
    struct Entry
    {
        QString type;
        QString label;
        std::function<CheckForm *(QWidget *)> create;
        std::function<QJsonObject()> defaultSpec;
    };
    CheckFormFactory();
    template <typename Form> void add(const char *type, const QString &label);
    const Entry *entry(const QString &type) const;

    std::vector<Entry> m_entries;
};

} // namespace flowbench
