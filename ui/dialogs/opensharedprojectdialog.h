#pragma once

#include "store/projectlocation.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace flowbench {

// File ▸ Open Shared Project…: a project in a PostgreSQL database, by URL
// (postgresql://user@host:port/database?project=NAME) and a password reference
// (${keychain:ENTRY} or ${env:NAME}; never the password). Recent shared projects are
// offered below; picking one fills both fields. A URL that does not parse says which
// part is wrong, and Open stays disabled until it does.
class OpenSharedProjectDialog : public QDialog
{
    Q_OBJECT
public:
    OpenSharedProjectDialog(const QStringList &recent, QWidget *parent = nullptr);

    // Valid once the dialog was accepted.
    ProjectLocation location() const;

    QLineEdit *urlField() const { return m_url; }
    QLineEdit *passwordRefField() const { return m_passwordRef; }
    QLabel *problemLabel() const { return m_problem; }
    QListWidget *recentList() const { return m_recent; }

private:
    void check();

    QLineEdit *m_url;
    QLineEdit *m_passwordRef;
    QLabel *m_problem;
    QListWidget *m_recent;
    QDialogButtonBox *m_buttons;
};

} // namespace flowbench
