#pragma once

#include "model/run.h"
#include "run/responseparts.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QStandardItemModel;
class QTableWidget;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace flowbench {

// What a check saw, for a person: status, timing and message on top; below, in tabs, the
// body (JSON as a tree that folds, anything else as text), the HTTP headers, SQL rows as
// a table, log lines as a list, and the raw evidence. Tabs a response has nothing for are
// hidden. Used by the results panel and by the check editor (the check's last response).
class ResponseViewer : public QWidget
{
    Q_OBJECT
public:
    enum Tab { BodyTab, HeadersTab, RowsTab, LinesTab, RawTab };

    explicit ResponseViewer(QWidget *parent = nullptr);

    // `title` names the result for a person: "node — test case / check (type)".
    void showResult(const CheckResult &result, const QString &checkType, const QString &title);
    void clear(const QString &placeholder = QString());

    const ResponseParts &parts() const { return m_parts; }
    QString rawText() const; // the heading, message and evidence as one text
    bool isTabShown(Tab tab) const;
    QTabWidget *tabs() const { return m_tabs; }
    QTreeView *jsonTree() const { return m_tree; }
    QStandardItemModel *jsonModel() const { return m_treeModel; }
    QTableWidget *headersTable() const { return m_headers; }
    QTableWidget *rowsTable() const { return m_rows; }
    QListWidget *linesList() const { return m_lines; }
    // A docked viewer is small (about 170 px high at 1366 × 768): the result opens in a
    // window of its own, as large as a person makes it. Null when nothing is shown.
    ResponseViewer *openInWindow();
    QToolButton *openInWindowButton() const { return m_openInWindow; }

private:
    void showParts();
    void setTabShown(Tab tab, bool shown);

    ResponseParts m_parts;
    CheckResult m_result;
    QString m_checkType;
    QString m_title;
    bool m_hasResult = false;
    QLabel *m_heading;
    QLabel *m_message;
    QTabWidget *m_tabs;
    QStackedWidget *m_bodyPages;
    QTreeView *m_tree;
    QStandardItemModel *m_treeModel;
    QPlainTextEdit *m_bodyText;
    QTableWidget *m_headers;
    QTableWidget *m_rows;
    QListWidget *m_lines;
    QPlainTextEdit *m_raw;
    QToolButton *m_openInWindow;
};

} // namespace flowbench
