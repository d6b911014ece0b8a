#include "tessera/ui/PerformConsole.h"

#include "tessera/core/Error.h"
#include "tessera/live/LiveShow.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/PerformSession.h"
#include "tessera/ui/GridMarkerView.h"
#include "tessera/ui/LiveCurvesView.h"
#include "tessera/ui/PerformOutputWindow.h"
#include "tessera/ui/StudioActions.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSpinBox>
#include <QTime>
#include <QVBoxLayout>

namespace tessera {

namespace {

struct MeterFeature
{
    AudioFeature feature;
    const char* name;
};

const MeterFeature kMeters[] = {{AudioFeature::Rms, QT_TRANSLATE_NOOP("tessera::PerformConsole", "Loudness")},
    {AudioFeature::LowBand, QT_TRANSLATE_NOOP("tessera::PerformConsole", "Low band")},
    {AudioFeature::MidBand, QT_TRANSLATE_NOOP("tessera::PerformConsole", "Mid band")},
    {AudioFeature::HighBand, QT_TRANSLATE_NOOP("tessera::PerformConsole", "High band")},
    {AudioFeature::Onset, QT_TRANSLATE_NOOP("tessera::PerformConsole", "Onsets")},
    {AudioFeature::Centroid, QT_TRANSLATE_NOOP("tessera::PerformConsole", "Brightness")}};

} // namespace

PerformConsole::PerformConsole(const QString& projectPath, std::shared_ptr<const Composition> composition,
    const QString& resourcesDir, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(std::make_unique<PerformSession>(projectPath, std::move(composition), resourcesDir))
    , m_output(std::make_unique<PerformOutputWindow>(*m_session))
{
    setWindowTitle(tr("Tessera — Perform"));
    setObjectName(QStringLiteral("performConsole"));
    auto* layout = new QHBoxLayout(this);
    auto* controls = new QVBoxLayout;
    layout->addLayout(controls, 1);

    auto* setup = new QGroupBox(tr("Set-up"));
    auto* form = new QFormLayout(setup);
    m_inputs = new QComboBox;
    m_inputs->setObjectName(QStringLiteral("performInput"));
    for (const QAudioDevice& device : QMediaDevices::audioInputs())
        m_inputs->addItem(device.description(), QVariant::fromValue(device));
    auto* listen = new QPushButton(tr("&Listen"));
    listen->setObjectName(QStringLiteral("performListen"));
    connect(listen, &QPushButton::clicked, this, &PerformConsole::startInput);
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_inputs, 1);
    inputRow->addWidget(listen);
    form->addRow(tr("Input:"), inputRow);
    m_inputStatus = new QLabel(m_inputs->count() ? tr("Not listening") : tr("The system offers no audio input"));
    form->addRow(QString(), m_inputStatus);

    m_screens = new QComboBox;
    m_screens->setObjectName(QStringLiteral("performScreen"));
    m_screens->addItem(tr("Window (rehearsal)"));
    for (QScreen* screen : QGuiApplication::screens())
        m_screens->addItem(tr("%1 (%2x%3, %4 Hz)")
                               .arg(screen->name())
                               .arg(screen->size().width())
                               .arg(screen->size().height())
                               .arg(screen->refreshRate(), 0, 'f', 0));
    auto* open = new QPushButton(tr("&Open Output"));
    open->setObjectName(QStringLiteral("performOpenOutput"));
    connect(open, &QPushButton::clicked, this, &PerformConsole::openOutput);
    auto* screenRow = new QHBoxLayout;
    screenRow->addWidget(m_screens, 1);
    screenRow->addWidget(open);
    form->addRow(tr("Output:"), screenRow);
    auto* frameSize = new QComboBox;
    frameSize->setObjectName(QStringLiteral("performFrameSize"));
    frameSize->addItem(tr("Automatic (half size when full frames cannot keep up)"), 0.0);
    frameSize->addItem(tr("Full size"), 1.0);
    frameSize->addItem(tr("Half size, scaled up (faster)"), 0.5);
    connect(frameSize, &QComboBox::currentIndexChanged, this,
        [this, frameSize] { m_session->setComposeScale(frameSize->currentData().toDouble()); });
    form->addRow(tr("Frame size:"), frameSize);
    auto* captions = new QCheckBox(tr("Burn in the lyrics"));
    captions->setObjectName(QStringLiteral("performCaptions"));
    const bool projectCaptions = m_session->show().composition().render.captions.enabled;
    captions->setChecked(projectCaptions);
    captions->setEnabled(projectCaptions);
    if (!projectCaptions)
        captions->setToolTip(tr("The project's captions are off (Export Video turns them on)"));
    connect(captions, &QCheckBox::toggled, this, [this](bool on) { m_session->setCaptions(on); });
    form->addRow(tr("Captions:"), captions);

    m_oscPort = new QSpinBox;
    m_oscPort->setRange(1024, 65535);
    m_oscPort->setValue(9000);
    auto* osc = new QPushButton(tr("Listen for &OSC"));
    connect(osc, &QPushButton::clicked, this, &PerformConsole::listenForOsc);
    auto* midi = new QPushButton(tr("Listen for &MIDI"));
    connect(midi, &QPushButton::clicked, this, &PerformConsole::listenForMidi);
    auto* cueRow = new QHBoxLayout;
    cueRow->addWidget(m_oscPort);
    cueRow->addWidget(osc);
    cueRow->addWidget(midi);
    form->addRow(tr("Cues:"), cueRow);
    m_cueStatus = new QLabel(tr("Keys only: Space start, H hold, ←/→ previous/next, 1–9 segments, ,/. nudge"));
    m_cueStatus->setMinimumHeight(m_cueStatus->fontMetrics().height() * 2 + 4);
    m_cueStatus->setWordWrap(true);
    form->addRow(QString(), m_cueStatus);
    controls->addWidget(setup);

    auto* meters = new QGroupBox(tr("Input features"));
    auto* metersLayout = new QVBoxLayout(meters);
    m_curves = new LiveCurvesView;
    m_curves->setObjectName(QStringLiteral("performCurves"));
    QStringList names;
    for (const MeterFeature& meter : kMeters)
        names << tr(meter.name);
    m_curves->setCurves(names, {QColor(230, 230, 230), QColor(255, 120, 60), QColor(250, 210, 70), QColor(90, 200, 255),
                                   QColor(255, 80, 160), QColor(140, 230, 120)});
    metersLayout->addWidget(m_curves);
    controls->addWidget(meters);

    auto* playing = new QGroupBox(tr("Playing"));
    auto* playingLayout = new QVBoxLayout(playing);
    m_now = new QLabel;
    m_now->setObjectName(QStringLiteral("performNow"));
    m_next = new QLabel;
    m_now->setWordWrap(true);
    m_next->setWordWrap(true);
    auto* nowRow = new QHBoxLayout;
    m_grid = new GridMarkerView;
    m_grid->setObjectName(QStringLiteral("performGrid"));
    m_grid->setFixedSize(160, 120);
    auto* nowText = new QVBoxLayout;
    nowText->addWidget(m_now);
    nowText->addWidget(m_next);
    nowText->addStretch();
    nowRow->addWidget(m_grid);
    nowRow->addLayout(nowText, 1);
    playingLayout->addLayout(nowRow);
    auto* cueButtons = new QHBoxLayout;
    const struct {
        QString label;
        ShowCue cue;
    } buttons[] = {{tr("◀ Previous"), {ShowCue::Kind::Previous, 0.0}}, {tr("Start ▶"), {ShowCue::Kind::Start, 0.0}},
        {tr("Hold ■"), {ShowCue::Kind::Stop, 0.0}}, {tr("Next ▶▶"), {ShowCue::Kind::Next, 0.0}}};
    for (const auto& button : buttons) {
        auto* push = new QPushButton(button.label);
        push->setFocusPolicy(Qt::NoFocus); // Space cues the show, never presses a button
        const ShowCue cue = button.cue;
        connect(push, &QPushButton::clicked, this, [this, cue] { m_session->cue(cue, tr("Console")); });
        cueButtons->addWidget(push);
    }
    playingLayout->addLayout(cueButtons);
    controls->addWidget(playing);
    controls->addStretch();

    // The output as the audience sees it, and the cues as they arrived.
    auto* monitor = new QVBoxLayout;
    layout->addLayout(monitor, 1);
    m_thumbnail = new QLabel;
    m_thumbnail->setObjectName(QStringLiteral("performThumbnail"));
    m_thumbnail->setMinimumSize(480, 270);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setStyleSheet(QStringLiteral("background: black"));
    monitor->addWidget(m_thumbnail);
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(200);
    m_log->setFocusPolicy(Qt::NoFocus);
    monitor->addWidget(m_log, 1);

    // The cue keys work whatever has focus in the console (a button would take Space, a combo box
    // the arrows); the OSC port's spin box still takes its digits, as a shortcut yields to a
    // widget that is editing.
    QList<int> cueKeys; // the action table's Perform keys that cue the show (Escape is the output's)
    for (const ActionDefinition& action : studioActions()) {
        if (action.context == ActionContext::Perform && qstrcmp(action.id, "performEscapeAction") != 0) {
            for (const QKeySequence& sequence : action.keys)
                cueKeys.append(sequence[0].toCombined());
        }
    }
    for (const int key : std::as_const(cueKeys)) {
        auto* shortcut = new QShortcut(QKeySequence(key), this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, key] {
            ShowCue cue;
            if (!performCueForKey(key, &cue))
                return;
            m_session->cue(cue, tr("Key"));
        });
    }

