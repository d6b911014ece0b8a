// The optical flow between neighbouring cells and the morph it drives.
#include "tessera/motion/CameraTransform.h"
#include "tessera/motion/CellFlow.h"
#include "tessera/motion/FlowField.h"
#include "tessera/motion/ImageSimilarity.h"
#include "tessera/motion/MorphBlend.h"
#include "tessera/motion/MotionError.h"

#include <QPainter>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace tessera;

namespace {

//! A bright disc on a dark ground: a subject that moves from one cell to the next.
QImage discImage(double centreX, double centreY = 48.0, int width = 128, int height = 96)
{
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double inside = std::clamp(14.5 - std::hypot(x - centreX, y - centreY), 0.0, 1.0);
            const int level = int(std::lround(20 + inside * 220));
            image.setPixel(x, y, qRgb(level, level, level));
        }
    return image;
}

//! Seeded noise, smoothed: content unrelated to the disc, not a motion of it.
QImage noiseImage(unsigned seed, int width = 128, int height = 96)
{
    std::mt19937 random(seed);
    QImage small(width / 8, height / 8, QImage::Format_RGB888);
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x) {
            const int level = int(random() % 256);
            small.setPixel(x, y, qRgb(level, level, level));
        }
    return small.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

LinearImage linearOf(const QImage& image)
{
    LinearImage out(image.width(), image.height());
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb rgb = image.pixel(x, y);
            float* p = out.pixel(x, y);
            p[0] = float(qRed(rgb)) / 255.0f;
            p[1] = float(qGreen(rgb)) / 255.0f;
            p[2] = float(qBlue(rgb)) / 255.0f;
        }
    return out;
}

const float* vectorAt(const FlowField& field, int x, int y)
{
    return field.xy.data() + (std::size_t(y) * std::size_t(field.width) + std::size_t(x)) * 2;
}

} // namespace

