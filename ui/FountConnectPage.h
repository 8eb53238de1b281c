#pragma once

#include "ConnectPage.h"

class QLineEdit;
class QToolButton;

namespace courier::ui {

// "Connect The Fount": a personal access token from the user's Fount profile (to the
// keychain), and another API address under Advanced (a proxy, a test server).
class FountConnectPage : public ConnectPage
{
    Q_OBJECT

public:
    explicit FountConnectPage(QWidget *parent = nullptr);

    QString title() const override;
    QString intro() const override;
    QString problem() const override;
    EndpointDraft draft() const override;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *tokenEdit() const { return m_token; }
    QToolButton *advancedButton() const { return m_advancedToggle; }
    QLineEdit *apiUrlEdit() const { return m_apiUrl; }

private:
    QLineEdit *m_name = nullptr;
    QLineEdit *m_token = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLineEdit *m_apiUrl = nullptr;
};

} // namespace courier::ui
