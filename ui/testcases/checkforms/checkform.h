#pragma once

#include "checks/checkvocabulary.h"
#include "model/check.h"
#include "model/environment.h"

#include <QByteArray>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flowbench {

class AssertionTable;
class CaptureTable;

// The editor of one check (one step of a test case). The name, assertions, captures and
// `eventually` are shared; each check type adds its spec fields (one subclass per type,
// registered in checkformfactory.cpp). What is on offer — assertion kinds and their ops,
// capture sources, a field's choices, defaults and rules — is read from the type's
// vocabulary in core (CheckType::vocabulary()), never listed here. A form edits a copy
// and emits checkEdited() once per committed edit (editingFinished, a combo choice, a
// table cell); it never writes the project itself.
class CheckForm : public QWidget
{
    Q_OBJECT
public:
    // `type` must be registered in CheckRegistry.
    explicit CheckForm(const QString &type, QWidget *parent = nullptr);
    ~CheckForm() override;

    QString type() const { return m_type; }
    const CheckVocabulary &vocabulary() const { return *m_vocabulary; }
    void setCheck(const Check &check); // loads without emitting checkEdited()
    Check check() const; // the loaded check with the widgets' values
    Id checkId() const { return m_check.id; }

    // Connections offered by the form's connection combos (sql, redis, amqp); names stay editable.
    void setConnections(const QList<Connection> &connections);
    void setLastEvidence(const QByteArray &body);

    // Every inline error currently shown, each naming its field.
    QStringList errors() const;

    AssertionTable *assertionTable() const { return m_assertions; }
    CaptureTable *captureTable() const { return m_captures; }
    QGroupBox *eventuallyBox() const { return m_eventually; }
    QGroupBox *capturesBox() const { return m_capturesBox; }

signals:
    void checkEdited();

protected:
    virtual void loadSpec(const QJsonObject &spec) = 0;
    // Writes the fields into spec; keys the form does not know are kept as they were.
    virtual QJsonObject writeSpec(QJsonObject spec) const = 0;
    // Updates the inline error labels of the spec fields.
    virtual void validateSpec() { }

    // The declared spec field of that name (it must be declared).
    const SpecField &field(const QString &name) const;
    // A spec field's default as an int (timeouts), or `fallback` when it has none.
    int defaultInt(const QString &name, int fallback = 0) const;
    // Adds a spec row with a red error label under the field; returns the label.
    QLabel *addField(const QString &label, QWidget *field);
    void addRow(const QString &label, QWidget *field);
    static void showError(QLabel *label, const QString &error);
    bool isLoading() const { return m_loading; }
    // Subclasses call this on each committed edit of a spec field.
    void commit();

private:
    void validateAll();

    QString m_type;
    const CheckVocabulary *m_vocabulary;
    Check m_check;
    QFormLayout *m_form;
    QLineEdit *m_name;
    AssertionTable *m_assertions;
    CaptureTable *m_captures;
    QGroupBox *m_capturesBox;
    QGroupBox *m_eventually;
    QSpinBox *m_timeout;
    QSpinBox *m_interval;
    QLabel *m_eventuallyError;
    QList<QLabel *> m_errorLabels;
    bool m_loading = false;
};

} // namespace flowbench
