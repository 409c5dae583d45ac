#pragma once

#include "model/ids.h"

#include <QDialog>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QTreeWidget;

namespace flowbench {

class ProjectDocument;

// Who changed what, when, for one node (with its edges, test cases and comments) or one
// test case: the edit log newest first ("Title: 'A' → 'B'", "added", "removed"). Not
// modal; it reads the log again whenever the document announces a change, so edits by
// others on a shared project appear as they arrive.
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDialog(ProjectDocument *document, const Id &id, QWidget *parent = nullptr);

    // Opens (or raises) the history of `id`; it closes with the document.
    static HistoryDialog *showFor(ProjectDocument *document, const Id &id, QWidget *parent);
    // "History…" in a context menu, opening showFor(document, id, parent).
    static QAction *addMenuAction(
        QMenu *menu, ProjectDocument *document, const Id &id, QWidget *parent, const QString &objectName);

    QTreeWidget *list() const { return m_list; }
    QString emptyText() const;
    void refresh();

private:
    QString title() const;

    ProjectDocument *m_document;
    Id m_id;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    QLabel *m_header;
    QTreeWidget *m_list;
};

} // namespace flowbench
