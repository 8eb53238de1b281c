#pragma once

#include <QPointer>
#include <QStackedWidget>

class QAbstractItemModel;
class QAction;
class QLabel;
class QPushButton;

namespace courier::ui {

// Shows label as secondary text: the text colour blended toward the background, so it reads
// as quieter under light and dark palettes alike.
void makeSecondary(QLabel *label);

// Shows a view while its model has rows, and a friendly centred hint — what the page is for
// and how to fill it — while it has none: a bare empty table tells a newcomer nothing.
class EmptyStateStack : public QStackedWidget
{
    Q_OBJECT

public:
    EmptyStateStack(QWidget *view, QAbstractItemModel *model, QWidget *parent = nullptr);
    ~EmptyStateStack() override;

    void setTitle(const QString &title);
    void setText(const QString &text);
    // Offers the action as a button under the hint (e.g. "Export CSV…").
    void setAction(QAction *action);

    bool isShowingEmptyState() const;
    QLabel *titleLabel() const { return m_title; }
    QLabel *textLabel() const { return m_text; }

private:
    void updatePage();

    QWidget *m_view;
    QWidget *m_empty;
    QWidget *m_column = nullptr; // the centred hint
    QPointer<QAbstractItemModel> m_model;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button = nullptr;
};

} // namespace courier::ui
