#pragma once

#include "SignalCancel.h"

// What the verbs that generate (generate, generate --shard, regenerate) share: their generation
// options, the model they load, and running grid jobs with progress and Ctrl+C.

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GeneratorBackend.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <functional>
#include <memory>

namespace tessera::cli {

//! A line of progress on stderr (results go to stdout).
void printProgress(const QString& line);

//! "segment 2" as the CLI numbers segments (timeline order from 1), else "segment id 7".
QString segmentLabel(const QVector<Segment>& segments, qint64 segmentId);

//! The options a stored recipe was made with (steps, sampler, guidance, size, precision as
//! resolved), so that a new cell of the grid matches the others unless told otherwise.
GenerationOptions optionsOfRecipe(const QJsonObject& recipe);

//! --steps, --sampler, --guidance, --size and --model.
class GenerationArguments
{
public:
    //! defaultsFrom, e.g. "the cell's active version", names where unset options come from in the
    //! help; empty: the grid defaults (30 steps, guidance 7.5, the model's sampler and size).
    explicit GenerationArguments(const QString& defaultsFrom = {});

    QList<QCommandLineOption> options() const;
    //! Writes the options given on the command line over options; returns the usage problem,
    //! or an empty string.
    QString read(const QCommandLineParser& parser, GenerationOptions& options) const;
    //! --model as given (empty when not).
    QString model(const QCommandLineParser& parser) const;

private:
    QCommandLineOption m_steps;
    QCommandLineOption m_sampler;
    QCommandLineOption m_guidance;
    QCommandLineOption m_size;
    QCommandLineOption m_model;
    QCommandLineOption m_precision;
};

//! A loaded generator back-end that runs grid jobs, printing a line per committed cell on stderr.
//! While it lives, SIGINT and SIGTERM cancel the job in flight instead of killing the process.
class JobRunner
{
public:
    //! Loads the model: modelOption, else the project's setting (relative to the project file),
    //! else the bundled default model. Throws GenerationError.
    //! `precision`: the options' (empty: float32), the weights the model is loaded for
    JobRunner(const Catalog& project, const QString& modelOption, const QString& precision);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    //! Sets options' model folder, model hash and back-end name to the loaded ones.
    void fill(GenerationOptions& options) const;

    //! Runs a queued job; returns the cells it committed. Throws GenerationError when cancelled.
    qint64 run(Catalog& catalog, qint64 jobId, const QString& label);

    //! Runs the generate jobs an earlier run left unfinished (a crash or kill) that use this
    //! model; returns the cells they committed. label names a job's segment for progress.
    qint64 resumeInterrupted(Catalog& catalog, const std::function<QString(qint64 segmentId)>& label);

private:
    std::unique_ptr<GeneratorBackend> m_backend;
    QString m_model;
    std::unique_ptr<SignalCancel> m_signals;
};

} // namespace tessera::cli
