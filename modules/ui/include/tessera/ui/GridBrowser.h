#pragma once

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QScrollArea;

namespace tessera {

class GridBrowserModel;
class GridCanvas;
class VersionStrip;
class ComparePane;

//! The grid browser: the selected segment's cells as thumbnails in the grid's true rows x cols
//! layout (or suspects first), each showing its state and, outlined, whether it breaks the grid's
//! coherence; below, the current cell's version history as a strip and a side-by-side compare.
//!
//! Keyboard-first: arrows move (Shift extends, Ctrl+click toggles cells into the selection),
//! R rejects, L locks or unlocks, G regenerates, Shift+G repairs from the neighbours (Repair, with
//! its strength beside it), N jumps to the next suspect, S switches to
//! suspects first, C cycles what the compare pane shows, M shows how alike neighbours look (SSIM
//! on the edges between them); Refine makes the grid twice as dense along an axis. Every change
//! is an undoable command.
class GridBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit GridBrowser(GridBrowserModel& model, QWidget* parent = nullptr);

    GridBrowserModel& model() const { return m_model; }
    GridCanvas* canvas() const { return m_canvas; }
    VersionStrip* versionStrip() const { return m_strip; }
    ComparePane* comparePane() const { return m_compare; }
    QComboBox* comparePicker() const { return m_comparePicker; }

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateHeader();
    void syncCompare();

    GridBrowserModel& m_model;
    QLabel* m_title = nullptr;
    QLabel* m_counts = nullptr;
    QButtonGroup* m_layoutButtons = nullptr;
    GridCanvas* m_canvas = nullptr;
    QScrollArea* m_scroll = nullptr;
    VersionStrip* m_strip = nullptr;
    ComparePane* m_compare = nullptr;
    QComboBox* m_comparePicker = nullptr;
    QLabel* m_details = nullptr;
};

} // namespace tessera
