// The model survey (tessera-cli models, the studio's model picker): a folder holding a diffusers
// model (tiny-sd), the same weights as one single-file LDM checkpoint, a pickle checkpoint, a
// LoRA-like safetensors and junk, described from real files with the real header reader.

#include "LdmTestCheckpoint.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ModelSurvey.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;

namespace {

QMap<QString, ModelSummary> byName(const QVector<ModelSummary>& models)
{
    QMap<QString, ModelSummary> named;
    for (const ModelSummary& model : models)
        named.insert(model.name, model);
    return named;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestModelSurvey : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_checkpoint;

private Q_SLOTS:
    void initTestCase()
    {
        // given a folder holding tiny-sd (copied), its weights as one checkpoint, a pickle
        // checkpoint, a safetensors without a UNet (a LoRA), a broken safetensors and a text file
        QVERIFY(m_dir.isValid());
        const QString tiny = QStringLiteral(TESSERA_TINY_MODEL);
        const QDir models(m_dir.path());
        QVERIFY(QFile::link(tiny, models.filePath(QStringLiteral("tiny-sd"))));
        m_checkpoint = models.filePath(QStringLiteral("tiny-ldm.safetensors"));
        tessera::test::writeLdmCheckpoint(tiny, m_checkpoint);
        writeFile(models.filePath(QStringLiteral("old.ckpt")), QByteArray("\x80\x02}q\x00.", 6));
        writeFile(models.filePath(QStringLiteral("junk.safetensors")), QByteArray("\xff\xff\xff\xff\xff\xff\xff\x7f{}", 10));
        QByteArray lora = QByteArray("{\"lora_up.weight\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}");
        lora.append(QByteArray((8 - lora.size() % 8) % 8, ' '));
        QByteArray length(8, '\0');
        length[0] = char(lora.size());
        writeFile(models.filePath(QStringLiteral("style-lora.safetensors")), length + lora + QByteArray(4, '\0'));
        writeFile(models.filePath(QStringLiteral("notes.txt")), "not a model");
    }

    void listsLorasAndEmbeddingsWithTheFamilyTheyFit()
    {
        // given the reference kohya LoRAs and A1111 embedding, an SD 1.x-wide and an SDXL
        // embedding, a LyCORIS file, and the folder above (models, a LoRA-like single tensor)
        const QString set = QFileInfo(QStringLiteral(TESSERA_TINY_MODEL)).dir().filePath(QStringLiteral("sd-reference-2"));
        QTemporaryDir extra;
        const auto header = [](const QByteArray& json, int dataBytes) -> QByteArray {
            QByteArray padded = json;
            padded.append(QByteArray((8 - padded.size() % 8) % 8, ' '));
            QByteArray length(8, '\0');
            length[0] = char(padded.size() & 0xff);
            length[1] = char(padded.size() >> 8);
            return length + padded + QByteArray(dataBytes, '\0');
        };
        writeFile(extra.filePath(QStringLiteral("sd15-style.safetensors")),
                  header("{\"emb_params\":{\"dtype\":\"F32\",\"shape\":[3,768],\"data_offsets\":[0,9216]}}", 9216));
        writeFile(extra.filePath(QStringLiteral("xl-style.safetensors")),
                  header("{\"clip_g\":{\"dtype\":\"F16\",\"shape\":[1,1280],\"data_offsets\":[0,2560]},"
                         "\"clip_l\":{\"dtype\":\"F16\",\"shape\":[1,768],\"data_offsets\":[2560,4096]}}", 4096));
        writeFile(extra.filePath(QStringLiteral("loha.safetensors")),
                  header("{\"lora_unet_x.hada_w1_a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4));

        // when the add-ons are surveyed
        QMap<QString, AddOnSummary> found;
        for (const AddOnSummary& addOn : surveyAddOns({set + QStringLiteral("/lora"), set + QStringLiteral("/textual-inversion"),
                 extra.path(), m_dir.path()}))
            found.insert(addOn.name, addOn);

        // then each is told from its header: kind, the family and text width it fits, rank or vectors
        QCOMPARE(found.size(), 6);
        const AddOnSummary sdLora = found.value(QStringLiteral("tiny-sd-kohya.safetensors"));
        QCOMPARE(sdLora.kind, QStringLiteral("lora"));
        QCOMPARE(sdLora.contextWidth, 32); // tiny-sd's cross_attention_dim
        QCOMPARE(sdLora.family, QStringLiteral("latent"));
        QCOMPARE(sdLora.size, 4);
        const AddOnSummary xlLora = found.value(QStringLiteral("tiny-sdxl-kohya.safetensors"));
        QCOMPARE(xlLora.family, QStringLiteral("SDXL"));
        QCOMPARE(xlLora.contextWidth, 80);
        const AddOnSummary style = found.value(QStringLiteral("tessera-style.safetensors"));
        QCOMPARE(style.kind, QStringLiteral("embedding"));
        QCOMPARE(style.size, 2);
        QCOMPARE(style.contextWidth, 32);
        QCOMPARE(found.value(QStringLiteral("sd15-style.safetensors")).family, QStringLiteral("SD 1.x"));
        QCOMPARE(found.value(QStringLiteral("xl-style.safetensors")).family, QStringLiteral("SDXL"));
        QCOMPARE(found.value(QStringLiteral("xl-style.safetensors")).contextWidth, 2048);
        QVERIFY(found.value(QStringLiteral("loha.safetensors")).problem.contains(QStringLiteral("LyCORIS")));
        QCOMPARE(found.value(QStringLiteral("tiny-sd-kohya.safetensors")).toJson().value(QStringLiteral("rank")).toInt(), 4);
        // and the SDXL model folder is an SDXL model
        QCOMPARE(describeModel(set + QStringLiteral("/tiny-sdxl")).family, QStringLiteral("SDXL"));
    }

    void listsFoldersFilesAndRefusedPickles()
    {
        // when the folder is surveyed with tiny-sd's configs as the single file's family
        qputenv("TESSERA_MODEL_FAMILY", QByteArray(TESSERA_TINY_MODEL));
        const auto models = byName(surveyModels({m_dir.path()}));
        qunsetenv("TESSERA_MODEL_FAMILY");

        // then the folder and the single file are described alike from configs and headers
        QVERIFY2(models.contains(QStringLiteral("tiny-sd")), qPrintable(models.keys().join(QLatin1Char(','))));
        const ModelSummary folder = models.value(QStringLiteral("tiny-sd"));
        QVERIFY2(folder.isUsable(), qPrintable(folder.problem));
        QVERIFY(!folder.isSingleFile());
        QCOMPARE(folder.family, QStringLiteral("latent"));
        QCOMPARE(folder.resolution, 64);
        QCOMPARE(folder.precision, QStringLiteral("F32"));
        const ModelSummary file = models.value(QStringLiteral("tiny-ldm.safetensors"));
        QVERIFY2(file.isUsable(), qPrintable(file.problem));
        QVERIFY(file.isSingleFile());
        QCOMPARE(file.path, QFileInfo(m_checkpoint).absoluteFilePath());
        QCOMPARE(file.familyConfig, QStringLiteral(TESSERA_TINY_MODEL));
        QCOMPARE(file.family, folder.family);
        QCOMPARE(file.resolution, folder.resolution);
        QCOMPARE(file.prediction, QStringLiteral("epsilon"));
        QCOMPARE(file.precision, QStringLiteral("F32")); // the UNet's tensors only
        QCOMPARE(file.bytes, QFileInfo(m_checkpoint).size());
        QCOMPARE(file.toJson().value(QStringLiteral("checkpoint")).toString(), QStringLiteral(TESSERA_TINY_MODEL));

        // and the pickle is listed refused, never read; the broken header names its file
        const ModelSummary pickle = models.value(QStringLiteral("old.ckpt"));
        QVERIFY(!pickle.isUsable());
        QVERIFY2(pickle.problem.contains(QStringLiteral("old.ckpt")) && pickle.problem.contains(QStringLiteral("arbitrary code")),
            qPrintable(pickle.problem));
        const ModelSummary junk = models.value(QStringLiteral("junk.safetensors"));
        QVERIFY(!junk.isUsable());
        QVERIFY2(junk.problem.startsWith(QFileInfo(m_dir.filePath(QStringLiteral("junk.safetensors"))).absoluteFilePath()),
            qPrintable(junk.problem));
        QVERIFY(!junk.toJson().value(QStringLiteral("problem")).toString().isEmpty());
        // and what is no model is skipped
        QVERIFY(!models.contains(QStringLiteral("style-lora.safetensors")));
        QVERIFY(!models.contains(QStringLiteral("notes.txt")));
        QCOMPARE(models.size(), 4);
    }

    void unknownFamilyIsRefusedWithTheHeadersReason()
    {
        // given no family override: tiny-sd's 32-wide text encoder is no SD 1.x family
        qunsetenv("TESSERA_MODEL_FAMILY");
        const QVector<ModelSummary> models = surveyModels({m_checkpoint});
        QCOMPARE(models.size(), 1);
        QVERIFY(!models.first().isUsable());
        QVERIFY2(models.first().problem.contains(QStringLiteral("no known SD 1.x family")), qPrintable(models.first().problem));
        QVERIFY_THROWS_EXCEPTION(std::exception, describeModel(m_checkpoint));
    }
};

QTEST_GUILESS_MAIN(TestModelSurvey)
#include "tst_modelsurvey.moc"