    connect(m_session.get(), &PerformSession::stateChanged, this, &PerformConsole::refresh);
    connect(m_session.get(), &PerformSession::cueApplied, this, &PerformConsole::log);
    connect(m_session.get(), &PerformSession::problem, this, &PerformConsole::log);
    connect(m_session.get(), &PerformSession::frameReady, this, [this](const QImage& frame) {
        m_thumbnail->setPixmap(QPixmap::fromImage(frame.scaled(m_thumbnail->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    });
    refresh();
}

PerformConsole::~PerformConsole()
{
    m_session->disconnect(this);
    m_output.reset(); // before the session it shows
    m_session.reset();
}

void PerformConsole::log(const QString& line)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz  ")) + line);
}

void PerformConsole::startInput()
{
    if (m_inputs->currentIndex() < 0)
        return;
    try {
        m_session->listenTo(m_inputs->currentData().value<QAudioDevice>());
        m_inputStatus->setText(tr("Listening to %1").arg(m_session->inputName()));
        log(tr("Listening to %1").arg(m_session->inputName()));
    } catch (const Error& error) {
        m_inputStatus->setText(error.message());
        log(error.message());
    }
}

void PerformConsole::openOutput()
{
    const int index = m_screens->currentIndex();
    const QList<QScreen*> screens = QGuiApplication::screens();
    QScreen* screen = index >= 1 && index - 1 < screens.size() ? screens[index - 1] : nullptr;
    m_output->showOn(screen);
    log(screen ? tr("Output full screen on %1").arg(screen->name()) : tr("Output in a window"));
}

void PerformConsole::listenForOsc()
{
    try {
        const int port = m_session->listenForOsc(m_oscPort->value());
        m_cueStatus->setText(tr("OSC on UDP port %1: /tessera/start, /stop, /next, /previous, /segment N, /nudge S").arg(port));
        log(tr("OSC on UDP port %1").arg(port));
    } catch (const Error& error) {
        log(error.message());
    }
}

void PerformConsole::listenForMidi()
{
    try {
        const QString port = m_session->listenForMidi();
        m_cueStatus->setText(tr("MIDI on %1: note C1 (36) + N or program change N picks segment N + 1").arg(port));
        log(tr("MIDI on %1").arg(port));
    } catch (const Error& error) {
        log(error.message());
    }
}

void PerformConsole::refresh()
{
    const LiveShow& show = m_session->show();
    QVector<int> indices;
    for (const MeterFeature& meter : kMeters)
        indices.append(int(meter.feature));
    m_curves->setHistory(m_session->recentFeatures(), indices, PerformSession::kRecentFrames);
    const double now = m_session->now();
    const auto describe = [&show](int segment) {
        if (segment < 0)
            return tr("—");
        const Segment& s = show.composition().segments[segment].segment;
        const QString lyric = s.lyric.trimmed().isEmpty() ? tr("(instrumental)") : s.lyric.trimmed();
        return tr("%1 “%2”").arg(segment + 1).arg(lyric);
    };
    const int current = show.segmentAt(now);
    QString position;
    if (current >= 0) {
        const SegmentPositions& at = show.positions(current);
        const GridGeometry& grid = show.composition().segments[current].segment.grid;
        m_grid->setGrid(grid.rows(), grid.cols(), at.x * (grid.cols() - 1), at.y * (grid.rows() - 1));
        position = tr(" — column %1 of %2, row %3 of %4")
                       .arg(at.x * (grid.cols() - 1) + 1, 0, 'f', 1)
                       .arg(grid.cols())
                       .arg(at.y * (grid.rows() - 1) + 1, 0, 'f', 1)
                       .arg(grid.rows());
    }
    m_now->setText(tr("<b>Now:</b> %1%2 (%3)")
                       .arg(describe(current).toHtmlEscaped(), position,
                           show.isFollowing() ? tr("following the timeline") : tr("held")));
    m_next->setText(tr("<b>Next:</b> %1").arg(describe(show.nextSegmentAt(now)).toHtmlEscaped()));
}

void PerformConsole::closeEvent(QCloseEvent* event)
{
    m_output->close();
    QWidget::closeEvent(event);
}

} // namespace tessera
