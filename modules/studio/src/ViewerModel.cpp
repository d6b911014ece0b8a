#include "tessera/studio/ViewerModel.h"

#include "tessera/color/ColorProcessor.h"

#include <algorithm>

namespace tessera {

// One cell and what is derived from it; derived images are rebuilt lazily after a change.
struct ViewerModel::SlotState
{
    QImage cell;
    Grade grade;
    QString label;
    bool dirty = true;
    QImage display;
    QImage clipping;
    LinearImage linear;
};

ViewerModel::ViewerModel(ResolvedColorConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_a(std::make_unique<SlotState>())
    , m_b(std::make_unique<SlotState>())
{
}

ViewerModel::~ViewerModel() = default;

ViewerModel::SlotState& ViewerModel::state(Slot slot) const
{
    return slot == Slot::A ? *m_a : *m_b;
}

void ViewerModel::setConfig(ResolvedColorConfig config)
{
    m_config = std::move(config);
    m_a->dirty = m_b->dirty = true;
    Q_EMIT lookChanged();
    Q_EMIT changed();
}

QStringList ViewerModel::displays() const
{
    return m_config.config->displays();
}

QStringList ViewerModel::views() const
{
    return m_config.config->views(display());
}

void ViewerModel::setDisplay(const QString& displayName)
{
    if (displayName == display() || !displays().contains(displayName))
        return;
    m_config.settings.display = displayName;
    m_config.settings.view = m_config.config->defaultView(displayName);
    m_a->dirty = m_b->dirty = true;
    Q_EMIT lookChanged();
    Q_EMIT changed();
}

void ViewerModel::setView(const QString& viewName)
{
    if (viewName == view() || !views().contains(viewName))
        return;
    m_config.settings.view = viewName;
    m_a->dirty = m_b->dirty = true;
    Q_EMIT lookChanged();
    Q_EMIT changed();
}

void ViewerModel::setImage(Slot slot, const QImage& cell, const Grade& grade, const QString& label)
{
    SlotState& s = state(slot);
    s.cell = cell.convertToFormat(QImage::Format_RGBA8888);
    s.grade = grade;
    s.label = label;
    s.dirty = true;
    Q_EMIT imageChanged(slot);
    Q_EMIT changed();
}

bool ViewerModel::hasImage(Slot slot) const
{
    return !state(slot).cell.isNull();
}

QImage ViewerModel::cellImage(Slot slot) const
{
    return state(slot).cell;
}

Grade ViewerModel::cellGrade(Slot slot) const
{
    return state(slot).grade;
}

Grade ViewerModel::shownGrade(Slot slot) const
{
    return state(slot).grade.combinedWith({m_exposure, m_gamma, 1.0});
}

QString ViewerModel::label(Slot slot) const
{
    return state(slot).label;
}

void ViewerModel::setExposureStops(double stops)
{
    stops = std::clamp(stops, -16.0, 16.0);
    if (stops == m_exposure)
        return;
    m_exposure = stops;
    m_a->dirty = m_b->dirty = true;
    Q_EMIT adjustmentsChanged();
    Q_EMIT changed();
}

void ViewerModel::setGamma(double gammaValue)
{
    gammaValue = std::clamp(gammaValue, 0.1, 4.0);
    if (gammaValue == m_gamma)
        return;
    m_gamma = gammaValue;
    m_a->dirty = m_b->dirty = true;
    Q_EMIT adjustmentsChanged();
    Q_EMIT changed();
}

void ViewerModel::resetAdjustments()
{
    setExposureStops(0.0);
    setGamma(1.0);
}

void ViewerModel::setCompare(Compare mode)
{
    if (mode == m_compare)
        return;
    m_compare = mode;
    m_shown = Slot::A;
    Q_EMIT changed();
}

void ViewerModel::toggleShown()
{
    m_shown = m_shown == Slot::A ? Slot::B : Slot::A;
    Q_EMIT changed();
}

void ViewerModel::setSplitPosition(double fraction)
{
    m_split = std::clamp(fraction, 0.0, 1.0);
    Q_EMIT changed();
}

void ViewerModel::rebuild(Slot slot) const
{
    SlotState& s = state(slot);
    if (!s.dirty)
        return;
    s.dirty = false;
    s.display = {};
    s.clipping = {};
    s.linear = {};
    if (s.cell.isNull())
        return;
    // The viewer's adjustments act like one more, narrowest grade.
    const Grade grade = shownGrade(slot);
    ColorProcessorOptions options;
    options.displayPath = DisplayPathMode::Exact;
    const ColorProcessor processor(m_config.config, m_config.settings, grade, options);
    s.display = processor.toDisplay(s.cell);
    s.linear = processor.toLinear(s.cell);
    s.clipping = QImage(s.display.size(), QImage::Format_ARGB32_Premultiplied);
    s.clipping.fill(Qt::transparent);
    for (int y = 0; y < s.display.height(); ++y) {
        const uchar* in = s.display.constScanLine(y);
        auto* out = reinterpret_cast<QRgb*>(s.clipping.scanLine(y));
        for (int x = 0; x < s.display.width(); ++x) {
            const uchar r = in[4 * x], g = in[4 * x + 1], b = in[4 * x + 2];
            if (r == 255 || g == 255 || b == 255)
                out[x] = qRgba(200, 0, 0, 200); // premultiplied red: highlights clipped
            else if (r == 0 && g == 0 && b == 0)
                out[x] = qRgba(0, 0, 200, 200); // premultiplied blue: shadows crushed
        }
    }
}

QImage ViewerModel::displayImage(Slot slot) const
{
    rebuild(slot);
    return state(slot).display;
}

QImage ViewerModel::clippingMask(Slot slot) const
{
    rebuild(slot);
    return state(slot).clipping;
}

ViewerModel::Probe ViewerModel::probe(Slot slot, int x, int y) const
{
    rebuild(slot);
    const SlotState& s = state(slot);
    Probe result;
    if (s.display.isNull() || x < 0 || y < 0 || x >= s.display.width() || y >= s.display.height())
        return result;
    result.valid = true;
    const float* linear = s.linear.pixel(x, y);
    const uchar* display = s.display.constScanLine(y) + 4 * x;
    for (int c = 0; c < 3; ++c) {
        result.linear[c] = linear[c];
        result.display[c] = display[c];
    }
    return result;
}

} // namespace tessera
