#include "tessera/ui/GridBrowser.h"

#include "tessera/ui/StudioActions.h"

#include "tessera/ui/GridBrowserParts.h"

#include "tessera/studio/GridBrowserModel.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera {

namespace {

GridBrowserModel::Select selectMode(Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ShiftModifier)
        return GridBrowserModel::Select::Extend;
    if (modifiers & Qt::ControlModifier)
        return GridBrowserModel::Select::Toggle;
    return GridBrowserModel::Select::Replace;
}

} // namespace

GridBrowser::GridBrowser(GridBrowserModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_layoutButtons(new QButtonGroup(this))
    , m_canvas(new GridCanvas(model, this))
    , m_strip(new VersionStrip(model, this))
    , m_compare(new ComparePane(model, this))
    , m_comparePicker(new QComboBox(this))
    , m_details(new QLabel(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_counts->setForegroundRole(QPalette::PlaceholderText);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_details->setTextFormat(Qt::PlainText);
    // A long lyric or recipe is cut to the dock, not allowed to widen it; the counts are short
    // and keep their width (ignored too, they got none beside the stretching title).
    for (QLabel* label : {m_title, m_details})
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* gridButton = new QToolButton(this);
    gridButton->setText(tr("Grid"));
    gridButton->setToolTip(tr("The cells in the grid's own rows and columns"));
    auto* suspectsButton = new QToolButton(this);
    suspectsButton->setText(tr("Suspects First"));
    suspectsButton->setToolTip(tr("Cells that break the grid's coherence first, worst first (S)"));
    for (QToolButton* button : {gridButton, suspectsButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
    }
    gridButton->setChecked(true);
    m_layoutButtons->addButton(gridButton, int(GridBrowserModel::Layout::Grid));
    m_layoutButtons->addButton(suspectsButton, int(GridBrowserModel::Layout::SuspectsFirst));
    m_layoutButtons->setExclusive(true);

    // Repair from neighbours: the action and its strength beside the layout buttons
    auto* repairButton = new QToolButton(this);
    repairButton->setText(tr("Repair"));
    repairButton->setToolTip(tr("Repair the selected cells from their neighbours: regenerate each from the blend of its "
                                "neighbours' images, so it fits the grid again (Shift+G)"));
    repairButton->setAutoRaise(true);
    repairButton->setFocusPolicy(Qt::NoFocus);
    auto* strength = new QDoubleSpinBox(this);
    strength->setObjectName(QStringLiteral("repairStrength"));
    strength->setRange(0.05, 1.0);
    strength->setSingleStep(0.05);
    strength->setDecimals(2);
    strength->setValue(m_model.repairStrength());
    strength->setToolTip(tr("How far a repair departs from the neighbours' blend: low keeps it, 1 ignores it"));
    strength->setFocusPolicy(Qt::ClickFocus);

    // How alike neighbours look, and making the grid denser where they differ
    auto* similarityButton = new QToolButton(this);
    similarityButton->setObjectName(QStringLiteral("similarityButton"));
    similarityButton->setText(tr("Similarity"));
    similarityButton->setToolTip(tr("Show on each edge how alike the two cells look (SSIM: 1 is equal, green is close, red far) "
                                    "and the grid's median (M)"));
    similarityButton->setCheckable(true);
    similarityButton->setAutoRaise(true);
    similarityButton->setFocusPolicy(Qt::NoFocus);
    auto* refineButton = new QToolButton(this);
    refineButton->setObjectName(QStringLiteral("refineButton"));
    refineButton->setText(tr("Refine"));
    refineButton->setToolTip(tr("Make the grid twice as dense along an axis: new cells halfway between the existing ones, "
                                "generated between the least alike neighbours first"));
    refineButton->setAutoRaise(true);
    refineButton->setFocusPolicy(Qt::NoFocus);
    refineButton->setPopupMode(QToolButton::InstantPopup);
    auto* refineMenu = new QMenu(refineButton);
    QAction* refineColumns = refineMenu->addAction(tr("Refine Columns (X)"));
    QAction* refineRows = refineMenu->addAction(tr("Refine Rows (Y)"));
    refineButton->setMenu(refineMenu);

    m_comparePicker->addItem(tr("Compare: Off"), int(GridBrowserModel::Compare::Off));
    m_comparePicker->addItem(tr("Previous version"), int(GridBrowserModel::Compare::PreviousVersion));
    m_comparePicker->addItem(tr("Right neighbour"), int(GridBrowserModel::Compare::RightNeighbour));
    m_comparePicker->addItem(tr("Left neighbour"), int(GridBrowserModel::Compare::LeftNeighbour));
    m_comparePicker->addItem(tr("Neighbour below"), int(GridBrowserModel::Compare::NeighbourBelow));
    m_comparePicker->addItem(tr("Neighbour above"), int(GridBrowserModel::Compare::NeighbourAbove));
    m_comparePicker->addItem(tr("Chosen version"), int(GridBrowserModel::Compare::Version));
    m_comparePicker->setToolTip(tr("What to show beside the current cell (C cycles; Ctrl+click a version to choose it)"));
    m_comparePicker->setFocusPolicy(Qt::NoFocus);

    // The segment and its counts on one line, the tools under it: in one line the counts were
    // squeezed out of a dock of the default width.
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_counts);
    auto* tools = new QHBoxLayout;
    tools->addWidget(gridButton);
    tools->addWidget(suspectsButton);
    tools->addSpacing(8);
    tools->addWidget(repairButton);
    tools->addWidget(strength);
    tools->addSpacing(8);
    tools->addWidget(similarityButton);
    tools->addWidget(refineButton);
    tools->addStretch(1);

    auto* stripHeader = new QHBoxLayout;
    stripHeader->addWidget(m_details, 1);
    stripHeader->addWidget(m_comparePicker);

    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(stripHeader);
    lowerLayout->addWidget(m_strip);
    lowerLayout->addWidget(m_compare, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    // A grid too big to show at a readable size scrolls (GridCanvas::minimumSizeHint).
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(m_scroll);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addLayout(tools);
    layout->addWidget(splitter, 1);
    setFocusProxy(m_canvas);
    // The canvas's keys come here before the scroll area around it takes the arrows for scrolling.
    m_canvas->installEventFilter(this);

    // The canvas's size follows the grid's; the scroll area hears of it only through its own
    // layout request (the canvas's updateGeometry reaches the viewport, not the scroll area).
    connect(&m_model, &GridBrowserModel::changed, m_scroll,
        [this] { QCoreApplication::postEvent(m_scroll, new QEvent(QEvent::LayoutRequest)); });
    // Keys and clicks move the current cell; a big grid scrolls it into view.
    connect(&m_model, &GridBrowserModel::selectionChanged, this, [this] {
        const QRect cell = m_canvas->cellRect(m_model.current());
        if (!cell.isEmpty())
            m_scroll->ensureVisible(cell.center().x(), cell.center().y(), cell.width() / 2 + 8, cell.height() / 2 + 8);
    });
    connect(m_layoutButtons, &QButtonGroup::idClicked, this,
        [this](int id) { m_model.setLayout(GridBrowserModel::Layout(id)); });
    connect(m_comparePicker, qOverload<int>(&QComboBox::activated), this, [this] {
        m_model.setCompare(GridBrowserModel::Compare(m_comparePicker->currentData().toInt()), m_model.compareVersion());
    });
    connect(repairButton, &QToolButton::clicked, &m_model, &GridBrowserModel::repairSelection);
    connect(strength, qOverload<double>(&QDoubleSpinBox::valueChanged), &m_model, &GridBrowserModel::setRepairStrength);
    connect(similarityButton, &QToolButton::toggled, &m_model, &GridBrowserModel::setShowSimilarity);
    connect(&m_model, &GridBrowserModel::changed, similarityButton,
        [this, similarityButton] { similarityButton->setChecked(m_model.showsSimilarity()); });
    connect(refineColumns, &QAction::triggered, this, [this] { m_model.refine(GridAxis::X); });
    connect(refineRows, &QAction::triggered, this, [this] { m_model.refine(GridAxis::Y); });
    // Each axis says what it would become, and an axis of one cell has nothing to refine between.
    connect(refineMenu, &QMenu::aboutToShow, this, [this, refineColumns, refineRows] {
        const GridGeometry& grid = m_model.segment().grid;
        refineColumns->setText(tr("Refine Columns (X): %1 \u2192 %2").arg(grid.cols()).arg(grid.cols() * 2 - 1));
        refineRows->setText(tr("Refine Rows (Y): %1 \u2192 %2").arg(grid.rows()).arg(grid.rows() * 2 - 1));
        refineColumns->setEnabled(grid.cols() >= 2 && grid.cols() * 2 - 1 <= GridGeometry::kMaxSide);
        refineRows->setEnabled(grid.rows() >= 2 && grid.rows() * 2 - 1 <= GridGeometry::kMaxSide);
    });
    connect(&m_model, &GridBrowserModel::changed, this, &GridBrowser::updateHeader);
    connect(&m_model, &GridBrowserModel::selectionChanged, this, &GridBrowser::updateHeader);
    connect(&m_model, &GridBrowserModel::compareChanged, this, &GridBrowser::syncCompare);
    updateHeader();
    syncCompare();
}

void GridBrowser::updateHeader()
{
    if (m_model.cells().isEmpty()) {
        m_title->setText(tr("No segment selected"));
        m_counts->clear();
        m_details->clear();
        return;
    }
    const QString lyric = m_model.segment().lyric.trimmed().isEmpty() ? tr("instrumental") : m_model.segment().lyric.trimmed();
    m_title->setText(tr("Segment %1 \u2014 %2").arg(m_model.segmentNumber()).arg(lyric));
    int done = 0;
    int rejected = 0;
    int locked = 0;
    for (const BrowserCell& cell : m_model.cells()) {
        done += cell.cell.activeVersionId != 0 ? 1 : 0;
        rejected += cell.cell.state == CellState::Rejected ? 1 : 0;
        locked += cell.cell.state == CellState::Locked ? 1 : 0;
    }
    QStringList counts{tr("%1\u00d7%2").arg(m_model.rows()).arg(m_model.cols()),
        tr("%1/%2 generated").arg(done).arg(m_model.cells().size())};
    if (const int suspects = m_model.suspectCount())
        counts.append(tr("%n suspect(s)", nullptr, suspects));
    if (rejected)
        counts.append(tr("%n rejected", nullptr, rejected));
    if (locked)
        counts.append(tr("%n locked", nullptr, locked));
    if (m_model.showsSimilarity()) {
        if (const std::optional<double> median = m_model.medianSimilarity())
            counts.append(tr("median SSIM %1").arg(*median, 0, 'f', 2));
    }
    m_counts->setText(counts.join(QStringLiteral("  \u00b7  ")));
    if (QAbstractButton* button = m_layoutButtons->button(int(m_model.layout())))
        button->setChecked(true);

    const CellIndex current = m_model.current();
    const BrowserCell* cell = m_model.cellAt(current);
    QString details = tr("Cell %1,%2").arg(current.row).arg(current.col);
    // What a small cell of a big grid has no room to say.
    if (cell) {
        details += QStringLiteral("  \u00b7  ") + GridCanvas::stateLabel(cell->cell.state);
        if (cell->versionCount > 1)
            details += QStringLiteral("  \u00b7  ") + tr("version %1 of %2").arg(cell->activeVersionNumber).arg(cell->versionCount);
    }
    if (cell && cell->coherence)
        details += QStringLiteral("  \u00b7  ") + tr("coherence %1").arg(*cell->coherence, 0, 'f', 2);
    if (m_model.selection().size() > 1)
        details += QStringLiteral("  \u00b7  ") + tr("%n selected", nullptr, int(m_model.selection().size()));
    m_details->setText(details);
}

void GridBrowser::syncCompare()
{
    const int at = m_comparePicker->findData(int(m_model.compare()));
    if (at >= 0)
        m_comparePicker->setCurrentIndex(at);
    m_compare->setVisible(m_model.compare() != GridBrowserModel::Compare::Off);
}

bool GridBrowser::event(QEvent* event)
{
    // The window's single-key shortcuts (L shuttles forward, Left and Right step frames) would
    // take these keys first; while the grid has focus its curation keys win, as a text field's
    // typing does.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::SelectAll)) { // the grid's cells, not another panel's
            event->accept();
            return true;
        }
        const bool plain = (key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == 0;
        const bool arrow = key->key() == Qt::Key_Left || key->key() == Qt::Key_Right || key->key() == Qt::Key_Up
                        || key->key() == Qt::Key_Down;
        if (actionForKey(*key, ActionContext::GridBrowser) || (arrow && plain)) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

bool GridBrowser::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        key->accept();
        keyPressEvent(key);
        return key->isAccepted();
    }
    return QWidget::eventFilter(watched, event);
}

void GridBrowser::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::SelectAll)) {
        m_model.selectAll();
        event->accept();
        return;
    }
    // The arrows move through the cells (Shift extends, Ctrl adds), as in any item view; the
    // curation keys are the action table's GridBrowser keys.
    const auto mode = selectMode(event->modifiers());
    switch (event->key()) {
    case Qt::Key_Left:
        m_model.moveCurrent(0, -1, mode);
        event->accept();
        return;
    case Qt::Key_Right:
        m_model.moveCurrent(0, 1, mode);
        event->accept();
        return;
    case Qt::Key_Up:
        m_model.moveCurrent(-1, 0, mode);
        event->accept();
        return;
    case Qt::Key_Down:
        m_model.moveCurrent(1, 0, mode);
        event->accept();
        return;
    default:
        break;
    }
    const char* id = actionForKey(*event, ActionContext::GridBrowser);
    const QLatin1String action(id ? id : "");
    if (action == QLatin1String("gridRejectAction")) {
        m_model.rejectSelection();
    } else if (action == QLatin1String("gridLockAction")) {
        m_model.toggleLockSelection();
    } else if (action == QLatin1String("gridRegenerateAction")) {
        m_model.regenerateSelection();
    } else if (action == QLatin1String("gridRepairAction")) {
        m_model.repairSelection();
    } else if (action == QLatin1String("gridNextSuspectAction")) {
        m_model.nextSuspect();
    } else if (action == QLatin1String("gridSuspectsFirstAction")) {
        m_model.setLayout(m_model.layout() == GridBrowserModel::Layout::Grid ? GridBrowserModel::Layout::SuspectsFirst
                                                                              : GridBrowserModel::Layout::Grid);
    } else if (action == QLatin1String("gridSimilarityAction")) {
        m_model.setShowSimilarity(!m_model.showsSimilarity());
    } else if (action == QLatin1String("gridCompareAction")) {
        const int next = (m_comparePicker->currentIndex() + 1) % (m_comparePicker->count() - 1); // not "chosen version"
        m_model.setCompare(GridBrowserModel::Compare(m_comparePicker->itemData(next).toInt()), m_model.compareVersion());
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tessera
