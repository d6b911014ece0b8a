#pragma once

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace tessera {

struct Composition;
class GridMarkerView;
class LiveCurvesView;
class PerformSession;
class PerformOutputWindow;

//! Perform mode's console, the operator's window beside the output: the input and its meters
//! (each feature's live value), the output screen, the cue inputs (OSC port, MIDI), what plays
//! now and next with its grid position, the cues as they arrive, and a small copy of the output.
class PerformConsole : public QWidget
{
    Q_OBJECT
public:
    PerformConsole(const QString& projectPath, std::shared_ptr<const Composition> composition,
        const QString& resourcesDir, QWidget* parent = nullptr);
    ~PerformConsole() override;

    PerformSession& session() { return *m_session; }
    PerformOutputWindow& output() { return *m_output; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void refresh();
    void log(const QString& line);
    void startInput();
    void openOutput();
    void listenForOsc();
    void listenForMidi();

    std::unique_ptr<PerformSession> m_session;
    std::unique_ptr<PerformOutputWindow> m_output;
    QComboBox* m_inputs = nullptr;
    QComboBox* m_screens = nullptr;
    QSpinBox* m_oscPort = nullptr;
    QLabel* m_inputStatus = nullptr;
    QLabel* m_cueStatus = nullptr;
    QLabel* m_now = nullptr;
    QLabel* m_next = nullptr;
    QLabel* m_thumbnail = nullptr;
    LiveCurvesView* m_curves = nullptr;
    GridMarkerView* m_grid = nullptr;
    QPlainTextEdit* m_log = nullptr;
};

} // namespace tessera
