#include "TrainReport.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/DiffusionPipeline.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tessera::train {

void writeLossCurve(const std::vector<float>& losses, int window, const std::string& path)
{
    const int width = 900, height = 420, left = 70, right = 20, top = 30, bottom = 40;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(left, top, width - left - right, height - top - bottom);
    painter.setPen(Qt::black);
    painter.drawRect(plot);
    painter.drawText(QRectF(0, 0, width, top), Qt::AlignCenter,
                     QStringLiteral("training loss (log scale), %1 steps; line: mean of %2").arg(losses.size()).arg(window));
    if (losses.size() >= 2) {
        std::vector<double> mean(losses.size());
        double sum = 0;
        for (std::size_t i = 0; i < losses.size(); ++i) {
            sum += losses[i];
            if (i >= static_cast<std::size_t>(window))
                sum -= losses[i - static_cast<std::size_t>(window)];
            mean[i] = sum / static_cast<double>(std::min<std::size_t>(i + 1, static_cast<std::size_t>(window)));
        }
        const auto [lo, hi] = std::minmax_element(losses.begin(), losses.end());
        const double yMin = std::log10(std::max(1e-6f, *lo));
        const double yMax = std::log10(std::max(*hi, *lo * 1.01f));
        const auto point = [&](std::size_t i, double value) {
            const double x = plot.left() + plot.width() * static_cast<double>(i) / static_cast<double>(losses.size() - 1);
            const double y = plot.bottom() - plot.height() * (std::log10(std::max(1e-6, value)) - yMin) / (yMax - yMin);
            return QPointF(x, y);
        };
        QPainterPath raw, smooth;
        raw.moveTo(point(0, losses[0]));
        smooth.moveTo(point(0, mean[0]));
        const std::size_t stride = std::max<std::size_t>(1, losses.size() / 4000);
        for (std::size_t i = stride; i < losses.size(); i += stride) {
            raw.lineTo(point(i, losses[i]));
            smooth.lineTo(point(i, mean[i]));
        }
        painter.setPen(QPen(QColor(120, 160, 220, 90), 1));
        painter.drawPath(raw);
        painter.setPen(QPen(QColor(200, 40, 40), 2));
        painter.drawPath(smooth);
        painter.setPen(Qt::black);
        for (int k = 0; k <= 4; ++k) {
            const double v = yMin + (yMax - yMin) * k / 4;
            const double y = plot.bottom() - plot.height() * k / 4;
            painter.drawText(QRectF(0, y - 8, left - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(std::pow(10.0, v), 'g', 3));
            const double x = plot.left() + plot.width() * k / 4;
            painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 16), Qt::AlignCenter,
                             QString::number(static_cast<qlonglong>((losses.size() - 1) * k / 4)));
        }
    }
    painter.end();
    if (!image.save(QString::fromStdString(path), "PNG"))
        throw DiffusionError(path, "cannot write the PNG");
}

double writePreview(const std::string& modelFolder, const std::vector<std::string>& prompts, int steps,
                    double guidance, const std::string& path)
{
    const DiffusionPipeline pipeline(modelFolder, ComputeDevice::Cpu);
    std::vector<GenerationRequest> requests;
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        GenerationRequest request;
        request.prompt = prompts[i];
        request.seed = i;
        request.steps = steps;
        request.guidance = guidance;
        requests.push_back(request);
    }
    QElapsedTimer timer;
    timer.start();
    const auto images = pipeline.generateBatch(requests);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
    const int size = images.empty() ? 1 : images.front().width;
    QImage sheet(static_cast<int>(images.size()) * size * 2, size * 2, QImage::Format_RGB888);
    sheet.fill(Qt::black);
    QPainter painter(&sheet);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const QImage tile(images[i].pixels.data(), images[i].width, images[i].height, images[i].width * 3,
                          QImage::Format_RGB888);
        painter.drawImage(QRect(static_cast<int>(i) * size * 2, 0, size * 2, size * 2), tile);
    }
    painter.end();
    if (!sheet.save(QString::fromStdString(path), "PNG"))
        throw DiffusionError(path, "cannot write the PNG");
    return seconds;
}

} // namespace tessera::train
