#pragma once

#include "tessera/color/ConfigResolver.h"
#include "tessera/color/LinearImage.h"
#include "tessera/core/Grade.h"

#include <QImage>
#include <QObject>
#include <memory>

namespace tessera {

class ColorProcessor;

//! What the viewer shows and how, apart from any widget: the cells (A and optionally B), the
//! colour config with its display and view, and the viewer's own exposure and gamma on top of
//! each cell's stored grade. Produces display images, pixel probes and clipping masks through
//! the colour module's CPU path (the same path the exporter uses).
class ViewerModel : public QObject
{
    Q_OBJECT
public:
    enum class Slot { A, B };
    enum class Compare { Off, Toggle, Split };

    //! A pixel as the artist asks about it: scene-linear (graded) and display values.
    struct Probe
    {
        bool valid = false;
        float linear[3] = {0, 0, 0};
        int display[3] = {0, 0, 0};
    };

    explicit ViewerModel(ResolvedColorConfig config, QObject* parent = nullptr);
    ~ViewerModel() override;

    const ResolvedColorConfig& config() const { return m_config; }
    //! Switches config (a project opened with its own colour settings); cells stay.
    void setConfig(ResolvedColorConfig config);
    QStringList displays() const;
    QStringList views() const; //!< of the current display
    QString display() const { return m_config.settings.display; }
    QString view() const { return m_config.settings.view; }
    void setDisplay(const QString& display); //!< also picks the display's default view
    void setView(const QString& view);

    //! cell: an 8-bit sRGB image; grade: its stored (combined) grade.
    void setImage(Slot slot, const QImage& cell, const Grade& grade = {}, const QString& label = {});
    bool hasImage(Slot slot) const;
    //! The slot's cell as given (8-bit sRGB, RGBA8888) and its stored grade: the GPU path's input.
    QImage cellImage(Slot slot) const;
    Grade cellGrade(Slot slot) const;
    //! The stored grade with the viewer's exposure and gamma on top: what the slot is shown with.
    Grade shownGrade(Slot slot) const;
    QString label(Slot slot) const;

    double exposureStops() const { return m_exposure; }
    double gamma() const { return m_gamma; }
    void setExposureStops(double stops);
    void setGamma(double gamma);
    void nudgeExposure(double stops) { setExposureStops(m_exposure + stops); }
    void nudgeGamma(double delta) { setGamma(m_gamma + delta); }
    //! Back to 0 stops and gamma 1 (the stored grades stay).
    void resetAdjustments();

    Compare compare() const { return m_compare; }
    void setCompare(Compare compare);
    //! In Toggle mode, which slot is shown.
    Slot shown() const { return m_shown; }
    void toggleShown();
    //! In Split mode, where B starts, as a fraction of the width.
    double splitPosition() const { return m_split; }
    void setSplitPosition(double fraction);

    //! The slot's cell through grade, viewer adjustments and the display/view, RGBA8888.
    QImage displayImage(Slot slot) const;
    //! Pixels clipped by the display: red where a channel reaches 255, blue where all are 0,
    //! transparent elsewhere. The same size as the slot's image.
    QImage clippingMask(Slot slot) const;
    Probe probe(Slot slot, int x, int y) const;

Q_SIGNALS:
    //! Anything changed (each specific signal below is followed by this one).
    void changed();
    //! A slot's cell or stored grade changed.
    void imageChanged(tessera::ViewerModel::Slot slot);
    //! The config, display or view changed: colour processors must be rebuilt.
    void lookChanged();
    //! Only the viewer's exposure or gamma changed: GPU uniforms suffice.
    void adjustmentsChanged();

private:
    struct SlotState;
    void rebuild(Slot slot) const;
    SlotState& state(Slot slot) const;

    ResolvedColorConfig m_config;
    double m_exposure = 0.0;
    double m_gamma = 1.0;
    Compare m_compare = Compare::Off;
    Slot m_shown = Slot::A;
    double m_split = 0.5;
    std::unique_ptr<SlotState> m_a;
    std::unique_ptr<SlotState> m_b;
};

} // namespace tessera
