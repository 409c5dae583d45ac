#pragma once

#include "model/environment.h"
#include "result.h"
#include "store/leasestore.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace flowbench {

// Stores a secret in the system keychain (service "flowbench", key `entry`). Implemented
// with QtKeychain when built with FLOWBENCH_HAVE_KEYCHAIN, else an error that says so.
Status storeKeychainSecret(const QString &entry, const QString &secret);

// Edits the project's environments: name, protected and shared flags, variables and
// connections; "Audit…" lists the runs against the shown one (setAuditSource).
// Secrets never enter the project: a password field takes only a reference
// (${env:NAME} or ${keychain:ENTRY}); "Set secret…" puts a typed secret in the keychain
// and writes only its reference. Returns the edited list on accept (environments()).
class EnvironmentDialog : public QDialog
{
    Q_OBJECT
public:
    enum ConnectionColumn {
        NameColumn,
        DriverColumn,
        HostColumn,
        PortColumn,
        DatabaseColumn,
        UserColumn,
        PasswordColumn,
        ConnectionColumnCount
    };

    explicit EnvironmentDialog(const QList<Environment> &environments, QWidget *parent = nullptr);

    QList<Environment> environments() const;
    void selectEnvironment(int index);
    // The keychain call; tests replace it so that no real keychain is touched.
    void setSecretStore(std::function<Status(const QString &entry, const QString &secret)> store);
    // Stores `secret` under `entry` and writes ${keychain:entry} into the variable row
    // (or the connection row's password when forConnection).
    Status applySecret(int row, bool forConnection, const QString &entry, const QString &secret);

    QListWidget *environmentList() const { return m_list; }
    QTableWidget *variablesTable() const { return m_variables; }
    QTableWidget *connectionsTable() const { return m_connections; }
    // Proxies: For (a node or edge of the map), Listen (loopback host:port), Upstream.
    enum ProxyColumn { ProxyTargetColumn, ProxyListenColumn, ProxyUpstreamColumn, ProxyColumnCount };
    QTableWidget *proxiesTable() const { return m_proxies; }
    // What a proxy may stand for: (label, node or edge id), e.g. ("orders → payment", id).
    void setProxyTargets(const QList<QPair<QString, QString>> &targets);
    QCheckBox *protectedBox() const { return m_protected; }
    QCheckBox *sharedBox() const { return m_shared; }
    QPushButton *auditButton() const { return m_auditButton; }
    // Where "Audit…" reads an environment's runs (the open project's store); without one
    // the button stays disabled.
    using AuditSource = std::function<Result<QList<AuditEntry>>(const QString &environmentId)>;
    void setAuditSource(AuditSource source);
    // Opens the audit of the shown environment (what "Audit…" does); the dialog is
    // returned shown, owned by this one, for tests.
    QDialog *openAudit();
    QString messageText() const;

public slots:
    void addEnvironment();
    void renameEnvironment();
    void removeEnvironment();
    void addVariable();
    void addConnection();
    void accept() override;

private:
    void load(int index);
    void save();
    void askSecret(bool forConnection);
    void passwordEdited(int row);
    void showMessage(const QString &text, bool error = true);
    QString validate() const;
    QString duplicateVariable() const; // a name defined twice in the shown environment
    void insertConnectionRow(const Connection &connection);
    void insertProxyRow(const ProxyRoute &route);

    QList<Environment> m_environments;
    int m_current = -1;
    bool m_loading = false;
    std::function<Status(const QString &, const QString &)> m_store;

    QListWidget *m_list;
    QWidget *m_editor;
    QLabel *m_emptyState;
    QCheckBox *m_protected;
    QCheckBox *m_shared;
    QPushButton *m_auditButton;
    AuditSource m_auditSource;
    QTableWidget *m_variables;
    QTableWidget *m_connections;
    QTableWidget *m_proxies = nullptr;
    QList<QPair<QString, QString>> m_proxyTargets;
    QLabel *m_message;
};

} // namespace flowbench
