// The studio's Preferences (kept in QSettings, put into effect through the environment the
// engine and the colour resolver read) and the first start, which opens the demo project once.

#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/studio/StudioPreferences.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/PreferencesDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataHome.isValid());
        // The demo project goes to the app data folder: a temporary one, not the user's.
        qputenv("XDG_DATA_HOME", m_dataHome.path().toLocal8Bit());
    }

    void preferencesRoundTripThroughSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        QCOMPARE(StudioPreferences::load(settings), StudioPreferences());

        StudioPreferences preferences;
        preferences.modelFolders = {QStringLiteral("/models/a"), QStringLiteral("/models/b")};
        preferences.ocioConfig = QStringLiteral("/studio/config.ocio");
        preferences.computeThreads = 3;
        preferences.cacheMegabytes = 1024;
        preferences.language = QStringLiteral("de");
        preferences.precision = QStringLiteral("auto");
        preferences.save(settings);
        settings.sync();

        QSettings reread(settings.fileName(), QSettings::IniFormat);
        QCOMPARE(StudioPreferences::load(reread), preferences);
        // and so does the next session's, which parses the file anew (QSettings shares one parsed
        // file within a process: a copy under another name is read from disk)
        const QString nextSession = dir.filePath(QStringLiteral("next-session.ini"));
        QVERIFY(QFile::copy(settings.fileName(), nextSession));
        QSettings fromDisk(nextSession, QSettings::IniFormat);
        QCOMPARE(StudioPreferences::load(fromDisk), preferences);
        // a hand-edited file with silly values is brought into range
        reread.setValue(QStringLiteral("compute/threads"), -4);
        reread.setValue(QStringLiteral("preview/cacheMegabytes"), 1);
        QCOMPARE(StudioPreferences::load(reread).computeThreads, 0);
        QCOMPARE(StudioPreferences::load(reread).cacheMegabytes, 16);
        reread.setValue(QStringLiteral("compute/precision"), QStringLiteral("fp16")); // CUDA's alone
        QCOMPARE(StudioPreferences::load(reread).precision, QStringLiteral("auto"));
    }

    void languageFromBeforeTheGroupRenameIsKept()
    {
        // given a settings file as the studio wrote it before: Qt wrote the "general" group as
        // [%General], which reads back as "General"
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[%General]\nlanguage=ja\nfirstStartDone=true\n");
        file.close();
        QSettings settings(path, QSettings::IniFormat);
        // then its language is still the studio's, and saving moves it to the new key only
        StudioPreferences preferences = StudioPreferences::load(settings);
        QCOMPARE(preferences.language, QStringLiteral("ja"));
        preferences.language = QStringLiteral("de");
        preferences.precision = QStringLiteral("auto");
        preferences.save(settings);
        settings.sync();
        QCOMPARE(StudioPreferences::load(settings).language, QStringLiteral("de"));
        QVERIFY(!settings.contains(QStringLiteral("General/language")));
        // and the first start counts as done
        MainWindow window(settings);
        QVERIFY(!window.openDemoOnFirstStart());
    }

    void applyingSetsWhatTheEngineAndColourRead()
    {
        const QByteArray inherited = qgetenv("OCIO");
        StudioPreferences preferences;
        preferences.ocioConfig = QStringLiteral("/studio/config.ocio");
        preferences.computeThreads = 2;
        preferences.applyToProcess();
        QCOMPARE(qgetenv("OCIO"), QByteArray("/studio/config.ocio"));
        QCOMPARE(qgetenv("TESSERA_COMPUTE_THREADS"), QByteArray("2"));

        // clearing them gives back what the studio was started with
        preferences.ocioConfig.clear();
        preferences.computeThreads = 0;
        preferences.applyToProcess();
        QCOMPARE(qgetenv("OCIO"), inherited);
        QVERIFY(!qEnvironmentVariableIsSet("TESSERA_COMPUTE_THREADS"));
    }

    void dialogShowsAndReturnsThePreferences()
    {
        StudioPreferences preferences;
        preferences.modelFolders = {QStringLiteral("/models/a")};
        preferences.ocioConfig = QStringLiteral("/studio/config.ocio");
        preferences.computeThreads = 4;
        preferences.cacheMegabytes = 512;
        preferences.language = QStringLiteral("ja");
        PreferencesDialog dialog(preferences);
        QCOMPARE(dialog.modelFolderList()->count(), 1);
        QCOMPARE(dialog.ocioConfigEdit()->text(), preferences.ocioConfig);
        QCOMPARE(dialog.threadsBox()->value(), 4);
        QCOMPARE(dialog.cacheBox()->value(), 512);
        QCOMPARE(dialog.languagePicker()->currentData().toString(), QStringLiteral("ja"));
        QCOMPARE(dialog.preferences(), preferences);

        // edits made in the widgets come back
        dialog.ocioConfigEdit()->clear();
        dialog.threadsBox()->setValue(1);
        dialog.languagePicker()->setCurrentIndex(dialog.languagePicker()->findData(QStringLiteral("de")));
        delete dialog.modelFolderList()->item(0);
        const StudioPreferences edited = dialog.preferences();
        QVERIFY(edited.ocioConfig.isEmpty());
        QCOMPARE(edited.computeThreads, 1);
        QCOMPARE(edited.language, QStringLiteral("de"));
        QVERIFY(edited.modelFolders.isEmpty());
        QCOMPARE(edited.cacheMegabytes, 512);

        // and the precision picker, at "auto" by default, says what "auto" computes in on this machine
        QCOMPARE(dialog.precisionPicker()->currentData().toString(), QStringLiteral("auto"));
        const QString automatic = dialog.precisionPicker()->itemText(dialog.precisionPicker()->findData(QStringLiteral("auto")));
        QVERIFY2(automatic.contains(GenerationOptions::autoPrecisionOnThisCpu() == QLatin1String("bf16") ? QStringLiteral("bf16")
                                                                                                       : QStringLiteral("float32")),
            qPrintable(automatic));
        dialog.precisionPicker()->setCurrentIndex(dialog.precisionPicker()->findData(QStringLiteral("bf16")));
        QCOMPARE(dialog.preferences().precision, QStringLiteral("bf16"));
    }

    void thePrecisionPreferenceGoesIntoNewJobs()
    {
        // given the studio with bf16 chosen in the Preferences
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        StudioPreferences preferences;
        preferences.precision = QStringLiteral("bf16");
        preferences.save(settings);
        testing::StudioTestProject project(dir);
        project.catalog.reset();
        MainWindow window(settings);
        // when a project opens, its queue makes jobs in bf16
        QVERIFY(window.openProject(project.path));
        QCOMPARE(window.session()->queue().options().precision, QStringLiteral("bf16"));
        // and the queue's model line says so, once the model is loaded
        const auto* modelLine = window.findChild<QLabel*>(QStringLiteral("modelLine"));
        QVERIFY(modelLine);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->queue().isModelReady(), 60000);
        QVERIFY2(modelLine->text().endsWith(QStringLiteral("computing in bf16")), qPrintable(modelLine->text()));
        // and a change in the Preferences applies to the jobs queued from then on, and to the line
        preferences.precision = QStringLiteral("fp32");
        preferences.save(settings);
        window.applyPreferences();
        QCOMPARE(window.session()->queue().options().precision, QStringLiteral("fp32"));
        QVERIFY2(modelLine->text().endsWith(QStringLiteral("computing in float32")), qPrintable(modelLine->text()));
        // "auto" names what it computes in on this CPU
        preferences.precision = QStringLiteral("auto");
        preferences.save(settings);
        window.applyPreferences();
        QVERIFY2(modelLine->text().endsWith(GenerationOptions::autoPrecisionOnThisCpu() == QLatin1String("bf16")
                                                ? QStringLiteral("computing in bf16")
                                                : QStringLiteral("computing in float32")),
            qPrintable(modelLine->text()));
    }

    void firstStartOpensTheDemoOnce()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
        {
            MainWindow window(settings);
            window.show();
            QSignalSpy opened(&window, &MainWindow::projectChanged);
            QSignalSpy errors(&window, &MainWindow::errorShown);
            QVERIFY(window.openDemoOnFirstStart());
            QVERIFY2(opened.wait(120000), qPrintable(errors.isEmpty() ? QStringLiteral("no project opened") : errors.constFirst().constFirst().toString()));
            QCOMPARE(opened.constFirst().constFirst().toString(), MainWindow::demoProjectPath());
            QVERIFY(MainWindow::demoProjectPath().startsWith(m_dataHome.path()));
            // the demo's timeline comes from the bundled LRC
            QVERIFY(window.session());
            QVERIFY(window.session()->catalog().segments().size() >= 8);
        }
        {
            // the next start opens nothing by itself
            MainWindow window(settings);
            QVERIFY(!window.openDemoOnFirstStart());
            QVERIFY(!window.session());
            // also when the next start reads the settings file anew
            settings.sync();
            const QString nextSession = dir.filePath(QStringLiteral("next-session.ini"));
            QVERIFY(QFile::copy(settings.fileName(), nextSession));
            QSettings fromDisk(nextSession, QSettings::IniFormat);
            MainWindow nextWindow(fromDisk);
            QVERIFY(!nextWindow.openDemoOnFirstStart());
            // and it goes back to the last project instead (the demo, opened above)
            QVERIFY(nextWindow.openLastProject());
            QCOMPARE(nextWindow.session()->path(), MainWindow::demoProjectPath());
            // while Help > Open Demo Project reopens the demo made the first time
            QVERIFY(window.openDemoProject());
            QVERIFY(window.session());
            QCOMPARE(window.session()->catalog().path(), MainWindow::demoProjectPath());
        }
    }

private:
    QTemporaryDir m_dataHome;
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
