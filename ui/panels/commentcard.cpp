#include "panels/commentcard.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
QToolButton *smallButton(const QString &text, const QString &name, const QString &tip)
{
    auto *b = new QToolButton;
    b->setText(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setCursor(Qt::PointingHandCursor);
    return b;
}
} // namespace

CommentCard::CommentCard(const Comment &comment, QWidget *parent)
    : QFrame(parent), m_id(comment.id), m_text(comment.text)
{
    setObjectName(QStringLiteral("commentCard"));
    setProperty("resolved", comment.resolved);
    setFrameShape(QFrame::StyledPanel);
    // Open comments stand out on the base colour; resolved ones sink into the window's.
    setAutoFillBackground(true);
    setBackgroundRole(comment.resolved ? QPalette::Window : QPalette::Base);

    auto *author = new QLabel(comment.author.isEmpty() ? tr("(anonymous)") : comment.author);
    author->setObjectName(QStringLiteral("commentAuthor"));
    QFont bold = author->font();
    bold.setBold(true);
    author->setFont(bold);
    auto *time = new QLabel(timeText(comment.createdAt.toLocalTime()));
    time->setObjectName(QStringLiteral("commentTime"));
    time->setToolTip(QLocale().toString(comment.createdAt.toLocalTime(), QLocale::LongFormat));
    time->setEnabled(false); // secondary text

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    header->addWidget(author);
    header->addWidget(time);
    if (comment.resolved) {
        auto *badge = new QLabel(tr("✓ Resolved"));
        badge->setObjectName(QStringLiteral("commentResolvedBadge"));
        badge->setEnabled(false);
        header->addWidget(badge);
    }
    header->addStretch();

    m_actions = new QWidget;
    auto *actions = new QHBoxLayout(m_actions);
    actions->setContentsMargins(0, 0, 0, 0);
    actions->setSpacing(0);
    QToolButton *edit = smallButton(tr("Edit"), QStringLiteral("editCommentButton"), tr("Edit the text"));
    QToolButton *resolve = comment.resolved
        ? smallButton(tr("Reopen"), QStringLiteral("resolveCommentButton"), tr("Mark as open again"))
        : smallButton(tr("Resolve"), QStringLiteral("resolveCommentButton"), tr("Mark as resolved"));
    QToolButton *remove = smallButton(tr("Delete"), QStringLiteral("deleteCommentButton"),
                                      tr("Delete this comment (you can undo it)"));
    actions->addWidget(edit);
    actions->addWidget(resolve);
    actions->addWidget(remove);
    header->addWidget(m_actions);

    m_textLabel = new QLabel(comment.text);
    m_textLabel->setObjectName(QStringLiteral("commentText"));
    m_textLabel->setTextFormat(Qt::PlainText);
    m_textLabel->setWordWrap(true);
    m_textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (comment.resolved) {
        QPalette grey = m_textLabel->palette();
        grey.setColor(QPalette::WindowText, grey.color(QPalette::Disabled, QPalette::WindowText));
        m_textLabel->setPalette(grey);
    }

    // Shown instead of the text while editing (hidden, it takes no room).
    m_editPage = new QWidget;
    m_editPage->setVisible(false);
    auto *editLayout = new QVBoxLayout(m_editPage);
    editLayout->setContentsMargins(0, 0, 0, 0);
    m_editor = new QPlainTextEdit;
    m_editor->setObjectName(QStringLiteral("commentEditor"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(90);
    auto *save = new QPushButton(tr("Save"));
    save->setObjectName(QStringLiteral("saveCommentButton"));
    save->setToolTip(tr("Save the text (Ctrl+Enter)"));
    auto *cancel = new QPushButton(tr("Cancel"));
    cancel->setObjectName(QStringLiteral("cancelCommentButton"));
    cancel->setToolTip(tr("Keep the text as it was (Esc)"));
    auto *editButtons = new QHBoxLayout;
    editButtons->addStretch();
    editButtons->addWidget(cancel);
    editButtons->addWidget(save);
    editLayout->addWidget(m_editor);
    editLayout->addLayout(editButtons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 8);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_textLabel);
    layout->addWidget(m_editPage);

    auto *saveKey = new QAction(m_editor);
    saveKey->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    saveKey->setShortcutContext(Qt::WidgetShortcut);
    m_editor->addAction(saveKey);
    auto *cancelKey = new QAction(m_editor);
    cancelKey->setShortcut(Qt::Key_Escape);
    cancelKey->setShortcutContext(Qt::WidgetShortcut);
    m_editor->addAction(cancelKey);

    connect(edit, &QToolButton::clicked, this, [this] { beginEdit(m_text); });
    connect(resolve, &QToolButton::clicked, this, [this, resolved = comment.resolved] {
        emit resolveToggled(m_id, !resolved);
    });
    connect(remove, &QToolButton::clicked, this, [this] { emit deleteRequested(m_id); });
    connect(save, &QPushButton::clicked, this, [this] { finishEdit(true); });
    connect(saveKey, &QAction::triggered, this, [this] { finishEdit(true); });
    connect(cancel, &QPushButton::clicked, this, [this] { finishEdit(false); });
    connect(cancelKey, &QAction::triggered, this, [this] { finishEdit(false); });
}

bool CommentCard::isEditing() const { return !m_editPage->isHidden(); }

QString CommentCard::draft() const { return m_editor->toPlainText(); }

void CommentCard::beginEdit(const QString &text)
{
    m_editor->setPlainText(text);
    m_textLabel->setVisible(false);
    m_editPage->setVisible(true);
    m_actions->setVisible(false);
    m_editor->setFocus();
    m_editor->moveCursor(QTextCursor::End);
}

void CommentCard::finishEdit(bool save)
{
    const QString text = m_editor->toPlainText().trimmed();
    m_editPage->setVisible(false);
    m_textLabel->setVisible(true);
    m_actions->setVisible(true);
    if (save && !text.isEmpty() && text != m_text)
        emit textEdited(m_id, text); // the panel rebuilds the cards from the document
}

QString CommentCard::timeText(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QString();
    const QLocale locale;
    // Minutes are enough for a conversation; some locales' short format has seconds.
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    const QString time = when.time().toString(format);
    const qint64 days = when.date().daysTo(now.date());
    if (days == 0)
        return tr("today %1").arg(time);
    if (days == 1)
        return tr("yesterday %1").arg(time);
    return tr("%1 %2").arg(locale.toString(when.date(), QLocale::ShortFormat), time);
}

} // namespace flowbench
