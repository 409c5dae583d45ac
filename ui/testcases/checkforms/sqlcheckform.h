#pragma once

#include "testcases/checkforms/checkform.h"

class QCheckBox;

namespace flowbench {

class TimeoutBox;

class CommittingTextEdit;
class ConnectionCombo;
class KeyValueTable;

// spec: {"connection","query","params":{name:value},"allow_writes","timeout_ms"}
class SqlCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit SqlCheckForm(QWidget *parent = nullptr);

    CommittingTextEdit *queryEdit() const { return m_query; }
    QCheckBox *allowWritesBox() const { return m_allowWrites; }

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    ConnectionCombo *m_connection;
    QLabel *m_connectionError;
    CommittingTextEdit *m_query;
    QLabel *m_queryError;
    KeyValueTable *m_params;
    QCheckBox *m_allowWrites;
    QLabel *m_writeWarning;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
