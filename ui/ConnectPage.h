#pragma once

#include "EndpointRegistration.h"

#include <QString>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace courier::ui {

// The form of one kind of endpoint in ConnectEndpointDialog: its fields and sign-in, what is
// still missing, and the endpoint with its secrets once everything is filled in.
class ConnectPage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual QString title() const = 0; // the dialog's window title
    virtual QString intro() const = 0; // one or two sentences above the form
    // What the user must still do before Connect, as one sentence; empty when ready.
    virtual QString problem() const = 0;
    // The endpoint as filled in, with the credentials for the keychain (only when problem() is
    // empty).
    virtual EndpointDraft draft() const = 0;

signals:
    // A field changed: the dialog asks problem() again.
    void changed();

protected:
    // An http(s) URL with a host; an empty text is not one.
    static bool isWebAddress(const QString &text);
    // A line edit for an optional address, the default shown as placeholder.
    QLineEdit *addressEdit(const QString &objectName, const QString &accessibleName,
                           const QString &placeholder);
    // A "▸ Advanced" button that shows and hides section (hidden at first).
    QToolButton *advancedToggle(QWidget *section);
};

} // namespace courier::ui
