#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace courier {

// One forward-only schema step. Its statements and the user_version bump commit together.
struct Migration
{
    int version = 0; // the schema version this step produces
    QString description;
    QStringList statements; // one SQL statement each (QtSql runs one statement per exec)
};

// The cache's schema history, versioned by PRAGMA user_version.
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(courier::Migrations)

public:
    // Every step this build knows, in version order (1, 2, ...).
    static const QList<Migration> &all();
    static int latestVersion();

    // PRAGMA user_version, or -1 + *error when it cannot be read.
    static int currentVersion(QSqlDatabase db, QString *error = nullptr);

    // Applies all() up to targetVersion. Each step runs in its own transaction: a failing step
    // leaves the schema at the previous step's version, with nothing of itself applied.
    static bool migrate(QSqlDatabase db, int targetVersion, QString *error = nullptr);
    // The same with explicit steps, so tests can inject a failing one.
    static bool migrate(QSqlDatabase db, int targetVersion, const QList<Migration> &steps,
                        QString *error = nullptr);
};

} // namespace courier
