#pragma once

#include "testcases/checkforms/checkform.h"

class QComboBox;
class QLineEdit;
class QStackedWidget;

namespace flowbench {

class TimeoutBox;

class CommittingTextEdit;
class KeyValueTable;

// The http check's spec (HttpCheck::vocabulary()): method, url, headers, body (raw, JSON,
// form fields or multipart parts), basic auth, timeout_ms.
class HttpCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit HttpCheckForm(QWidget *parent = nullptr);

    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *methodBox() const { return m_method; }
    QComboBox *bodyModeBox() const { return m_bodyMode; }
    CommittingTextEdit *bodyJsonEdit() const { return m_json; }
    CommittingTextEdit *multipartEdit() const { return m_multipart; }
    QLineEdit *authUserEdit() const { return m_authUser; }
    QLineEdit *authPasswordEdit() const { return m_authPassword; }

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    void showBodyPage(int page);

    QComboBox *m_method;
    QLineEdit *m_url;
    QLabel *m_urlError;
    KeyValueTable *m_headers;
    QComboBox *m_bodyMode;
    QStackedWidget *m_bodyPages;
    CommittingTextEdit *m_raw;
    CommittingTextEdit *m_json;
    KeyValueTable *m_form;
    CommittingTextEdit *m_multipart; // the parts as a JSON list
    QLineEdit *m_authUser; // basic auth; empty: none
    QLineEdit *m_authPassword; // a secret reference or {{variable}}
    QLabel *m_authError;
    QLabel *m_bodyError;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
