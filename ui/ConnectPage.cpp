#include "ConnectPage.h"

#include <QLineEdit>
#include <QToolButton>
#include <QUrl>

namespace courier::ui {

bool ConnectPage::isWebAddress(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
           !url.host().isEmpty();
}

QLineEdit *ConnectPage::addressEdit(const QString &objectName, const QString &accessibleName,
                                    const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    return edit;
}

QToolButton *ConnectPage::advancedToggle(QWidget *section)
{
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(QStringLiteral("advancedToggle"));
    toggle->setText(tr("Ad&vanced"));
    toggle->setAccessibleName(tr("Show advanced settings"));
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setAutoRaise(true);
    toggle->setCheckable(true);
    toggle->setArrowType(Qt::RightArrow);
    section->setVisible(false);
    connect(toggle, &QToolButton::toggled, section, [toggle, section](bool open) {
        toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        section->setVisible(open);
        // Once the layout has taken in the change, so the window fits the fields shown.
        QMetaObject::invokeMethod(section->window(), &QWidget::adjustSize, Qt::QueuedConnection);
    });
    return toggle;
}

} // namespace courier::ui
