#include "ScopingFilterEditor.h"

#include "model/DirectoryUser.h"
#include "validation/AssignmentValidator.h"
#include "widgets/AppIcons.h"
#include "widgets/FormMessages.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
const ClauseOperator allOperators[] = {ClauseOperator::Equals, ClauseOperator::NotEquals, ClauseOperator::StartsWith,
    ClauseOperator::EndsWith, ClauseOperator::MatchesRegex, ClauseOperator::IsEmpty, ClauseOperator::IsNotEmpty,
    ClauseOperator::IsTrue, ClauseOperator::IsFalse};

QString suffix(int filterIndex, int clauseIndex = -1)
{
    return clauseIndex < 0 ? QStringLiteral("_%1").arg(filterIndex)
                           : QStringLiteral("_%1_%2").arg(filterIndex).arg(clauseIndex);
}
} // namespace

ScopingFilterEditor::ScopingFilterEditor(QWidget* parent)
    : QWidget(parent)
    , m_attributeNames(DirectoryUser::standardAttributeNames())
{
    auto* intro = FormMessages::hintLabel(QStringLiteral("scopingFiltersIntro"), this);
    FormMessages::show(intro,
        tr("Narrow down the assigned users. A user is in scope when they match any filter; a filter matches "
           "when all of its conditions hold. Without filters every assigned user is in scope."),
        FormMessages::Hint);

    m_content = new QWidget(this);
    m_contentLayout = new QVBoxLayout(m_content);
    m_contentLayout->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("scopingFiltersScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_content);

    auto* addButton = new QPushButton(AppIcons::icon(QStringLiteral("add")), tr("Add &Filter"), this);
    addButton->setObjectName(QStringLiteral("addScopingFilterButton"));
    connect(addButton, &QPushButton::clicked, this, &ScopingFilterEditor::addFilter);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    rebuild();
}

QString ScopingFilterEditor::operatorText(ClauseOperator op)
{
    switch (op) {
    case ClauseOperator::Equals:
        return tr("equals");
    case ClauseOperator::NotEquals:
        return tr("does not equal");
    case ClauseOperator::StartsWith:
        return tr("starts with");
    case ClauseOperator::EndsWith:
        return tr("ends with");
    case ClauseOperator::MatchesRegex:
        return tr("matches regex");
    case ClauseOperator::IsEmpty:
        return tr("is empty");
    case ClauseOperator::IsNotEmpty:
        return tr("is not empty");
    case ClauseOperator::IsTrue:
        return tr("is true");
    case ClauseOperator::IsFalse:
        return tr("is false");
    }
    return {};
}

ScopingFilters ScopingFilterEditor::filters() const
{
    ScopingFilters result = m_filters;
    for (auto& filter : result) {
        for (auto& clause : filter.clauses) {
            if (!ScopingClause::operatorTakesValue(clause.op)) {
                clause.value.clear();
            }
        }
    }
    return result;
}

void ScopingFilterEditor::setFilters(const ScopingFilters& filters)
{
    m_filters = filters;
    rebuild();
}

void ScopingFilterEditor::setAttributeNames(const QStringList& names)
{
    if (names == m_attributeNames) {
        return;
    }
    m_attributeNames = names;
    // The names arrive from a background read while the admin may be editing: refresh the
    // attribute choices in place rather than rebuilding (which would drop focus and widgets).
    const auto combos = m_content->findChildren<QComboBox*>();
    for (QComboBox* combo : combos) {
        if (!combo->objectName().startsWith(QLatin1String("clauseAttribute"))) {
            continue;
        }
        const QSignalBlocker blocker(combo);
        const QString current = combo->currentText();
        combo->clear();
        combo->addItems(m_attributeNames);
        if (!m_attributeNames.contains(current)) {
            combo->addItem(current);
        }
        combo->setCurrentText(current);
    }
}

void ScopingFilterEditor::addFilter()
{
    ScopingFilter filter;
    filter.name = tr("Filter %1").arg(m_filters.size() + 1);
    filter.clauses.append(ScopingClause {QStringLiteral("department"), ClauseOperator::Equals, QString()});
    m_filters.append(filter);
    rebuild();
    emit filtersChanged();
}

void ScopingFilterEditor::addClause(int filterIndex)
{
    if (filterIndex < 0 || filterIndex >= m_filters.size()) {
        return;
    }
    m_filters[filterIndex].clauses.append(ScopingClause {QStringLiteral("department"), ClauseOperator::Equals, {}});
    rebuild();
    emit filtersChanged();
}

QStringList ScopingFilterEditor::validationErrors() const
{
    QStringList errors;
    for (const ValidationIssue& issue : AssignmentValidator::validateFilters(filters())) {
        errors << issue.text();
    }
    return errors;
}

void ScopingFilterEditor::updateClauseError(int filterIndex, int clauseIndex)
{
    auto* label = m_content->findChild<QLabel*>(QStringLiteral("clauseError") + suffix(filterIndex, clauseIndex));
    if (label) {
        FormMessages::show(label, AssignmentValidator::clauseError(m_filters.at(filterIndex).clauses.at(clauseIndex)));
    }
}

QWidget* ScopingFilterEditor::clauseRow(int f, int c)
{
    const ScopingClause& clause = m_filters.at(f).clauses.at(c);
    auto* row = new QWidget(m_content);
    auto* grid = new QGridLayout(row);
    grid->setContentsMargins(0, 0, 0, 0);

    auto* joiner = new QLabel(c == 0 ? tr("Where") : tr("and"), row);
    joiner->setMinimumWidth(joiner->fontMetrics().horizontalAdvance(tr("Where")) + 8);

    auto* attribute = new QComboBox(row);
    attribute->setObjectName(QStringLiteral("clauseAttribute") + suffix(f, c));
    // Editable: a custom attribute may be filtered on before any user carries it.
    attribute->setEditable(true);
    attribute->setInsertPolicy(QComboBox::NoInsert);
    attribute->addItems(m_attributeNames);
    if (!m_attributeNames.contains(clause.attribute)) {
        attribute->addItem(clause.attribute);
    }
    attribute->setCurrentText(clause.attribute);
    attribute->setMinimumContentsLength(14);

    auto* op = new QComboBox(row);
    op->setObjectName(QStringLiteral("clauseOperator") + suffix(f, c));
    for (ClauseOperator candidate : allOperators) {
        op->addItem(operatorText(candidate), int(candidate));
    }
    op->setCurrentIndex(op->findData(int(clause.op)));

    auto* value = new QLineEdit(clause.value, row);
    value->setObjectName(QStringLiteral("clauseValue") + suffix(f, c));
    value->setPlaceholderText(clause.op == ClauseOperator::MatchesRegex ? tr("Pattern, e.g. ^eng-") : tr("Value"));
    value->setVisible(ScopingClause::operatorTakesValue(clause.op));

    auto* remove = new QToolButton(row);
    remove->setObjectName(QStringLiteral("removeClauseButton") + suffix(f, c));
    remove->setIcon(AppIcons::icon(QStringLiteral("remove")));
    remove->setAutoRaise(true);
    remove->setToolTip(tr("Remove this condition"));
    remove->setAccessibleName(remove->toolTip());

    auto* error = FormMessages::errorLabel(QStringLiteral("clauseError") + suffix(f, c), row);
    FormMessages::show(error, AssignmentValidator::clauseError(clause));

    grid->addWidget(joiner, 0, 0);
    grid->addWidget(attribute, 0, 1);
    grid->addWidget(op, 0, 2);
    grid->addWidget(value, 0, 3);
    grid->addWidget(remove, 0, 4);
    grid->addWidget(error, 1, 1, 1, 4);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 1);
    grid->setColumnStretch(3, 3);

    connectClauseRow(f, c, attribute, op, value, remove);
    return row;
}

