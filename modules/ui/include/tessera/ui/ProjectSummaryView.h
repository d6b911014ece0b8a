#pragma once

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

private:
    QLabel* m_title = nullptr;
    QPlainTextEdit* m_details = nullptr;
};

} // namespace tessera
