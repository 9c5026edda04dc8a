#pragma once

#include "model/ScopingFilter.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QVBoxLayout;

// Edits an application's scoping filters: a user is in scope when they match any filter, and
// matches a filter when every condition of it holds. Each condition is attribute, operator and
// (for operators that compare) a value; a regular expression is checked as it is typed.
// Widgets are named by position: scopingFilter_<f>, filterName_<f>, removeFilterButton_<f>,
// addClauseButton_<f>, clauseAttribute_<f>_<c>, clauseOperator_<f>_<c>, clauseValue_<f>_<c>,
// clauseError_<f>_<c>, removeClauseButton_<f>_<c>, filterError_<f> (0-based), and
// addScopingFilterButton. The messages are AssignmentValidator's, the rules every save applies.
class ScopingFilterEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScopingFilterEditor(QWidget* parent = nullptr);

    // Values of operators that compare nothing are dropped, so what is saved is what is shown.
    ScopingFilters filters() const;
    void setFilters(const ScopingFilters& filters);
    // Standard attributes plus the custom ones seen in the directory.
    void setAttributeNames(const QStringList& names);

    // One message per filter or condition that cannot be used, e.g. an invalid regular expression.
    QStringList validationErrors() const;

    static QString operatorText(ClauseOperator op);

public slots:
    void addFilter();
    void addClause(int filterIndex);

signals:
    void filtersChanged();

private:
    void rebuild();
    QWidget* clauseRow(int filterIndex, int clauseIndex);
    void connectClauseRow(
        int filterIndex, int clauseIndex, QComboBox* attribute, QComboBox* op, QLineEdit* value, QToolButton* remove);
    void updateClauseError(int filterIndex, int clauseIndex);

    ScopingFilters m_filters;
    QStringList m_attributeNames;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_contentLayout = nullptr;
    QLabel* m_emptyHint = nullptr;
};