void ScopingFilterEditor::connectClauseRow(
    int f, int c, QComboBox* attribute, QComboBox* op, QLineEdit* value, QToolButton* remove)
{
    connect(attribute, &QComboBox::currentTextChanged, this, [this, f, c](const QString& text) {
        m_filters[f].clauses[c].attribute = text.trimmed();
        updateClauseError(f, c);
        emit filtersChanged();
    });
    connect(op, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, f, c, op, value]() {
        const auto chosen = ClauseOperator(op->currentData().toInt());
        m_filters[f].clauses[c].op = chosen;
        value->setVisible(ScopingClause::operatorTakesValue(chosen));
        value->setPlaceholderText(chosen == ClauseOperator::MatchesRegex ? tr("Pattern, e.g. ^eng-") : tr("Value"));
        updateClauseError(f, c);
        emit filtersChanged();
    });
    connect(value, &QLineEdit::textChanged, this, [this, f, c](const QString& text) {
        m_filters[f].clauses[c].value = text;
        updateClauseError(f, c);
        emit filtersChanged();
    });
    connect(remove, &QToolButton::clicked, this, [this, f, c]() {
        // Deferred: this button is deleted by the rebuild.
        QMetaObject::invokeMethod(
            this,
            [this, f, c]() {
                m_filters[f].clauses.removeAt(c);
                rebuild();
                emit filtersChanged();
            },
            Qt::QueuedConnection);
    });
}

