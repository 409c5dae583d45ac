#pragma once

#include "model/project.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace flowbench {

class ResponseViewer;

// A run's selection as stored ("test case 1f3c…, up to step 9a0b…", ids: stable in the
// file) with the ids replaced by the titles and step names the project has now.
QString selectionForPeople(const QString &selection, const Project &project);

// One run's check results as table rows, in arrival order; names come from the project.
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        TestCaseColumn,
        NodeColumn,
        CheckColumn,
        TypeColumn,
        DurationColumn,
        AttemptsColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role { NodeIdRole = Qt::UserRole, StatusRole, SortRole };

    using QAbstractTableModel::QAbstractTableModel;
    void setProject(const Project &project);
    void setResults(const QList<CheckResult> &results);
    void append(const CheckResult &result); // replaces a result with the same id
    void removeNodes(const QList<Id> &nodeIds); // their results leave the list
    const QList<CheckResult> &results() const { return m_results; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QColor statusColor(ResultStatus status);
    static QString statusText(ResultStatus status);
    static QIcon statusIcon(ResultStatus status);

private:
    struct CheckInfo
    {
        QString name;
        QString type;
    };
    QList<CheckResult> m_results;
    QHash<Id, QString> m_testCaseTitles;
    QHash<Id, QString> m_nodeNames;
    QHash<Id, CheckInfo> m_checks;
};

// Filters by status group and by text in any column.
class ResultsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum Mode { All, Problems, Passed };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMode(Mode mode);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Mode m_mode = All;
    QString m_text;
};

// The results of one run: live during the run (appendResult), a filter, a text search,
// and a response viewer with the selected result's message and evidence. Double-click jumps to the node.
class ResultsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget *parent = nullptr);

    void setRun(const Run &run, const QList<CheckResult> &results, const Project &project);
    void setFilter(ResultsFilter::Mode mode);
    void setSearchText(const QString &text);

    QTableView *view() const { return m_view; }
    ResultsModel *model() const { return m_model; }
    QString detailsText() const;
    ResponseViewer *responseViewer() const { return m_details; }
    QString summaryText() const;

public slots:
    void appendResult(const flowbench::CheckResult &result);
    void clear();
    void removeResultsOfNodes(const QList<flowbench::Id> &nodeIds); // nodes deleted from the map

signals:
    void nodeActivated(const flowbench::Id &nodeId);

protected:
    // In a wide, short dock (the bottom one) the response viewer goes beside the table,
    // where it gets the whole height; in a tall one, below it.
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateSummary();
    void updateDetails();
    void updateEmptyState();

    Run m_run;
    ResultsModel *m_model;
    ResultsFilter *m_filter;
    QLabel *m_summary;
    QComboBox *m_mode;
    QLineEdit *m_search;
    QStackedWidget *m_tablePages;
    QTableView *m_view;
    QLabel *m_empty;
    ResponseViewer *m_details;
    QSplitter *m_splitter = nullptr;
};

} // namespace flowbench
