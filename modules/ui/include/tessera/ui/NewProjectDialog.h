#pragma once

#include "tessera/ui/ProjectCreationJob.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace tessera {

//! New Project: the song (required), its lyrics (optional), where the project goes, its name,
//! frame rate and output size. Suggests the project's file name and name from the song's.
class NewProjectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget* parent = nullptr);

    NewProjectRequest request() const;

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
};

} // namespace tessera
