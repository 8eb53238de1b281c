#pragma once

#include "model/Audience.h"

#include <QDialog>
#include <QJsonObject>
#include <QString>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace courier {

class Database;

namespace ui {

// What the user asked for in the "Share to a CSV file" dialog.
struct CsvShareRequest
{
    AudienceInfo audience;
    QString shareName;
    QString directory;
    QString fileName;          // empty: "<share name>-<UTC time>.csv" at each run
    QStringList columns;       // the audience's columns to write, in the audience's order
    QJsonObject sourceOptions; // e.g. the event window when event columns are chosen
    bool runNow = true;
};

// The quick way from an audience to a file: pick the folder, the file name and the columns,
// and a share to a CSV file destination is created (and, if asked, run at once). The full
// share wizard (mappings, transforms, schedules) builds on the same share and endpoint.
class ShareToCsvDialog : public QDialog
{
    Q_OBJECT

public:
    ShareToCsvDialog(const AudienceInfo &audience, const QString &defaultDirectory,
                     QWidget *parent = nullptr);

    CsvShareRequest request() const;

    QLineEdit *shareNameEdit() const { return m_name; }
    QLineEdit *directoryEdit() const { return m_directory; }
    QLineEdit *fileNameEdit() const { return m_fileName; }
    QListWidget *columnList() const { return m_columns; }
    QCheckBox *runNowBox() const { return m_runNow; }
    QSpinBox *eventDaysBox() const { return m_eventDays; }

    void accept() override;

private:
    void browse();
    void updateState();
    QString problem() const;

    AudienceInfo m_audience;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_directory = nullptr;
    QLineEdit *m_fileName = nullptr;
    QListWidget *m_columns = nullptr;
    QCheckBox *m_runNow = nullptr;
    QSpinBox *m_eventDays = nullptr;
    QLabel *m_eventDaysLabel = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

// On a worker thread: the CSV file endpoint for request.directory (reused when one exists,
// else registered) and the share; the share's id, or 0 and *error.
qint64 createCsvShare(const Database &database, const CsvShareRequest &request, QString *error);

} // namespace ui
} // namespace courier
