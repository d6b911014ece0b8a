// The studio's Export dialog on a real project (a click-track song, a generated 1x2 grid): the
// real compositor and FFmpeg encoder on the dialog's worker thread, progress, cancel, and the
// project's export history read back from the SQLite file.

#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/studio/ExportJob.h"
#include "tessera/ui/ExportDialog.h"
#ifdef TESSERA_STUDIO_UPSCALE
#include "EsrganRunner.h"
#endif

#include <QComboBox>
#include <QFileInfo>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::testing;

class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presetsCoverWebUhdProResAndPng()
    {
        const QVector<ExportPreset> presets = exportPresets();
        QCOMPARE(presets.size(), 4);
        QCOMPARE(presets[0].format, ExportFormat::H264Mp4);
        QCOMPARE(QSize(presets[0].width, presets[0].height), QSize(1920, 1080));
        QCOMPARE(QSize(presets[1].width, presets[1].height), QSize(3840, 2160));
        QCOMPARE(presets[2].format, ExportFormat::ProRes422Mov);
        QCOMPARE(presets[3].format, ExportFormat::PngSequence);
    }

    void exportsTheSelectedRangeAndRecordsIt()
    {
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const QString out = dir.filePath(QStringLiteral("clip.mp4"));
        ExportDialog dialog(project.path, StudioTestProject::kSeconds, QSize(160, 90), FrameRate{30, 1}, {0.0, 2.0});
        dialog.setOutputPath(out);
        dialog.setSize(160, 90);
        dialog.setRange(0.5, 1.5);
        QCOMPARE(dialog.request().rangeStart, 0.5);
        QCOMPARE(dialog.request().width, 160);
        dialog.show();
        QSignalSpy done(&dialog, &ExportDialog::exported);
        QSignalSpy failed(&dialog, &ExportDialog::exportFailed);
        dialog.findChild<QPushButton*>(QStringLiteral("exportButton"))->click();
        QVERIFY(dialog.isExporting());
        QVERIFY2(done.wait(120000), qPrintable(failed.isEmpty() ? QString() : failed.constFirst().constFirst().toString()));
        QCOMPARE(done.constFirst().constFirst().toString(), QFileInfo(out).absoluteFilePath());
        QVERIFY(QFileInfo(out).size() > 1000);
        QCOMPARE(dialog.findChild<QProgressBar*>()->value(), 1000);
        const auto catalog = Catalog::open(project.path, Catalog::Access::ReadOnly);
        const QVector<ExportRecord> history = catalog->exports();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history[0].state, JobState::Done);
        QCOMPARE(history[0].settings.value(QStringLiteral("frames")).toInteger(), 30); // 1 s at 30 fps
        QCOMPARE(history[0].settings.value(QStringLiteral("start")).toDouble(), 0.5);
    }

    void upscaledExportsKeepTheUpscalesInTheProject()
    {
        QTemporaryDir dir;
        StudioTestProject project(dir);
        ExportDialog dialog(project.path, StudioTestProject::kSeconds, QSize(160, 90), FrameRate{30, 1}, {0.0, 2.0});
        auto* choice = dialog.findChild<QComboBox*>(QStringLiteral("upscale"));
        QVERIFY(choice);
        // without an upscaler (a build without libtorch) the choice is off and cannot be made
        dialog.setUpscale(QStringLiteral("slim"), {});
        QVERIFY(!choice->isEnabled());
        QCOMPARE(dialog.request().upscale.value_or(QStringLiteral("unset")), QString());
        QVERIFY(!dialog.request().upscaler);
#ifndef TESSERA_STUDIO_UPSCALE
        QSKIP("the rest runs the engine's ESRGAN: the build without libtorch has none");
#else
        // given the engine's upscaler and the project's choice, slim
        dialog.setUpscale(QStringLiteral("slim"), [](const QImage& cell, int factor, const QString& network) {
            return upscaler::esrganUpscale(cell, factor, upscaler::esrganModelsDir(network));
        });
        QVERIFY(choice->isEnabled());
        QCOMPARE(choice->currentData().toString(), QStringLiteral("slim"));
        // when a second of the 1x2 segment (8x8 cells in a 160x90 frame: x8) is exported
        dialog.setOutputPath(dir.filePath(QStringLiteral("up.mp4")));
        dialog.setSize(160, 90);
        dialog.setRange(0.5, 1.5);
        dialog.show();
        QSignalSpy done(&dialog, &ExportDialog::exported);
        QSignalSpy failed(&dialog, &ExportDialog::exportFailed);
        dialog.findChild<QPushButton*>(QStringLiteral("exportButton"))->click();
        QVERIFY2(done.wait(120000), qPrintable(failed.isEmpty() ? QString() : failed.constFirst().constFirst().toString()));
        // then both cells were upscaled x8 by slim and kept in the project
        const auto catalog = Catalog::open(project.path, Catalog::Access::ReadOnly);
        for (const Cell& cell : catalog->cells(project.firstId)) {
            const QImage upscaled = QImage::fromData(catalog->versionUpscale(cell.activeVersionId, 8, QStringLiteral("slim")));
            QCOMPARE(upscaled.size(), QSize(64, 64));
        }
#endif
    }

    void cancelLeavesNoFileAndRecordsTheCancel()
    {
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const QString out = dir.filePath(QStringLiteral("cancelled.mp4"));
        ExportDialog dialog(project.path, StudioTestProject::kSeconds, QSize(160, 90), FrameRate{30, 1}, {0.0, 2.0});
        dialog.setOutputPath(out);
        dialog.setSize(1280, 720); // slow enough to cancel midway
        dialog.show();
        QSignalSpy failed(&dialog, &ExportDialog::exportFailed);
        QSignalSpy done(&dialog, &ExportDialog::exported);
        dialog.startExport();
        dialog.cancelExport();
        QVERIFY(failed.wait(60000));
        QVERIFY(done.isEmpty());
        QCOMPARE(failed.constFirst().at(1).toBool(), true);
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.partial*"), QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden).size(), 0);
        const auto catalog = Catalog::open(project.path, Catalog::Access::ReadOnly);
        QCOMPARE(catalog->exports().size(), 1);
        QCOMPARE(catalog->exports()[0].state, JobState::Cancelled);
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
