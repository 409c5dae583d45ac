#pragma once

#include "model/check.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace flowbench {

// Edits a check's captures: variable name, source (path, jq, header, column, regex —
// the sources on offer depend on the check type) and expression. Later steps of the
// same test case use a capture as {{name}}.
class CaptureTable : public QWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, SourceColumn, ExpressionColumn, ColumnCount };

    explicit CaptureTable(QWidget *parent = nullptr);

    void setSources(const QStringList &sources);
    void setCaptures(const QList<Capture> &captures); // no capturesEdited()
    QList<Capture> captures() const;
    int errorCount() const { return m_errors.size(); }
    QStringList errors() const { return m_errors; }
    QTableWidget *table() const { return m_table; }

public slots:
    void addCapture();
    void removeCurrent();

signals:
    void capturesEdited();

private:
    void insertRow(const Capture &capture);
    void validate();
    void edited();

    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_errorLabel;
    QStringList m_sources;
    QStringList m_errors;
    bool m_loading = false;
};

} // namespace flowbench
