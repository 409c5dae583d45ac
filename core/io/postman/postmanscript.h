#pragma once

#include "io/postman/postmancollection.h"
#include "model/check.h"

#include <QList>
#include <QStringList>

namespace flowbench {

// What a request's test script becomes: native assertions and captures for the common
// pm.* patterns, and the lines it could not translate (kept verbatim, with their place).
struct PostmanScriptTranslation
{
    QList<Assertion> assertions;
    QList<Capture> captures;
    QList<PostmanScriptLine> untranslated;
    // Variables the script sets from something other than the response (kept as a line
    // too); a later request reading them is still chained.
    QStringList setVariables;
};

// Translates the test script lines of one request. Structure (pm.test(...) { and }),
// blank lines, comments and `var x = pm.response.json()` need no translation.
PostmanScriptTranslation translatePostmanTests(const QList<PostmanScriptLine> &lines);

// The variable names a pre-request script sets (pm.environment.set / pm.variables.set /
// pm.collectionVariables.set / pm.globals.set).
QStringList postmanScriptSets(const QList<PostmanScriptLine> &lines);

} // namespace flowbench
