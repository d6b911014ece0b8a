#pragma once

#include "tessera/studio/ProjectCreationJob.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tessera {

//! New Project: the song (required), its lyrics (optional), where the project goes, its name,
//! frame rate and output size. Suggests the project's file name and name from the song's, typed
//! or browsed, until the artist edits them. OK checks the files first and keeps the dialog open,
//! with everything entered, on a problem.
class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget* parent = nullptr);

    NewProjectRequest request() const;
    //! Fills the fields from an earlier request (the studio reopens the dialog after a failure).
    void setRequest(const NewProjectRequest& request);
    //! What is wrong with the request as entered ("<file>: <problem>"), empty when it can go ahead.
    QString problem() const;
    //! Shows a problem found once the dialog had closed (the song failed to decode), until an edit.
    void showProblem(const QString& message);
    //! The problem shown in the dialog (a refused OK, or showProblem), empty when none.
    QString shownProblem() const;

    void accept() override;

private:
    void songChosen();
    void updateAcceptable();

    QLineEdit* m_song = nullptr;
    QLineEdit* m_lyrics = nullptr;
    QLineEdit* m_project = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_fps = nullptr;
    QComboBox* m_size = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QLabel* m_problem = nullptr;
    //! The last file name and name suggested from the song: replaced while they are unedited.
    QString m_suggestedProject;
    QString m_suggestedName;
};

} // namespace tessera
