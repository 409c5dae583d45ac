#include "shell/readonlybanner.h"

#include "document/projectdocument.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>

namespace flowbench {

ReadOnlyBanner::ReadOnlyBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("readOnlyBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xfff4ce)); // a notice, not an error
    p.setColor(QPalette::WindowText, QColor(0x3b2f00));
    setPalette(p);
    m_label = new QLabel;
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_label);
    setVisible(false);
}

void ReadOnlyBanner::setDocument(const ProjectDocument *document)
{
    if (!document || !document->isReadOnly()) {
        m_label->clear();
        setVisible(false);
        return;
    }
    if (document->canComment()) {
        // A role that may comment (ProjectStore::mayComment): the reason says so.
        m_label->setText(tr("<b>Read-only:</b> %1. You can add and resolve comments in the Comments panel, "
                            "look at the map and run its checks (their results are not stored).")
                             .arg(document->readOnlyReason().toHtmlEscaped()));
        setVisible(true);
        return;
    }
    m_label->setText(
        tr("<b>Read-only:</b> %1 cannot be changed here (%2). You can look at it, run its checks "
           "(their results are not stored) and export it; to edit, use File ▸ Save As… to make a "
           "copy.")
            .arg(QDir::toNativeSeparators(document->filePath()).toHtmlEscaped(),
                document->readOnlyReason().toHtmlEscaped()));
    setVisible(true);
}

QString ReadOnlyBanner::text() const
{
    return m_label->text();
}

} // namespace flowbench
