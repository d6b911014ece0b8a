#pragma once

#include "tessera/core/CellState.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace tessera {

struct ProjectSummary;

//! Shows the open project's summary: what it is, its output format and its segments.
class ProjectSummaryView : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectSummaryView(QWidget* parent = nullptr);

    void showSummary(const ProjectSummary& summary);
    void showNoProject();
    QString summaryText() const;

    //! The summary's details in the studio's language, segments numbered by timeline place.
    static QString detailsText(const ProjectSummary& summary);
    //! A cell state's name in the studio's language.
    static QString stateText(CellState state);

private:
    QLabel* m_title = nullptr;
    QPlainTextEdit* m_details = nullptr;
};

} // namespace tessera