class TestMotion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aStoredFlowReadsBackToASixteenthOfAPixel()
    {
        // given a field with motion in every direction and one with none
        FlowField field(40, 30);
        std::mt19937 random(7);
        std::uniform_real_distribution<float> amount(-90.0f, 90.0f);
        for (int i = 0; i < 40 * 30 * 2; ++i)
            field.xy.push_back(amount(random));
        // when stored and read back
        const QByteArray stored = field.encode();
        const FlowField back = FlowField::decode(stored, QStringLiteral("flow 1 to 2"));
        // then every vector is within half a sixteenth of a pixel
        QCOMPARE(back.width, 40);
        QCOMPARE(back.height, 30);
        float worst = 0.0f;
        for (std::size_t i = 0; i < field.xy.size(); ++i)
            worst = std::max(worst, std::abs(back.xy[i] - field.xy[i]));
        QVERIFY2(worst <= 1.0f / 32.0f + 1e-6f, qPrintable(QString::number(worst)));
        // and a still field is stored in its header alone
        const QByteArray still = FlowField(40, 30).encode();
        QCOMPARE(still.size(), 10);
        QVERIFY(FlowField::decode(still, QStringLiteral("still")).isStill());
        // and bytes that are not a flow, a truncated one, or a newer format are refused by name
        const auto refused = [](const QByteArray& bytes, const QString& fragment) {
            try {
                FlowField::decode(bytes, QStringLiteral("the flow from version 3 to 4"));
            } catch (const MotionError& error) {
                QVERIFY2(error.message().startsWith(QStringLiteral("the flow from version 3 to 4: ")), qPrintable(error.message()));
                QVERIFY2(error.message().contains(fragment), qPrintable(error.message()));
                return;
            }
            QFAIL("expected a MotionError");
        };
        refused(QByteArray("damaged"), QStringLiteral("not a stored optical flow"));
        refused(stored.left(stored.size() / 2), QStringLiteral("truncated or corrupt"));
        QByteArray newer = stored;
        newer[4] = 9;
        refused(newer, QStringLiteral("format 9"));
    }

    void findsHowASubjectMovedAndNoMotionInNewContent()
    {
        // given the disc at the left of one cell and at the right of its neighbour (64 px on)
        const FlowField flow = estimateCellFlow(discImage(32), discImage(96));
        // then the flow, at its stored size, carries the disc 64 px to the right
        QCOMPARE(flow.width, 128);
        QCOMPARE(flow.height, 96);
        QVERIFY(!flow.isStill());
        for (const auto& [x, y] : {std::pair{32, 48}, std::pair{24, 44}, std::pair{40, 52}}) {
            QVERIFY2(std::abs(vectorAt(flow, x, y)[0] - 64.0f) < 1.0f, qPrintable(QString::number(vectorAt(flow, x, y)[0])));
            QVERIFY(std::abs(vectorAt(flow, x, y)[1]) < 1.0f);
        }
        // and a vertical move too, in a cell of another shape (stored at most 128 px a side)
        // (50 px down in 256, 25 px in the stored 64x128 field)
        const FlowField down = estimateCellFlow(discImage(64, 100, 128, 256), discImage(64, 150, 128, 256));
        QCOMPARE(down.height, 128);
        QCOMPARE(down.width, 64);
        QVERIFY2(std::abs(vectorAt(down, 32, 50)[1] - 25.0f) < 0.5f, qPrintable(QString::number(vectorAt(down, 32, 50)[1])));
        // and the same images give the same field (the stored and the estimated agree)
        QCOMPARE(estimateCellFlow(discImage(32), discImage(96)).xy, flow.xy);
        // when the neighbour shows other content, or the same picture
        // then no motion explains it: the field is still, and a morph is a dissolve there
        QVERIFY(estimateCellFlow(discImage(32), noiseImage(1)).isStill());
        QVERIFY(estimateCellFlow(noiseImage(2), noiseImage(3)).isStill());
        QVERIFY(estimateCellFlow(discImage(32), discImage(32)).isStill());
        // and a subject moved beyond reach (half of a 256 px cell, above a bar that stays) gets
        // no made-up motion: the flows each way disagree, both are still
        const auto discAboveBar = [](int centreX) {
            QImage image(256, 192, QImage::Format_RGB888);
            image.fill(QColor(12, 12, 12));
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(255, 200, 80));
            painter.drawEllipse(QPointF(centreX, 96), 36, 36);
            painter.fillRect(0, 167, 256, 25, QColor(40, 120, 255));
            return image;
        };
        const CellFlowPair lost = estimateCellFlows(discAboveBar(64), discAboveBar(192));
        QVERIFY(lost.forward.isStill() && lost.backward.isStill());
        const CellFlowPair followed = estimateCellFlows(discAboveBar(64), discAboveBar(160));
        QVERIFY(!followed.forward.isStill() && !followed.backward.isStill());
        QVERIFY2(std::abs(vectorAt(followed.forward, 32, 48)[0] - 48.0f) < 1.0f, qPrintable(QString::number(vectorAt(followed.forward, 32, 48)[0])));
        // and cells too small for DIS's patches (8 px) are estimated at 32 px, not refused
        const FlowField tiny = estimateCellFlow(discImage(2, 4, 8, 8), discImage(6, 4, 8, 8));
        QCOMPARE(tiny.width, 32);
        QCOMPARE(tiny.height, 32);
    }

    void morphBlendMovesEachImageAndFillsWhatItUncovers()
    {
        const LinearImage left = linearOf(discImage(32));
        const LinearImage right = linearOf(discImage(96));
        // given still displacements, the morph is the dissolve, to the bit
        const LinearImage dissolve = morphBlend({{&left, {}, 0.5f}, {&right, FlowField(16, 12), 0.5f}});
        LinearImage expected(128, 96);
        for (std::size_t k = 0; k < expected.rgb.size(); ++k)
            expected.rgb[k] = 0.5f * left.rgb[k] + 0.5f * right.rgb[k];
        QCOMPARE(dissolve.rgb, expected.rgb);
        // given each image moved halfway along its flow toward the other
        FlowField toRight = estimateCellFlow(discImage(32), discImage(96));
        FlowField toLeft = estimateCellFlow(discImage(96), discImage(32));
        FlowField halfRight(toRight.width, toRight.height);
        halfRight.addScaled(toRight, 0.5f);
        FlowField halfLeft(toLeft.width, toLeft.height);
        halfLeft.addScaled(toLeft, 0.5f);
        const LinearImage morph = morphBlend({{&left, halfRight, 0.5f}, {&right, halfLeft, 0.5f}});
        // then one full-bright disc stands in the middle, and the ground where each disc was
        // (uncovered by it, filled by the other image) is dark
        const LinearImage middle = linearOf(discImage(64));
        QVERIFY2(std::abs(morph.pixel(64, 48)[1] - middle.pixel(64, 48)[1]) < 0.02f, qPrintable(QString::number(morph.pixel(64, 48)[1])));
        for (const int x : {28, 32, 36, 92, 96, 100})
            QVERIFY2(std::abs(morph.pixel(x, 48)[1] - middle.pixel(x, 48)[1]) < 0.02f, qPrintable(QString::number(x)));
    }

    void cameraZoomsRotatesAndShiftsAboutTheCentreWithoutBlackEdges()
    {
        // given a dark 64x48 frame with a bright mark 8 px right of its centre (32, 24)
        LinearImage frame(64, 48);
        for (float& v : frame.rgb)
            v = 0.1f;
        const auto mark = [](LinearImage& image, int x, int y) {
            for (int c = 0; c < 3; ++c)
                image.pixel(x, y)[c] = 1.0f;
        };
        mark(frame, 40, 24);
        mark(frame, 40, 23);
        mark(frame, 41, 24);
        mark(frame, 41, 23);
        const auto brightest = [](const LinearImage& image) {
            QPoint best;
            float value = -1.0f;
            for (int y = 0; y < image.height; ++y)
                for (int x = 0; x < image.width; ++x)
                    if (image.pixel(x, y)[1] > value) {
                        value = image.pixel(x, y)[1];
                        best = QPoint(x, y);
                    }
            return best;
        };
        // the identity pose changes nothing
        QCOMPARE(cameraTransform(frame, {}).rgb, frame.rgb);
        // a zoom of 100% doubles the mark's distance from the centre
        CameraPose zoom;
        zoom.zoom = 1.0;
        QVERIFY2(std::abs(brightest(cameraTransform(frame, zoom)).x() - 49) <= 1, qPrintable(QString::number(brightest(cameraTransform(frame, zoom)).x())));
        // a quarter turn counter-clockwise takes it above the centre
        CameraPose turn;
        turn.rotateDegrees = 90.0;
        const QPoint turned = brightest(cameraTransform(frame, turn));
        QVERIFY2(std::abs(turned.x() - 32) <= 1 && std::abs(turned.y() - 15) <= 1, qPrintable(QStringLiteral("%1,%2").arg(turned.x()).arg(turned.y())));
        // a shift of a quarter of the width moves it 16 px right
        CameraPose shift;
        shift.shiftX = 0.25;
        QCOMPARE(brightest(cameraTransform(frame, shift)).x() - brightest(frame).x(), 16);
        // and pulling back shows the picture mirrored at its edges, never black
        CameraPose back;
        back.zoom = -0.5;
        const LinearImage pulled = cameraTransform(frame, back);
        QVERIFY(*std::min_element(pulled.rgb.begin(), pulled.rgb.end()) >= 0.099f);
    }
    void similarityIsOpenCvsSsimAveragedOverTheChannels()
    {
        // given flat grey images, SSIM is its luminance term alone: (2ab + C1) / (a^2 + b^2 + C1)
        // with C1 = (0.01 * 255)^2, the quality module's constant for 8-bit images (within its float
        // arithmetic: the window's variance of a flat image comes out a few thousandths above 0)
        QImage grey100(64, 48, QImage::Format_RGB888);
        grey100.fill(qRgb(100, 100, 100));
        QImage grey150(64, 48, QImage::Format_RGB888);
        grey150.fill(qRgb(150, 150, 150));
        const double c1 = (0.01 * 255) * (0.01 * 255);
        QVERIFY(std::abs(structuralSimilarity(grey100, grey150) - (2 * 100 * 150 + c1) / (100 * 100 + 150 * 150 + c1)) < 1e-4);
        // a channel that differs counts a third: red 150 against 100, green and blue equal
        QImage redder(64, 48, QImage::Format_RGB888);
        redder.fill(qRgb(150, 100, 100));
        QVERIFY(std::abs(structuralSimilarity(grey100, redder) - (2.0 + (2 * 100 * 150 + c1) / (100 * 100 + 150 * 150 + c1)) / 3.0) < 1e-4);

        // an image is equal to itself, and the measure is symmetric
        const QImage disc = discImage(64);
        QVERIFY(std::abs(structuralSimilarity(disc, disc) - 1.0) < 1e-9);
        const QImage near = discImage(72);
        const QImage far = discImage(104);
        QCOMPARE(structuralSimilarity(disc, near), structuralSimilarity(near, disc));
        // a subject moved a little is more alike than one moved far, and both more than noise
        const double nearSsim = structuralSimilarity(disc, near);
        const double farSsim = structuralSimilarity(disc, far);
        const double noiseSsim = structuralSimilarity(disc, noiseImage(3));
        QVERIFY2(nearSsim > farSsim && farSsim > noiseSsim, qPrintable(QStringLiteral("%1 %2 %3").arg(nearSsim).arg(farSsim).arg(noiseSsim)));
        QVERIFY2(nearSsim < 0.99, qPrintable(QString::number(nearSsim)));
        // an inverted picture has opposed structure
        QImage inverted = noiseImage(5);
        inverted.invertPixels();
        QVERIFY(structuralSimilarity(noiseImage(5), inverted) < -0.5);
        // sizes differ: the larger is compared at the smaller's size
        QVERIFY(structuralSimilarity(noiseImage(7), noiseImage(7).scaled(256, 192, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)) > 0.95);

        // images smaller than the window are enlarged to it: an 8x8 picture is itself, and alike
        // to its own enlargement
        const QImage tiny = noiseImage(9).scaled(8, 8);
        QVERIFY(std::abs(structuralSimilarity(tiny, tiny) - 1.0) < 1e-9);
        QVERIFY(structuralSimilarity(tiny, tiny.scaled(64, 64, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)) > 0.8);
        QVERIFY(structuralSimilarity(tiny, grey100) < 0.5);
        // and a missing image is refused
        QVERIFY_THROWS_EXCEPTION(MotionError, structuralSimilarity(QImage(), disc));
    }
};

QTEST_GUILESS_MAIN(TestMotion)
#include "tst_motion.moc"
