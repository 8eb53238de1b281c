#pragma once

#include "ConnectPage.h"

class QComboBox;
class QLineEdit;
class QToolButton;

namespace courier::ui {

// "Connect APSIS One": the account's region (or another API address, under Advanced) and an
// API key's client id and secret; the secret goes to the keychain.
class ApsisConnectPage : public ConnectPage
{
    Q_OBJECT

public:
    explicit ApsisConnectPage(QWidget *parent = nullptr);

    QString title() const override;
    QString intro() const override;
    QString problem() const override;
    EndpointDraft draft() const override;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *regionBox() const { return m_region; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QToolButton *advancedButton() const { return m_advancedToggle; }
    QLineEdit *apiUrlEdit() const { return m_apiUrl; }

private:
    QUrl baseUrl() const;

    QLineEdit *m_name = nullptr;
    QComboBox *m_region = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLineEdit *m_apiUrl = nullptr;
};

} // namespace courier::ui
