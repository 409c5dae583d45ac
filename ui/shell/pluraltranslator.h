#pragma once

#include <QTranslator>

namespace flowbench {

// Source strings are English with "(s)" plurals ("%n node(s)"). Without a translation
// loaded, Qt would show the "(s)"; this translator, installed last, resolves it for
// English: "1 node", "3 nodes". A real translation installed later takes precedence.
class PluralTranslator : public QTranslator
{
public:
    using QTranslator::QTranslator;
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
};

} // namespace flowbench
