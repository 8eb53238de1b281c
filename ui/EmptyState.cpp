#include "EmptyState.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace courier::ui {

void makeSecondary(QLabel *label)
{
    QPalette palette = label->palette();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor background = palette.color(QPalette::Window);
    const auto mix = [](int a, int b) { return (a * 62 + b * 38) / 100; };
    palette.setColor(QPalette::WindowText, QColor(mix(text.red(), background.red()),
                                                  mix(text.green(), background.green()),
                                                  mix(text.blue(), background.blue())));
    label->setPalette(palette);
}

EmptyStateStack::EmptyStateStack(QWidget *view, QAbstractItemModel *model, QWidget *parent)
    : QStackedWidget(parent)
    , m_view(view)
    , m_empty(new QWidget(this))
    , m_model(model)
    , m_title(new QLabel(m_empty))
    , m_text(new QLabel(m_empty))
{
    m_empty->setObjectName(QStringLiteral("emptyState"));
    // The hint sits where the table would be, so it gets the table's background.
    m_empty->setBackgroundRole(QPalette::Base);
    m_empty->setAutoFillBackground(true);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);

    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    makeSecondary(m_text);

    // The hint is a column of readable width in the middle of the page. The labels fill the
    // column (a word-wrapped label aligned inside a layout shrinks to a sliver instead).
    m_column = new QWidget(m_empty);
    m_column->setMaximumWidth(480);
    auto *column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(10);
    column->addWidget(m_title);
    column->addWidget(m_text);

    auto *layout = new QGridLayout(m_empty);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setRowStretch(0, 2);
    layout->setRowStretch(2, 3);
    // The middle column takes what it can up to its maximum width; the sides the rest.
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 100);
    layout->setColumnStretch(2, 1);
    layout->addWidget(m_column, 1, 1);

    addWidget(m_view);
    addWidget(m_empty);

    connect(m_model, &QAbstractItemModel::modelReset, this, &EmptyStateStack::updatePage);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EmptyStateStack::updatePage);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EmptyStateStack::updatePage);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &EmptyStateStack::updatePage);
    updatePage();
}

EmptyStateStack::~EmptyStateStack()
{
    // A view's own model (QTreeWidget's) resets while the view, our child, is destroyed:
    // by then this stack is half gone and must not react.
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
}

void EmptyStateStack::setTitle(const QString &title)
{
    m_title->setText(title);
    m_empty->setAccessibleName(title);
}

void EmptyStateStack::setText(const QString &text)
{
    m_text->setText(text);
    m_empty->setAccessibleDescription(text);
}

void EmptyStateStack::setAction(QAction *action)
{
    if (!m_button) {
        m_button = new QPushButton(m_column);
        m_button->setObjectName(QStringLiteral("emptyStateButton"));
        auto *column = static_cast<QVBoxLayout *>(m_column->layout());
        column->addSpacing(6);
        column->addWidget(m_button, 0, Qt::AlignHCenter);
    }
    m_button->disconnect(this);
    m_button->setText(action->text());
    m_button->setIcon(action->icon());
    m_button->setToolTip(action->toolTip());
    m_button->setAccessibleName(action->iconText());
    connect(m_button, &QPushButton::clicked, action, &QAction::trigger);
}

bool EmptyStateStack::isShowingEmptyState() const
{
    return currentWidget() == m_empty;
}

void EmptyStateStack::updatePage()
{
    const bool empty = m_model->rowCount() == 0;
    // Swapping pages must not steal focus from, say, the search box above the table; but a
    // table that had focus gets it back when it reappears.
    const bool viewHadFocus = m_view->hasFocus();
    setCurrentWidget(empty ? m_empty : m_view);
    if (!empty && viewHadFocus)
        m_view->setFocus();
}

} // namespace courier::ui
