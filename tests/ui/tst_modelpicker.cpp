// The Generation panel's model picker over a real catalog, the real survey and the real libtorch
// plugin: picking tiny-sd sets the project's model and the queue loads it; undo restores the
// setting and the queue goes back to the bundled model.
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/MediaLink.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/project/SetProjectModelCommand.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/ModelPickerModel.h"
#include "tessera/ui/GenerationQueuePanel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace tessera;
using namespace tessera::testing;

class TestModelPicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedPathIsRelativeInsideTheProjectFolder()
    {
        QCOMPARE(projectRelativePath(QStringLiteral("/p/song.tessera"), QStringLiteral("/p/models/a.safetensors")),
            QStringLiteral("models/a.safetensors"));
        QCOMPARE(projectRelativePath(QStringLiteral("/p/song.tessera"), QStringLiteral("/m/tiny-sd")),
            QStringLiteral("/m/tiny-sd"));
        QCOMPARE(absoluteProjectPath(QStringLiteral("/p/song.tessera"), QStringLiteral("models/a.safetensors")),
            QStringLiteral("/p/models/a.safetensors"));
        // and a relative setting naming a single file beside the project resolves there, whatever
        // the working folder (the CLI and the studio share projectModelPath)
        QTemporaryDir dir;
        StudioTestProject project(dir);
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models")));
        QFile file(dir.filePath(QStringLiteral("models/a.safetensors")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        ProjectSettings settings = project.catalog->settings();
        settings.model = QStringLiteral("models/a.safetensors");
        project.catalog->setSettings(settings);
        QCOMPARE(projectModelPath(*project.catalog), QDir::cleanPath(dir.filePath(QStringLiteral("models/a.safetensors"))));
    }

    void pickingAModelSetsTheProjectAndReloadsTheQueueUndoably()
    {
        // given a project on the bundled model, its queue loaded, and the panel's picker over
        // the folder holding tiny-sd and tiny-sd2
        QTemporaryDir dir;
        StudioTestProject project(dir);
        Catalog& catalog = *project.catalog;
        EditHistory history(catalog);
        GenerationQueue queue(catalog);
        QSignalSpy ready(&queue, &GenerationQueue::modelReady);
        queue.start();
        QVERIFY2(ready.wait(60000), qPrintable(queue.problem()));
        const QString bundledHash = queue.modelHash();
        ModelPickerModel picker(catalog, history, queue);
        picker.setModelFolders({QStringLiteral(TESSERA_MODELS_DIR)});
        GenerationQueuePanel panel(queue);
        panel.setModelPicker(&picker);
        QComboBox* combo = panel.modelPicker();
        QVERIFY(combo);
        const QString tiny = QDir::cleanPath(QStringLiteral(TESSERA_MODELS_DIR "/tiny-sd"));
        const int tinyIndex = combo->findData(tiny);
        QVERIFY2(tinyIndex >= 0, qPrintable(combo->itemText(0)));
        QVERIFY2(combo->itemText(tinyIndex).contains(QStringLiteral("64 px")), qPrintable(combo->itemText(tinyIndex)));
        QCOMPARE(combo->itemText(combo->count() - 1), QStringLiteral("Browse\u2026"));

        // when tiny-sd is picked
        ready.clear();
        combo->setCurrentIndex(tinyIndex);
        Q_EMIT combo->activated(tinyIndex);

        // then the project names it, the queue loads it (another hash) and the picker shows it
        QCOMPARE(catalog.settings().model, tiny);
        QCOMPARE(queue.modelFolder(), tiny);
        QVERIFY2(ready.wait(60000), qPrintable(queue.problem()));
        const QString tinyHash = ready.last().first().toString();
        QVERIFY(tinyHash != bundledHash);
        QCOMPARE(queue.modelHash(), tinyHash);
        QCOMPARE(combo->currentIndex(), combo->findData(tiny));

        // when undone: the setting and the queue's model come back
        ready.clear();
        history.stack()->undo();
        QCOMPARE(catalog.settings().model, QString());
        QVERIFY2(ready.wait(60000), qPrintable(queue.problem()));
        QCOMPARE(ready.last().first().toString(), bundledHash);

        // and a pickle checkpoint is refused with its file and why, the setting unchanged
        const QString pickle = dir.filePath(QStringLiteral("old.ckpt"));
        {
            QFile file(pickle);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("\x80\x02}q\x00.", 6);
        }
        QSignalSpy refused(&picker, &ModelPickerModel::errorOccurred);
        QVERIFY(!picker.choose(pickle));
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.first().first().toString().contains(QStringLiteral("old.ckpt")), qPrintable(refused.first().first().toString()));
        QCOMPARE(catalog.settings().model, QString());
    }

    void pickingALoraOrEmbeddingAddsItToTheProjectUndoably()
    {
        // given a project and the picker over folders holding a kohya LoRA and an embedding
        QTemporaryDir dir;
        StudioTestProject project(dir);
        Catalog& catalog = *project.catalog;
        EditHistory history(catalog);
        GenerationQueue queue(catalog);
        ModelPickerModel picker(catalog, history, queue);
        const QString set = QStringLiteral(TESSERA_MODELS_DIR "/sd-reference-2");
        picker.setModelFolders({set + QStringLiteral("/lora"), set + QStringLiteral("/textual-inversion")});
        GenerationQueuePanel panel(queue);
        panel.setModelPicker(&picker);
        QComboBox* combo = panel.modelPicker();
        const QString lora = QDir::cleanPath(set + QStringLiteral("/lora/tiny-sd-kohya.safetensors"));
        const QString embedding = QDir::cleanPath(set + QStringLiteral("/textual-inversion/tessera-style.safetensors"));

        // then both are listed with the models they fit, unticked
        const int loraIndex = combo->findData(lora);
        QVERIFY2(loraIndex >= 0, qPrintable(combo->itemText(0)));
        QVERIFY2(combo->itemText(loraIndex).contains(QStringLiteral("LoRA for latent")), qPrintable(combo->itemText(loraIndex)));
        QVERIFY(combo->itemText(loraIndex).startsWith(QStringLiteral("\u2610")));
        QVERIFY(combo->findData(embedding) >= 0);
        QVERIFY(combo->findData(QDir::cleanPath(set + QStringLiteral("/lora/tiny-sdxl-kohya.safetensors"))) >= 0);

        // when the LoRA and then the embedding are picked
        Q_EMIT combo->activated(loraIndex);
        Q_EMIT combo->activated(combo->findData(embedding));

        // then the project uses them (the LoRA at strength 1, the embedding by its file's name), ticked
        QCOMPARE(catalog.settings().loras.size(), 1);
        QCOMPARE(catalog.settings().loras.first().file, lora);
        QCOMPARE(catalog.settings().loras.first().strength, 1.0);
        QCOMPARE(catalog.settings().embeddings.size(), 1);
        QCOMPARE(catalog.settings().embeddings.first().token, QStringLiteral("tessera-style"));
        QVERIFY(combo->itemText(combo->findData(lora)).startsWith(QStringLiteral("\u2611")));
        QCOMPARE(history.stack()->undoText(), QStringLiteral("Use embedding tessera-style"));

        // and undo takes them out one by one; picking the LoRA again takes it out too
        history.stack()->undo();
        QVERIFY(catalog.settings().embeddings.isEmpty());
        QCOMPARE(catalog.settings().loras.size(), 1);
        Q_EMIT combo->activated(combo->findData(lora));
        QVERIFY(catalog.settings().loras.isEmpty());
        QVERIFY(combo->itemText(combo->findData(lora)).startsWith(QStringLiteral("\u2610")));
        // the model did not change
        QCOMPARE(catalog.settings().model, QString());
    }
};

QTEST_MAIN(TestModelPicker)
#include "tst_modelpicker.moc"
