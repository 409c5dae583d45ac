#include "shell/welcomewidget.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSvgWidget>
#include <QVBoxLayout>

namespace flowbench {

WelcomeWidget::WelcomeWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcome"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xf8, 0xfa, 0xfc));
    setPalette(pal);

    auto *logo = new QSvgWidget(QStringLiteral(":/icons/flowbench.svg"));
    logo->setFixedSize(72, 72);
    auto *title = new QLabel(tr("Flowbench"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.2);
    f.setBold(true);
    title->setFont(f);
    auto *subtitle = new QLabel(tr("Map user flows to the backend parts they touch, attach test cases "
                                   "and see what is covered."));
    subtitle->setWordWrap(true);
    subtitle->setStyleSheet(QStringLiteral("color: #475569;"));

    auto *newButton = new QPushButton(tr("New project…"));
    newButton->setObjectName(QStringLiteral("welcomeNew"));
    auto *openButton = new QPushButton(tr("Open project…"));
    openButton->setObjectName(QStringLiteral("welcomeOpen"));
    m_example = new QPushButton(tr("Open the example project"));
    m_example->setObjectName(QStringLiteral("welcomeExample"));
    for (QPushButton *b : {newButton, openButton, m_example})
        b->setMinimumHeight(34);

    auto *recentTitle = new QLabel(tr("Recent projects"));
    QFont rf = recentTitle->font();
    rf.setBold(true);
    recentTitle->setFont(rf);
    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("welcomeRecent"));
    m_recent->setMaximumHeight(180);
    m_recent->setTextElideMode(Qt::ElideMiddle);
    m_recent->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *column = new QVBoxLayout;
    column->addWidget(logo, 0, Qt::AlignHCenter);
    column->addWidget(title, 0, Qt::AlignHCenter);
    column->addWidget(subtitle);
    column->addSpacing(16);
    column->addWidget(newButton);
    column->addWidget(openButton);
    column->addWidget(m_example);
    column->addSpacing(16);
    column->addWidget(recentTitle);
    column->addWidget(m_recent);

    auto *box = new QWidget;
    box->setFixedWidth(480);
    box->setLayout(column);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addWidget(box, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(newButton, &QPushButton::clicked, this, &WelcomeWidget::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomeWidget::openRequested);
    connect(m_example, &QPushButton::clicked, this, &WelcomeWidget::exampleRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentRequested(item->data(Qt::UserRole).toString());
    });
}

void WelcomeWidget::setRecentFiles(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QFileInfo(path).completeBaseName(),
                                                                       QDir::toNativeSeparators(path)),
                                         m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    if (paths.isEmpty())
        new QListWidgetItem(tr("No recent projects yet."), m_recent);
}

void WelcomeWidget::setExampleAvailable(bool available)
{
    m_example->setEnabled(available);
    m_example->setToolTip(available ? QString()
                                    : tr("The example project was not found next to the program "
                                         "(set FLOWBENCH_EXAMPLE to its path)."));
}

} // namespace flowbench
