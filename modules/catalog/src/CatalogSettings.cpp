#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

#include <QJsonDocument>

namespace tessera {

using internal::Statement;

ProjectSettings Catalog::settings() const
{
    Statement query(d->db,
        "SELECT name, fps_num, fps_den, width, height, audio_path, audio_hash, ocio_config,"
        " working_space, display, view, model, style_prompt, negative_prompt FROM project WHERE id = 1");
    if (!query.next())
        d->db.fail(QStringLiteral("the project settings row is missing"));
    ProjectSettings settings;
    settings.name = query.text(0);
    settings.frameRate = {int(query.int64(1)), int(query.int64(2))};
    settings.width = int(query.int64(3));
    settings.height = int(query.int64(4));
    settings.audioPath = query.text(5);
    settings.audioHash = query.text(6);
    settings.color = {query.text(7), query.text(8), query.text(9), query.text(10)};
    settings.model = query.text(11);
    settings.stylePrompt = query.text(12);
    settings.negativePrompt = query.text(13);
    // A project opened read-only keeps its schema: one made before LoRAs (schema 3) has none.
    if (schemaVersion() >= 4) {
        Statement addOns(d->db, "SELECT model_add_ons FROM project WHERE id = 1");
        QString problem;
        if (!addOns.next()
            || !settings.readAddOnsJson(QJsonDocument::fromJson(addOns.text(0).toUtf8()).object(), &problem))
            d->db.fail(QStringLiteral("the project's LoRAs and embeddings are damaged: %1").arg(problem));
    }
    // The schema's CHECKs bind writers only: a damaged file can hold an odd frame size or a zero
    // frame rate, which the rest of Tessera divides by. Read by the rules setSettings writes by.
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        d->db.fail(QStringLiteral("the project settings are damaged: %1").arg(problem));
    return settings;
}

void Catalog::setSettings(const ProjectSettings& settings)
{
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        d->db.fail(problem);
    transact([&] {
        Statement update(d->db,
            "UPDATE project SET name = ?1, fps_num = ?2, fps_den = ?3, width = ?4, height = ?5,"
            " audio_path = ?6, audio_hash = ?7, ocio_config = ?8, working_space = ?9, display = ?10,"
            " view = ?11, model = ?12, style_prompt = ?13, negative_prompt = ?14, model_add_ons = ?15,"
            " modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1");
        update.bind(1, settings.name)
            .bind(2, settings.frameRate.numerator)
            .bind(3, settings.frameRate.denominator)
            .bind(4, settings.width)
            .bind(5, settings.height)
            .bind(6, settings.audioPath)
            .bind(7, settings.audioHash)
            .bind(8, settings.color.ocioConfig)
            .bind(9, settings.color.workingSpace)
            .bind(10, settings.color.display)
            .bind(11, settings.color.view)
            .bind(12, settings.model)
            .bind(13, settings.stylePrompt)
            .bind(14, settings.negativePrompt)
            .bind(15, QString::fromUtf8(QJsonDocument(settings.addOnsJson()).toJson(QJsonDocument::Compact)))
            .run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("the project settings row is missing"));
    });
}

RenderSettings Catalog::renderSettings() const
{
    Statement query(d->db, "SELECT render FROM project WHERE id = 1");
    if (!query.next())
        d->db.fail(QStringLiteral("the project settings row is missing"));
    QString problem;
    const RenderSettings settings
        = RenderSettings::fromJson(QJsonDocument::fromJson(query.text(0).toUtf8()).object(), &problem);
    if (!problem.isEmpty())
        d->db.fail(QStringLiteral("render settings: %1").arg(problem));
    return settings;
}

void Catalog::setRenderSettings(const RenderSettings& settings)
{
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        d->db.fail(problem);
    transact([&] {
        Statement update(d->db, "UPDATE project SET render = ?1,"
                                " modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1");
        update.bind(1, QString::fromUtf8(QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact))).run();
        if (d->db.changes() != 1)
            d->db.fail(QStringLiteral("the project settings row is missing"));
    });
}

} // namespace tessera
