#pragma once

#include "tessera/studio/StudioPreferences.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace tessera {

//! Edit > Preferences: model folders, the default colour config, generation threads, the
//! preview's cache size and the language. Shows and returns StudioPreferences; the caller saves
//! and applies them.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const StudioPreferences& preferences, QWidget* parent = nullptr);

    StudioPreferences preferences() const;

    QListWidget* modelFolderList() const { return m_folders; }
    QLineEdit* ocioConfigEdit() const { return m_ocio; }
    QSpinBox* threadsBox() const { return m_threads; }
    QSpinBox* cacheBox() const { return m_cache; }
    QComboBox* precisionPicker() const { return m_precision; }
    QComboBox* languagePicker() const { return m_language; }

private:
    void addModelFolder();
    void chooseOcioConfig();

    QListWidget* m_folders = nullptr;
    QLineEdit* m_ocio = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_cache = nullptr;
    QComboBox* m_precision = nullptr;
    QComboBox* m_language = nullptr;
};

} // namespace tessera
