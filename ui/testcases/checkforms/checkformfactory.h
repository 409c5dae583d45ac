#pragma once

#include "model/check.h"

#include <QStringList>
#include <functional>
#include <vector>

class QWidget;

namespace flowbench {

class CheckForm;

// The check forms this editor knows, by check type. Registration lines live in
// checkformfactory.cpp: a new check type's form is one file pair plus one line there.
// A type's label and a new step's spec come from its vocabulary in core.
class CheckFormFactory
{
public:
    static const CheckFormFactory &instance();

    QStringList types() const; // in registration order
    QString label(const QString &type) const; // for menus: the vocabulary's title, "HTTP request"
    CheckForm *create(const QString &type, QWidget *parent) const; // nullptr if unknown
    // A new step of this type with a fresh id, its label as name and
    // CheckVocabulary::newSpec() as spec.
    Check newCheck(const QString &type) const;

private:
    struct Entry
    {
        QString type;
        std::function<CheckForm *(QWidget *)> create;
    };
    CheckFormFactory();
    template <typename Form> void add(const char *type);
    const Entry *entry(const QString &type) const;

    std::vector<Entry> m_entries;
};

} // namespace flowbench
