#pragma once

#include "EndpointRegistration.h"

#include <functional>
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace courier {

class AudienceRefresh;
class Database;
class SecretStore;

namespace ui {

class ConnectPage;

// "Connect an endpoint": one ConnectPage (Google Analytics 4, APSIS One…) with what it still
// needs shown inline, and a Connect button that saves the endpoint, puts its credentials in the
// keychain and loads its audiences (EndpointRegistration), showing each step and the outcome —
// the audiences found, or the connector's own explanation of what went wrong. After a failed
// load the endpoint stays saved; correcting the form and connecting again updates it rather
// than adding another one.
class ConnectEndpointDialog : public QDialog
{
    Q_OBJECT

public:
    // Takes page as a child. database must outlive the dialog; secrets and refresh are watched.
    ConnectEndpointDialog(ConnectPage *page, const Database &database, SecretStore *secrets,
                          AudienceRefresh *refresh, QWidget *parent = nullptr);
    ~ConnectEndpointDialog() override;

    ConnectPage *page() const { return m_page; }
    template <typename Page> Page *pageAs() const { return qobject_cast<Page *>(m_page); }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *closeButton() const { return m_close; }
    QLabel *problemLabel() const { return m_problem; }
    QLabel *statusLabel() const { return m_status; }
    QListWidget *audienceList() const { return m_audiences; }
    // What to do next, shown once connected (the address a PUSH producer sends to, say).
    QLabel *connectedNoteLabel() const { return m_note; }
    // Gives the text of that note for the endpoint just connected; empty: none.
    void setConnectedNote(std::function<QString(qint64 endpointId)> note)
    {
        m_noteFor = std::move(note);
    }
    // The endpoint saved by this dialog; 0 before.
    qint64 endpointId() const { return m_endpointId; }
    bool isConnected() const { return m_state == State::Connected; }

    // Connects (once connected: closes).
    void accept() override;
    // Closes; not while the endpoint and its credentials are being saved (a moment), so none is
    // left half-registered. Closing while the audiences load lets the load go on.
    void reject() override;

signals:
    // The endpoint is in the cache (again, after a retry).
    void endpointSaved(qint64 endpointId);
    // An attempt ended: ok with the number of audiences found, or the error (translated).
    void connectFinished(qint64 endpointId, bool ok, int count, const QString &error);

private:
    enum class State { Editing, Working, Connected };

    void startConnect();
    void onStep(EndpointRegistration::Step step);
    void onFinished(qint64 endpointId, bool secretsStored, bool ok, int count,
                    const QString &error);
    void showAudiences(qint64 endpointId);
    void showStatus(const QString &text, bool warning);
    void fitContentsLater();
    void updateState();

    const Database &m_database;
    ConnectPage *m_page;
    EndpointRegistration *m_registration;
    State m_state = State::Editing;
    qint64 m_endpointId = 0;
    QString m_endpointName;
    bool m_listsAudiences = true; // this attempt loads the endpoint's audiences
    std::function<QString(qint64)> m_noteFor;

    QLabel *m_problem = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QListWidget *m_audiences = nullptr;
    QLabel *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace ui
} // namespace courier
