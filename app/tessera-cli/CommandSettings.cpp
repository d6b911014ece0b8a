// settings: the project-wide generation settings every cell shares: the style and negative
// prompts, the LoRAs (with strengths) and the textual-inversion embeddings (with tokens).
#include "CliContext.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/generation/ModelAddOns.h"

#include <QFileInfo>

#include <algorithm>

namespace tessera::cli {

namespace {

QJsonObject addOnsReport(const ProjectSettings& settings)
{
    QJsonArray loras;
    for (const ProjectLora& lora : settings.loras)
        loras.append(QJsonObject{{QStringLiteral("name"), lora.name()}, {QStringLiteral("file"), lora.file},
                                 {QStringLiteral("strength"), lora.strength}});
    QJsonArray embeddings;
    for (const ProjectEmbedding& embedding : settings.embeddings)
        embeddings.append(QJsonObject{{QStringLiteral("token"), embedding.token}, {QStringLiteral("file"), embedding.file}});
    return QJsonObject{{QStringLiteral("stylePrompt"), settings.stylePrompt},
                       {QStringLiteral("negativePrompt"), settings.negativePrompt},
                       {QStringLiteral("loras"), loras},
                       {QStringLiteral("embeddings"), embeddings}};
}

//! An existing file's absolute path, as the project stores it.
QString absoluteFile(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

int runSettings(CliContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    // not --style: QGuiApplication takes that argument (the widget style) before the parser sees it
    const QCommandLineOption styleOption(QStringLiteral("style-prompt"), QStringLiteral("The style prompt appended to every segment's prompt."), QStringLiteral("TEXT"));
    const QCommandLineOption negativeOption(QStringLiteral("negative-prompt"), QStringLiteral("The negative prompt of every cell (\"\": none)."), QStringLiteral("TEXT"));
    const QCommandLineOption loraOption(QStringLiteral("lora"),
        QStringLiteral("Add a kohya LoRA (.safetensors) every cell is made with, at strength SCALE (-10 to 10, default 1), "
                       "or set the strength of one the project has; repeatable."),
        QStringLiteral("FILE[:SCALE]"));
    const QCommandLineOption removeLoraOption(QStringLiteral("remove-lora"),
        QStringLiteral("Remove a LoRA, by name (its file's name without extension) or file; repeatable."), QStringLiteral("NAME"));
    const QCommandLineOption clearLorasOption(QStringLiteral("clear-loras"), QStringLiteral("Remove every LoRA (before any --lora)."));
    const QCommandLineOption embeddingOption(QStringLiteral("embedding"),
        QStringLiteral("Add a textual-inversion embedding and the prompt token that uses it (default: the file's name), "
                       "or set the token of one the project has; repeatable."),
        QStringLiteral("FILE[:TOKEN]"));
    const QCommandLineOption removeEmbeddingOption(QStringLiteral("remove-embedding"),
        QStringLiteral("Remove an embedding, by token or file; repeatable."), QStringLiteral("TOKEN"));
    const QCommandLineOption clearEmbeddingsOption(QStringLiteral("clear-embeddings"), QStringLiteral("Remove every embedding (before any --embedding)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Report as JSON."));
    parser.addOptions({styleOption, negativeOption, loraOption, removeLoraOption, clearLorasOption, embeddingOption,
        removeEmbeddingOption, clearEmbeddingsOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project file."));
    const QString command = QStringLiteral("settings");
    if (const int handled = context.parse(parser, command, arguments,
            QStringLiteral("Show or change what every cell of the project is generated with: the style and negative\n"
                           "prompts, LoRAs and textual-inversion embeddings. Without options, print them. Cells made\n"
                           "before a change are out of date and generate makes them again. A segment axis\n"
                           "lora:NAME:FROM:TO varies one LoRA's strength across its grid."));
        handled >= 0)
        return handled;
    if (parser.positionalArguments().size() != 1)
        return context.usageError(command, QStringLiteral("expected PROJECT"));

    // Files are checked before the project is opened: a typo changes nothing.
    QVector<LoraChoice> loras;
    for (const QString& argument : parser.values(loraOption)) {
        QString problem;
        const auto choice = parseLoraArgument(argument, &problem);
        if (!choice)
            return context.usageError(command, QStringLiteral("--lora %1").arg(problem));
        loras.append(*choice);
    }
    QVector<EmbeddingChoice> embeddings;
    for (const QString& argument : parser.values(embeddingOption)) {
        QString problem;
        const auto choice = parseEmbeddingArgument(argument, &problem);
        if (!choice)
            return context.usageError(command, QStringLiteral("--embedding %1").arg(problem));
        embeddings.append(*choice);
    }
    const bool edits = parser.isSet(styleOption) || parser.isSet(negativeOption) || !loras.isEmpty()
        || parser.isSet(removeLoraOption) || parser.isSet(clearLorasOption) || !embeddings.isEmpty()
        || parser.isSet(removeEmbeddingOption) || parser.isSet(clearEmbeddingsOption);

    return context.guarded([&] {
        const QString path = parser.positionalArguments().constFirst();
        const auto catalog = Catalog::open(path, edits ? Catalog::Access::ReadWrite : Catalog::Access::ReadOnly);
        ProjectSettings settings = catalog->settings();
        if (parser.isSet(styleOption))
            settings.stylePrompt = parser.value(styleOption);
        if (parser.isSet(negativeOption))
            settings.negativePrompt = parser.value(negativeOption);

        if (parser.isSet(clearLorasOption))
            settings.loras.clear();
        for (const QString& name : parser.values(removeLoraOption)) {
            const ProjectLora* lora = settings.loraNamed(name);
            const QString file = lora ? lora->file : absoluteFile(name);
            const auto kept = std::remove_if(settings.loras.begin(), settings.loras.end(),
                [&](const ProjectLora& entry) { return entry.file == file; });
            if (kept == settings.loras.end())
                throw CatalogError(path, QStringLiteral("has no LoRA \"%1\" to remove").arg(name));
            settings.loras.erase(kept, settings.loras.end());
        }
        for (const LoraChoice& choice : loras) {
            const auto listed = std::find_if(settings.loras.begin(), settings.loras.end(),
                [&](const ProjectLora& entry) { return entry.file == choice.file; });
            if (listed != settings.loras.end())
                listed->strength = choice.scale;
            else
                settings.loras.append(ProjectLora{choice.file, choice.scale});
        }

        if (parser.isSet(clearEmbeddingsOption))
            settings.embeddings.clear();
        for (const QString& name : parser.values(removeEmbeddingOption)) {
            const auto kept = std::remove_if(settings.embeddings.begin(), settings.embeddings.end(),
                [&](const ProjectEmbedding& entry) { return entry.token == name || entry.file == absoluteFile(name); });
            if (kept == settings.embeddings.end())
                throw CatalogError(path, QStringLiteral("has no embedding \"%1\" to remove").arg(name));
            settings.embeddings.erase(kept, settings.embeddings.end());
        }
        for (const EmbeddingChoice& choice : embeddings) {
            const auto listed = std::find_if(settings.embeddings.begin(), settings.embeddings.end(),
                [&](const ProjectEmbedding& entry) { return entry.file == choice.file; });
            if (listed != settings.embeddings.end())
                listed->token = choice.token;
            else
                settings.embeddings.append(ProjectEmbedding{choice.file, choice.token});
        }

        if (edits)
            catalog->setSettings(settings); // refuses what no project holds (a token used twice...)

        if (parser.isSet(jsonOption)) {
            context.printJson(addOnsReport(settings));
            return int(Success);
        }
        QTextStream& out = context.out();
        out << "style:      " << (settings.stylePrompt.isEmpty() ? QStringLiteral("(none)") : settings.stylePrompt) << "\n"
            << "negative:   " << (settings.negativePrompt.isEmpty() ? QStringLiteral("(none)") : settings.negativePrompt) << "\n"
            << "loras:      " << (settings.loras.isEmpty() ? QStringLiteral("(none)") : QString()) << "\n";
        for (const ProjectLora& lora : settings.loras)
            out << "  " << lora.name() << " at " << lora.strength << "  " << lora.file << "\n";
        out << "embeddings: " << (settings.embeddings.isEmpty() ? QStringLiteral("(none)") : QString()) << "\n";
        for (const ProjectEmbedding& embedding : settings.embeddings)
            out << "  " << embedding.token << "  " << embedding.file << "\n";
        out.flush();
        return int(Success);
    });
}

} // namespace tessera::cli