void ScopingFilterEditor::rebuild()
{
    // Filters are few and short; rebuilding on add/remove keeps every name in step with its
    // position. Buttons inside the rows defer their rebuild, so deleting at once is safe here.
    while (QLayoutItem* item = m_contentLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_filters.isEmpty()) {
        m_emptyHint = new QLabel(tr("No scoping filters: every assigned user is in scope."), m_content);
        m_emptyHint->setObjectName(QStringLiteral("scopingFiltersEmpty"));
        m_contentLayout->addWidget(m_emptyHint);
    }
    for (int f = 0; f < m_filters.size(); ++f) {
        if (f > 0) {
            auto* orLabel = new QLabel(tr("\u2014 or \u2014"), m_content);
            orLabel->setAlignment(Qt::AlignCenter);
            m_contentLayout->addWidget(orLabel);
        }
        auto* box = new QGroupBox(m_content);
        box->setObjectName(QStringLiteral("scopingFilter") + suffix(f));
        auto* boxLayout = new QVBoxLayout(box);

        auto* header = new QHBoxLayout;
        auto* name = new QLineEdit(m_filters.at(f).name, box);
        name->setObjectName(QStringLiteral("filterName") + suffix(f));
        name->setPlaceholderText(tr("Filter name, shown when explaining why a user is in scope"));
        auto* removeFilter = new QToolButton(box);
        removeFilter->setObjectName(QStringLiteral("removeFilterButton") + suffix(f));
        removeFilter->setIcon(AppIcons::icon(QStringLiteral("delete")));
        removeFilter->setAutoRaise(true);
        removeFilter->setToolTip(tr("Remove this filter"));
        removeFilter->setAccessibleName(removeFilter->toolTip());
        header->addWidget(new QLabel(tr("Name:"), box));
        header->addWidget(name, 1);
        header->addWidget(removeFilter);
        boxLayout->addLayout(header);

        for (int c = 0; c < m_filters.at(f).clauses.size(); ++c) {
            boxLayout->addWidget(clauseRow(f, c));
        }
        // Conditions are added and removed through a rebuild, so this message is always current.
        auto* filterError = FormMessages::errorLabel(QStringLiteral("filterError") + suffix(f), box);
        FormMessages::show(filterError, AssignmentValidator::filterError(m_filters.at(f)));
        boxLayout->addWidget(filterError);
        auto* addClauseButton = new QPushButton(tr("Add Condition"), box);
        addClauseButton->setObjectName(QStringLiteral("addClauseButton") + suffix(f));
        auto* footer = new QHBoxLayout;
        footer->addWidget(addClauseButton);
        footer->addStretch(1);
        boxLayout->addLayout(footer);
        m_contentLayout->addWidget(box);

        connect(name, &QLineEdit::textChanged, this, [this, f](const QString& text) {
            m_filters[f].name = text;
            emit filtersChanged();
        });
        connect(addClauseButton, &QPushButton::clicked, this, [this, f]() {
            QMetaObject::invokeMethod(
                this, [this, f]() { addClause(f); }, Qt::QueuedConnection);
        });
        connect(removeFilter, &QToolButton::clicked, this, [this, f]() {
            QMetaObject::invokeMethod(
                this,
                [this, f]() {
                    m_filters.removeAt(f);
                    rebuild();
                    emit filtersChanged();
                },
                Qt::QueuedConnection);
        });
    }
    m_contentLayout->addStretch(1);
}
