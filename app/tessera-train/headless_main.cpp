// tessera-train-headless: the training loop of tessera-train without Qt, for a machine that has
// libtorch (CUDA or not) but neither Qt nor the emoji font. It trains on what
// `tessera-train --out DIR --prepare-only` wrote into DIR (dataset.safetensors, recipe.json,
// model/tokenizer/), and writes the same checkpoint and model folder as tessera-train, plus
// losses.txt (one loss per step) from which `tessera-train --out DIR --report` draws loss.png.

#include "DatasetFile.h"
#include "TrainLoop.h"
#include "TrainRecipe.h"
#include "Trainer.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace tessera::train;

namespace {

std::atomic<bool> g_stop{false};
void requestStop(int) { g_stop = true; }

void say(const std::string& line)
{
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot read the file (run tessera-train --out DIR --prepare-only first)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeLosses(const Trainer& trainer, const std::string& path)
{
    {
        std::ofstream out(path + ".tmp", std::ios::trunc);
        for (const float loss : trainer.losses())
            out << loss << '\n';
        if (!out)
            throw std::runtime_error(path + ": cannot write the file");
    }
    std::rename((path + ".tmp").c_str(), path.c_str());
}

const char* const kUsage =
    "usage: tessera-train-headless --out DIR [--device cpu|cuda] [--resume] [--minutes M] [--threads N]\n"
    "                              [--log-every N] [--checkpoint-minutes M]\n"
    "Trains on DIR/dataset.safetensors with DIR/recipe.json and DIR/model/tokenizer (written by\n"
    "tessera-train --out DIR --prepare-only); writes DIR/checkpoint.safetensors, DIR/model/ and\n"
    "DIR/losses.txt. --minutes stops (with a checkpoint) after M minutes of wall-clock time.\n";

} // namespace

int main(int argc, char** argv)
{
    std::string out, device = "cpu";
    bool resume = false;
    int threads = 0;
    TrainLoopOptions options;
    options.preview = false; // sampling previews needs Qt for the PNG: tessera-train --report does it
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            const auto value = [&]() -> std::string {
                if (i + 1 >= argc)
                    throw std::invalid_argument(arg + " needs a value");
                return argv[++i];
            };
            if (arg == "--out")
                out = value();
            else if (arg == "--device")
                device = value();
            else if (arg == "--resume")
                resume = true;
            else if (arg == "--minutes")
                options.wallMinutes = std::stod(value());
            else if (arg == "--threads")
                threads = std::stoi(value());
            else if (arg == "--log-every")
                options.logEvery = std::max(1, std::stoi(value()));
            else if (arg == "--checkpoint-minutes")
                options.checkpointMinutes = std::stod(value());
            else if (arg == "--help" || arg == "-h") {
                std::fputs(kUsage, stdout);
                return 0;
            } else
                throw std::invalid_argument("unknown option " + arg);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera-train-headless: %s\n%s", e.what(), kUsage);
        return 2;
    }
    if (out.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    try {
        if (threads > 0)
            Trainer::setComputeThreads(threads);
        const auto recipe = TrainRecipe::fromJson(readFile(out + "/recipe.json"), out + "/recipe.json");
        auto dataset = loadDatasetFile(out + "/dataset.safetensors");
        if (dataset.size != recipe.imageSize)
            throw std::runtime_error(out + "/dataset.safetensors: images are " + std::to_string(dataset.size)
                                     + " px, the recipe wants " + std::to_string(recipe.imageSize));
        const auto count = dataset.images.size();
        Trainer trainer(recipe, std::move(dataset.images), out + "/model/tokenizer", device);
        trainer.setDataNote(dataset.note);
        if (resume) {
            trainer.loadCheckpoint(out + "/checkpoint.safetensors");
            say("resumed at step " + std::to_string(trainer.stepsDone()));
        }
        say("data: " + std::to_string(count) + " images; networks: UNet " + std::to_string(trainer.unetParameters())
            + " parameters, text encoder " + std::to_string(trainer.textParameters()) + "; batch "
            + std::to_string(recipe.batchSize) + ", " + std::to_string(recipe.totalSteps) + " steps in all on "
            + device);
        TrainLoopHooks hooks;
        hooks.say = say;
        hooks.checkpoint = [&](bool) {
            const auto line = writeCheckpointAndModel(trainer, out);
            writeLosses(trainer, out + "/losses.txt");
            say(line);
        };
        const bool finished = runTrainingLoop(trainer, options, hooks, g_stop);
        say(std::string(finished ? "done" : "stopped") + " at step " + std::to_string(trainer.stepsDone())
            + " after " + formatDuration(trainer.trainingSeconds()) + " of training; model folder: " + out + "/model");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera-train-headless: %s\n", e.what());
        return 1;
    }
}
