#include "dialogs/historydialog.h"

#include "document/projectdocument.h"
#include "store/editlog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {

QString when(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

// What happened, said for a person. A line of another item (a node's test case) names it.
QString what(const EditLogEntry &e, const Id &shown)
{
    QString text;
    switch (e.change) {
    case EditLogEntry::Change::Added:
        text = QCoreApplication::translate("HistoryDialog", "added");
        break;
    case EditLogEntry::Change::Removed:
        text = QCoreApplication::translate("HistoryDialog", "removed");
        break;
    case EditLogEntry::Change::Changed:
        text = e.summary();
        break;
    }
    if (e.entityId == shown)
        return text;
    const QString name = e.entityName.isEmpty() ? QString() : QStringLiteral(" “%1”").arg(e.entityName);
    const QString item = e.entityKind == QLatin1String("comment")
        ? QCoreApplication::translate("HistoryDialog", "Comment by %1").arg(e.entityName)
        : QStringLiteral("%1%2").arg(e.entityKind.left(1).toUpper() + e.entityKind.mid(1), name);
    return QStringLiteral("%1: %2").arg(item, text);
}

} // namespace

HistoryDialog::HistoryDialog(ProjectDocument *document, const Id &id, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_id(id)
{
    setObjectName(QStringLiteral("historyDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("historyHeader"));
    m_header->setTextFormat(Qt::PlainText);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);

    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setHeaderLabels({ tr("When"), tr("Who"), tr("What") });
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 130);
    m_list->setColumnWidth(1, 120);

    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("historyEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_empty);
    m_pages->addWidget(m_list);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    resize(640, 420);

    // Any change may add lines; several signals of one edit make one read.
    auto *again = new QTimer(this);
    again->setSingleShot(true);
    again->setInterval(0);
    connect(again, &QTimer::timeout, this, &HistoryDialog::refresh);
    auto later = [again] { again->start(); };
    connect(document, &ProjectDocument::nodeChanged, again, later);
    connect(document, &ProjectDocument::nodesAdded, again, later);
    connect(document, &ProjectDocument::nodesRemoved, again, later);
    connect(document, &ProjectDocument::nodesMoved, again, later); // moves are history too
    connect(document, &ProjectDocument::edgeRoutesChanged, again, later);
    connect(document, &ProjectDocument::edgesAdded, again, later);
    connect(document, &ProjectDocument::edgeChanged, again, later);
    connect(document, &ProjectDocument::edgesRemoved, again, later);
    connect(document, &ProjectDocument::testCasesChanged, again, later);
    connect(document, &ProjectDocument::commentsChanged, again, later);
    connect(document, &ProjectDocument::flowsChanged, again, later);
    connect(document, &ProjectDocument::destroyed, this, &QDialog::close);
    refresh();
}

HistoryDialog *HistoryDialog::showFor(ProjectDocument *document, const Id &id, QWidget *parent)
{
    for (HistoryDialog *open : parent->findChildren<HistoryDialog *>())
        if (open->m_document == document && open->m_id == id) {
            open->raise();
            open->activateWindow();
            return open;
        }
    auto *dialog = new HistoryDialog(document, id, parent);
    dialog->show();
    return dialog;
}

QAction *HistoryDialog::addMenuAction(
    QMenu *menu, ProjectDocument *document, const Id &id, QWidget *parent, const QString &objectName)
{
    QAction *action
        = menu->addAction(tr("&History…"), parent, [document, id, parent] { showFor(document, id, parent); });
    action->setObjectName(objectName);
    return action;
}

QString HistoryDialog::title() const
{
    if (const Node *n = m_document->node(m_id))
        return tr("History of “%1”").arg(n->name);
    if (const TestCase *t = m_document->testCase(m_id))
        return tr("History of test case “%1”").arg(t->title);
    return tr("History");
}

QString HistoryDialog::emptyText() const
{
    return m_empty->text();
}

void HistoryDialog::refresh()
{
    setWindowTitle(title());
    m_header->setText(title());
    const Result<QList<EditLogEntry>> history = m_document->history(m_id);
    m_list->clear();
    if (!history) {
        m_empty->setText(tr("Cannot read the history: %1").arg(history.error()));
        m_pages->setCurrentWidget(m_empty);
        return;
    }
    if (history->isEmpty()) {
        m_empty->setText(tr("No recorded changes yet.\nEdits made from now on are listed here, newest first, "
                            "with who made them and when."));
        m_pages->setCurrentWidget(m_empty);
        return;
    }
    for (const EditLogEntry &e : history.value()) {
        auto *row = new QTreeWidgetItem(
            m_list, { when(e.at), e.author.isEmpty() ? tr("(unknown)") : e.author, what(e, m_id) });
        row->setToolTip(0, QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat));
        row->setToolTip(2, row->text(2));
    }
    m_pages->setCurrentWidget(m_list);
}

} // namespace flowbench
