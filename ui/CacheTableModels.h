#pragma once

#include "model/Audience.h"
#include "model/Endpoint.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace courier::ui {

// The cached audiences, as the Audiences page lists them. Read-only: the cache is refreshed
// from the endpoints, never edited here.
class AudienceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        SourceColumn,
        SizeColumn,
        IdentifiersColumn,
        RefreshedColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    // endpointNames maps an endpoint id to the name shown in the Source column.
    void setAudiences(QList<AudienceInfo> audiences, QHash<qint64, QString> endpointNames);
    const AudienceInfo &audience(int row) const { return m_audiences.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<AudienceInfo> m_audiences;
    QHash<qint64, QString> m_endpointNames;
};

// The registered endpoints, for the Endpoints page.
class EndpointTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KindColumn,
        RoleColumn,
        IdentifiersColumn,
        UpdatedColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setEndpoints(QList<Endpoint> endpoints);
    const Endpoint &endpoint(int row) const { return m_endpoints.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "CSV folder", "Google Analytics 4", ...; the kind key itself for kinds not known yet.
    static QString kindDisplayName(const QString &kind);
    static QString roleDisplayName(Endpoint::Role role);

private:
    QList<Endpoint> m_endpoints;
};

} // namespace courier::ui
