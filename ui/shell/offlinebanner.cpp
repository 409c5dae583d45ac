#include "shell/offlinebanner.h"

#include "document/projectdocument.h"
#include "document/storeconnection.h"
#include "shell/windowactions.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QUndoGroup>
#include <QUndoStack>

namespace flowbench {

OfflineBanner::OfflineBanner(WindowActions *actions, QUndoGroup *undoGroup, QWidget *parent)
    : QFrame(parent)
    , m_actions(actions)
    , m_undoGroup(undoGroup)
{
    setObjectName(QStringLiteral("offlineBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xfde7e9)); // stronger than read-only: it may pass
    p.setColor(QPalette::WindowText, QColor(0x5c0a12));
    setPalette(p);
    m_label = new QLabel;
    m_label->setObjectName(QStringLiteral("offlineText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_label);
    setVisible(false);
}

void OfflineBanner::setDocument(ProjectDocument *document, QWidget *palette)
{
    disconnect(m_offlineChanged);
    m_document = document;
    m_palette = palette;
    if (document)
        m_offlineChanged = connect(document, &ProjectDocument::offlineChanged, this, [this](bool offline) {
            showOffline(offline);
            if (!offline && m_document)
                emit statusMessage(tr("Reconnected to %1; the map shows what others changed meanwhile.")
                                       .arg(m_document->connection()->server()),
                    8000);
        });
    // A document that is offline already (the window took it over while away).
    if (document && document->isOffline())
        showOffline(true);
    else {
        m_label->clear();
        setVisible(false);
    }
}

void OfflineBanner::showOffline(bool offline)
{
    ProjectDocument *doc = m_document;
    if (!doc)
        return;
    // The same switches as for a read-only project (MainWindow::setDocument), plus undo.
    const bool writable = !offline && !doc->isReadOnly();
    m_actions->setDocumentOpen(true, writable);
    if (m_palette)
        m_palette->setEnabled(writable);
    m_undoGroup->setActiveStack(offline ? nullptr : doc->undoStack());
    if (!offline) {
        m_label->clear();
        setVisible(false);
        return;
    }
    const QString since = QLocale().toString(doc->offlineSince().time(), QStringLiteral("HH:mm"));
    m_label->setText(tr("<b>Offline:</b> %1 cannot be reached since %2. Reading works; edits are refused. "
                        "Reconnecting…")
                         .arg(doc->connection()->server().toHtmlEscaped(), since));
    m_label->setToolTip(doc->offlineReason());
    setVisible(true);
}

QString OfflineBanner::text() const
{
    return m_label->text();
}

} // namespace flowbench
