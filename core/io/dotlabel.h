#pragma once

#include <QString>

namespace flowbench {

// The plain text of Graphviz labels, as a card shows a name. Graphviz itself only turns
// labels into drawing instructions during layout; these read the same text without one.

// Text as Graphviz would show it: \\ is a backslash, \n \l \r break lines, \N is the
// node's name. Other escapes stay as written. (exportDot writes exactly these.)
QString dotEscapedText(const QString &raw, const QString &nodeName = QString());

// The text of an HTML-like label, given without its outer <>: "<b>Orders</b> API" ->
// "Orders API". <br/> and the end of a table row break lines, table cells are apart by a
// space, other tags are dropped, and whitespace runs become one space. HTML's named
// entities Graphviz knows are read (&nbsp;, &rarr;, ...); an unknown one stays as written.
// Text Graphviz could not draw either (not well-formed) comes back as written.
QString htmlLabelText(const QString &html);

// The text of a record label (shape=record or Mrecord): "{Orders|<id> id|status}" ->
// "Orders | id | status". Fields are the texts between { } |, without their <port>
// names and trimmed; empty fields are left out. \{ \} \| \< \> and "\ " are the
// characters themselves; other escapes read as in dotEscapedText.
QString recordLabelText(const QString &label, const QString &nodeName);

} // namespace flowbench
