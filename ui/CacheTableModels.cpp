#include "CacheTableModels.h"

#include "Formatting.h"

namespace courier::ui {

namespace {

QString listText(const QStringList &items)
{
    return items.join(QStringLiteral(", "));
}

} // namespace

// ---- AudienceTableModel ----

void AudienceTableModel::setAudiences(QList<AudienceInfo> audiences,
                                      QHash<qint64, QString> endpointNames)
{
    beginResetModel();
    m_audiences = std::move(audiences);
    m_endpointNames = std::move(endpointNames);
    endResetModel();
}

int AudienceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_audiences.size());
}

int AudienceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AudienceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AudienceInfo &audience = m_audiences.at(index.row());
    const auto column = static_cast<Column>(index.column());

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return audience.name;
        case SourceColumn:
            return m_endpointNames.value(audience.endpointId);
        case SizeColumn:
            // Many systems report sizes lazily; say so rather than show a misleading 0.
            return audience.sizeKnown() ? format::count(audience.size) : tr("Unknown");
        case IdentifiersColumn:
            return listText(audience.identifiers);
        case RefreshedColumn:
            return format::timestamp(audience.refreshedAt);
        case ColumnCount:
            break;
        }
        break;
    case SortRole:
        switch (column) {
        case SizeColumn:
            return audience.size;
        case RefreshedColumn:
            return audience.refreshedAt;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return audience.description.isEmpty() ? audience.name : audience.description;
        case RefreshedColumn:
            return format::timestampLong(audience.refreshedAt);
        case IdentifiersColumn:
            return audience.attributes.isEmpty()
                       ? QVariant()
                       : tr("Attributes: %1").arg(listText(audience.attributes));
        default:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant AudienceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Name");
    case SourceColumn:
        return tr("Source");
    case SizeColumn:
        return tr("Size");
    case IdentifiersColumn:
        return tr("Identifiers");
    case RefreshedColumn:
        return tr("Refreshed");
    case ColumnCount:
        break;
    }
    return {};
}

// ---- EndpointTableModel ----

void EndpointTableModel::setEndpoints(QList<Endpoint> endpoints)
{
    beginResetModel();
    m_endpoints = std::move(endpoints);
    endResetModel();
}

int EndpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_endpoints.size());
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EndpointTableModel::kindDisplayName(const QString &kind)
{
    if (kind == QLatin1String("csv"))
        return tr("CSV files");
    if (kind == QLatin1String("ga4"))
        return tr("Google Analytics 4");
    if (kind == QLatin1String("apsis"))
        return tr("APSIS One");
    if (kind == QLatin1String("fount"))
        return tr("The Fount");
    if (kind == QLatin1String("aep"))
        return tr("Adobe Experience Platform");
    if (kind == QLatin1String("exchange"))
        return tr("Audience exchange"); // the generic exchange protocol, not the mail server
    if (kind == QLatin1String("meta"))
        return tr("Meta");
    return kind;
}

QString EndpointTableModel::roleDisplayName(Endpoint::Role role)
{
    switch (role) {
    case Endpoint::Role::Source:
        return tr("Source");
    case Endpoint::Role::Destination:
        return tr("Destination");
    case Endpoint::Role::Both:
        return tr("Source and destination");
    }
    return {};
}

QVariant EndpointTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Endpoint &endpoint = m_endpoints.at(index.row());
    const auto column = static_cast<Column>(index.column());

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return endpoint.name;
        case KindColumn:
            return kindDisplayName(endpoint.kind);
        case RoleColumn:
            return roleDisplayName(endpoint.role);
        case IdentifiersColumn:
            return listText(endpoint.identifiers);
        case UpdatedColumn:
            return format::timestamp(endpoint.updatedAt);
        case ColumnCount:
            break;
        }
        break;
    case SortRole:
        if (column == UpdatedColumn)
            return endpoint.updatedAt;
        return data(index, Qt::DisplayRole).toString().toLower();
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return endpoint.contactUrl.isEmpty() ? QVariant()
                                                 : endpoint.contactUrl.toDisplayString();
        case IdentifiersColumn:
            return endpoint.attributes.isEmpty()
                       ? QVariant()
                       : tr("Attributes: %1").arg(listText(endpoint.attributes));
        case UpdatedColumn:
            return format::timestampLong(endpoint.updatedAt);
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Type");
    case RoleColumn:
        return tr("Role");
    case IdentifiersColumn:
        return tr("Identifiers");
    case UpdatedColumn:
        return tr("Updated");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace courier::ui
