#include "tessera/core/AxisSpec.h"

#include "tessera/core/ProjectSettings.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <limits>

namespace tessera {

namespace {

const QString kFeatureKey = QStringLiteral("feature");
const QString kSourceKey = QStringLiteral("source");
const QString kCurveKey = QStringLiteral("curve");
const QString kRangeKey = QStringLiteral("range");
const QString kAttackKey = QStringLiteral("attack");
const QString kReleaseKey = QStringLiteral("release");

constexpr double kMaxSmoothingMs = 60000.0;
constexpr double kMaxLoraStrength = ProjectLora::kMaxStrength;

//! The shortest plain decimal ("0.25", "300", no exponent) that reads back as exactly value.
QString numberText(double value)
{
    for (int decimals = 0; decimals <= 17; ++decimals) {
        const QString text = QString::number(value, 'f', decimals);
        if (text.toDouble() == value)
            return text == QLatin1String("-0") ? QStringLiteral("0") : text;
    }
    return QString::number(value, 'g', 17);
}

std::optional<double> number(const QString& text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

//! A non-negative decimal without sign or exponent, as in "range=0.1-0.9" and "attack=20".
const QString kPlainNumber = QStringLiteral("(\\d+(?:\\.\\d*)?|\\.\\d+)");

struct Parser
{
    QString* error = nullptr;

    std::nullopt_t fail(const QString& reason) const
    {
        if (error)
            *error = reason;
        return std::nullopt;
    }
};

} // namespace

std::optional<AxisDefinition> parseAxisSpec(const QString& spec, QString* error)
{
    const Parser parser{error};
    const QString text = spec.trimmed();
    if (text.isEmpty())
        return parser.fail(QStringLiteral("the axis is empty; write e.g. term:storm:0.2:1.4"));
    QStringList tokens = text.split(QLatin1Char(':'));
    const QString kind = tokens.takeFirst().trimmed().toLower();

    // Options trail the positional part: "key=value" tokens read from the right.
    static const QRegularExpression optionPattern(QStringLiteral("^\\s*([A-Za-z][A-Za-z-]*)\\s*=(.*)$"));
    QStringList optionTokens;
    while (!tokens.isEmpty() && optionPattern.match(tokens.constLast()).hasMatch())
        optionTokens.prepend(tokens.takeLast());

    AxisDefinition axis;
    // FROM:TO, the last two positional tokens, checked against [low, high].
    const auto readRange = [&](const QString& name, const QString& usage, double low, double high) -> bool {
        if (tokens.size() < 2) {
            parser.fail(QStringLiteral("%1 needs %2").arg(name, usage));
            return false;
        }
        const auto from = number(tokens[tokens.size() - 2]);
        const auto to = number(tokens.constLast());
        if (!from || !to) {
            parser.fail(QStringLiteral("%1 needs numbers FROM:TO, not \"%2:%3\"")
                            .arg(name, tokens[tokens.size() - 2].trimmed(), tokens.constLast().trimmed()));
            return false;
        }
        if (*from < low || *from > high || *to < low || *to > high) {
            const QString bounds = std::isinf(high) ? QStringLiteral("%1 or more").arg(numberText(low))
                                                    : QStringLiteral("from %1 to %2").arg(numberText(low), numberText(high));
            parser.fail(QStringLiteral("%1 goes %2, not %3 to %4").arg(name, bounds, numberText(*from), numberText(*to)));
            return false;
        }
        axis.from = *from;
        axis.to = *to;
        tokens.resize(tokens.size() - 2);
        return true;
    };
    constexpr double kUnbounded = std::numeric_limits<double>::infinity();

    if (kind == QLatin1String("none")) {
        if (!tokens.isEmpty())
            return parser.fail(QStringLiteral("none takes no values, only options such as feature=low"));
    } else if (kind == QLatin1String("term") || kind == QLatin1String("term-weight")) {
        axis.variation = AxisVariation::TermWeight;
        if (!readRange(QStringLiteral("term"), QStringLiteral("TERM:FROM:TO, e.g. term:storm:0.2:1.4"), -kUnbounded, kUnbounded))
            return std::nullopt;
        axis.term = tokens.join(QLatin1Char(':')).trimmed();
        if (axis.term.isEmpty())
            return parser.fail(QStringLiteral("term needs the prompt term it weights, e.g. term:storm:0.2:1.4"));
    } else if (kind == QLatin1String("blend") || kind == QLatin1String("prompt-blend")) {
        axis.variation = AxisVariation::PromptBlend;
        if (!readRange(QStringLiteral("blend"), QStringLiteral("PROMPT:FROM:TO, e.g. blend:a stormy sea:0:1"), 0.0, 1.0))
            return std::nullopt;
        axis.term = tokens.join(QLatin1Char(':')).trimmed();
        if (axis.term.isEmpty())
            return parser.fail(QStringLiteral("blend needs the prompt it blends towards, e.g. blend:a stormy sea:0:1"));
    } else if (kind == QLatin1String("guidance")) {
        axis.variation = AxisVariation::Guidance;
        if (!readRange(QStringLiteral("guidance"), QStringLiteral("FROM:TO, e.g. guidance:3:9"), 0.0, kUnbounded))
            return std::nullopt;
        if (!tokens.isEmpty())
            return parser.fail(QStringLiteral("guidance takes only FROM:TO, e.g. guidance:3:9"));
    } else if (kind == QLatin1String("seed") || kind == QLatin1String("seed-walk")) {
        axis.variation = AxisVariation::SeedWalk;
        if (!readRange(QStringLiteral("seed"), QStringLiteral("[TARGET:]FROM:TO, e.g. seed:0:1 or seed:77:0:0.5"), 0.0, 1.0))
            return std::nullopt;
        if (tokens.size() > 1)
            return parser.fail(QStringLiteral("seed takes [TARGET:]FROM:TO, e.g. seed:77:0:0.5"));
        if (!tokens.isEmpty()) {
            bool ok = false;
            const QString target = tokens.constFirst().trimmed();
            const qulonglong value = target.toULongLong(&ok);
            if (!ok || value > 0xffffffffULL)
                return parser.fail(QStringLiteral("seed target \"%1\" is not a seed (0..4294967295)").arg(target));
            axis.term = QString::number(value);
        }
    } else if (kind == QLatin1String("lora") || kind == QLatin1String("lora-strength")) {
        axis.variation = AxisVariation::LoraStrength;
        if (!readRange(QStringLiteral("lora"), QStringLiteral("NAME:FROM:TO, e.g. lora:ink-style:0:1.5"), -kMaxLoraStrength, kMaxLoraStrength))
            return std::nullopt;
        axis.term = tokens.join(QLatin1Char(':')).trimmed();
        if (axis.term.isEmpty())
            return parser.fail(QStringLiteral("lora needs the LoRA it varies (a project LoRA's name or a file), e.g. lora:ink-style:0:1.5"));
    } else {
        return parser.fail(QStringLiteral("unknown axis kind \"%1\"; write term:, blend:, guidance:, seed:, lora: or none").arg(kind));
    }

    QStringList seen;
    for (const QString& token : optionTokens) {
        const QRegularExpressionMatch match = optionPattern.match(token);
        const QString key = match.captured(1).toLower();
        const QString value = match.captured(2).trimmed();
        if (seen.contains(key))
            return parser.fail(QStringLiteral("option %1= is given twice").arg(key));
        seen.append(key);
        if (key == kFeatureKey) {
            const auto feature = audioFeatureFromName(value.toLower());
            if (!feature)
                return parser.fail(QStringLiteral("unknown feature \"%1\"; write rms, low, mid, high, onset, centroid or none").arg(value));
            axis.feature = *feature;
        } else if (key == kSourceKey) {
            if (value.isEmpty())
                return parser.fail(QStringLiteral("source= needs the name of a stem"));
            axis.source = value;
        } else if (key == kCurveKey) {
            const auto curve = responseCurveFromName(value.toLower());
            if (!curve)
                return parser.fail(QStringLiteral("unknown curve \"%1\"; write linear, ease-in, ease-out or smoothstep").arg(value));
            axis.curve = *curve;
        } else if (key == kRangeKey) {
            static const QRegularExpression rangePattern(QStringLiteral("^") + kPlainNumber + QStringLiteral("\\s*-\\s*") + kPlainNumber + QStringLiteral("$"));
            const QRegularExpressionMatch range = rangePattern.match(value);
            const double low = range.captured(1).toDouble();
            const double high = range.captured(2).toDouble();
            if (!range.hasMatch() || low > 1.0 || high > 1.0)
                return parser.fail(QStringLiteral("range=%1 is not MIN-MAX with feature values from 0 to 1, e.g. range=0.1-0.9").arg(value));
            if (low == high)
                return parser.fail(QStringLiteral("range=%1 is empty; MIN and MAX must differ").arg(value));
            axis.inputMin = low;
            axis.inputMax = high;
        } else if (key == kAttackKey || key == kReleaseKey) {
            static const QRegularExpression msPattern(QStringLiteral("^") + kPlainNumber + QStringLiteral("\\s*(?:ms)?$"));
            const QRegularExpressionMatch ms = msPattern.match(value);
            const double milliseconds = ms.captured(1).toDouble();
            if (!ms.hasMatch() || milliseconds > kMaxSmoothingMs)
                return parser.fail(QStringLiteral("%1=%2 is not a time in milliseconds from 0 to %3").arg(key, value).arg(kMaxSmoothingMs));
            (key == kAttackKey ? axis.attackMs : axis.releaseMs) = milliseconds;
        } else {
            return parser.fail(QStringLiteral("unknown option \"%1=\"; write feature=, source=, curve=, range=, attack= or release=").arg(key));
        }
    }
    if (!axis.source.isEmpty() && axis.feature == AudioFeature::None)
        return parser.fail(QStringLiteral("source=%1 needs a feature=, e.g. feature=low").arg(axis.source));
    return axis;
}

QString axisSpecText(const AxisDefinition& axis)
{
    QString text;
    const QString range = numberText(axis.from) + QLatin1Char(':') + numberText(axis.to);
    switch (axis.variation) {
    case AxisVariation::TermWeight:
        text = axis.term.trimmed().isEmpty() ? QStringLiteral("none") : QStringLiteral("term:%1:%2").arg(axis.term.trimmed(), range);
        break;
    case AxisVariation::PromptBlend:
        text = QStringLiteral("blend:%1:%2").arg(axis.term.trimmed(), range);
        break;
    case AxisVariation::Guidance:
        text = QStringLiteral("guidance:") + range;
        break;
    case AxisVariation::SeedWalk:
        text = axis.term.trimmed().isEmpty() ? QStringLiteral("seed:") + range : QStringLiteral("seed:%1:%2").arg(axis.term.trimmed(), range);
        break;
    case AxisVariation::LoraStrength:
        text = axis.term.trimmed().isEmpty() ? QStringLiteral("none") : QStringLiteral("lora:%1:%2").arg(axis.term.trimmed(), range);
        break;
    }
    const AxisDefinition defaults;
    if (axis.feature != defaults.feature)
        text += QStringLiteral(":feature=") + audioFeatureName(axis.feature);
    if (!axis.source.isEmpty())
        text += QStringLiteral(":source=") + axis.source;
    if (axis.curve != defaults.curve)
        text += QStringLiteral(":curve=") + responseCurveName(axis.curve);
    if (axis.inputMin != defaults.inputMin || axis.inputMax != defaults.inputMax)
        text += QStringLiteral(":range=%1-%2").arg(numberText(axis.inputMin), numberText(axis.inputMax));
    if (axis.attackMs != defaults.attackMs)
        text += QStringLiteral(":attack=") + numberText(axis.attackMs);
    if (axis.releaseMs != defaults.releaseMs)
        text += QStringLiteral(":release=") + numberText(axis.releaseMs);
    return text;
}

QString axisSpecHelp()
{
    return QStringLiteral(
        "An axis SPEC is KIND[:OPTION]...; KIND is one of\n"
        "  term:TERM:FROM:TO          the weight of TERM in the prompt, e.g. term:storm:0.2:1.4\n"
        "  blend:PROMPT:FROM:TO       a blend from the segment prompt (0) to PROMPT (1), e.g. blend:a calm sea:0:1\n"
        "  guidance:FROM:TO           the guidance scale, e.g. guidance:3:9\n"
        "  seed[:TARGET]:FROM:TO      a walk in noise space towards seed TARGET (default: the segment's seed + 1),\n"
        "                             0 to 1, e.g. seed:0:1 or seed:77:0:0.5\n"
        "  lora:NAME:FROM:TO          the strength of a LoRA: one of the project's by name (its file's name\n"
        "                             without extension) or a file, -10 to 10, e.g. lora:ink-style:0:1.5\n"
        "  none                       the axis varies nothing\n"
        "and the OPTIONs (playback) are feature=rms|low|mid|high|onset|centroid|none, source=STEM,\n"
        "curve=linear|ease-in|ease-out|smoothstep, range=MIN-MAX (feature values 0..1 mapped to the\n"
        "first..last cell; MIN > MAX inverts), attack=MS, release=MS. A SPEC gives the whole axis:\n"
        "options left out take their defaults (none, the mix, linear, 0-1, 20, 250).\n"
        "Example: term:storm:0.2:1.4:feature=low:curve=ease-in:range=0.1-0.9:attack=20:release=250");
}

} // namespace tessera
