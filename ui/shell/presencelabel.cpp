#include "shell/presencelabel.h"

#include "document/projectdocument.h"

#include <QLocale>

namespace flowbench {

PresenceLabel::PresenceLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("presenceLabel"));
    setTextFormat(Qt::PlainText);
    setVisible(false);
}

void PresenceLabel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &ProjectDocument::presenceChanged, this, &PresenceLabel::refresh);
    refresh();
}

void PresenceLabel::refresh()
{
    const QList<PresenceEntry> others = m_document ? m_document->othersHere() : QList<PresenceEntry>();
    if (others.isEmpty()) {
        clear();
        setToolTip(QString());
        setVisible(false);
        return;
    }
    QStringList names, lines;
    for (const PresenceEntry &e : others) {
        const QString who = e.who.isEmpty() ? tr("(unknown)") : e.who;
        if (!names.contains(who))
            names << who;
        lines << tr("%1 on %2, since %3")
                     .arg(who, e.host, QLocale().toString(e.since.toLocalTime(), QLocale::ShortFormat));
    }
    setText(tr("Also here: %1").arg(names.join(QStringLiteral(", "))));
    setToolTip(lines.join(QLatin1Char('\n')));
    setVisible(true);
}

} // namespace flowbench
