#pragma once

#include "testcases/checkforms/checkform.h"

class QLineEdit;

namespace flowbench {

// spec: {"file": file or glob relative to the project folder, "regex"}
class LogCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit LogCheckForm(QWidget *parent = nullptr);

    QLineEdit *regexEdit() const { return m_regex; }

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    QLineEdit *m_file;
    QLabel *m_fileError;
    QLineEdit *m_regex;
    QLabel *m_regexError;
};

} // namespace flowbench
