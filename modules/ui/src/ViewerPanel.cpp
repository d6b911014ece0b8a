#include "tessera/ui/ViewerPanel.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/studio/ViewerModel.h"
#include "tessera/ui/CellViewer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace tessera {

namespace {
// B entries either name a cell (its active version) or one version of cell A.
constexpr int kVersionRole = Qt::UserRole + 1;
} // namespace

ViewerPanel::ViewerPanel(ViewerModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_viewer(new CellViewer(model, this))
    , m_cellA(new QComboBox(this))
    , m_cellB(new QComboBox(this))
    , m_display(new QComboBox(this))
    , m_view(new QComboBox(this))
    , m_exposure(new QDoubleSpinBox(this))
    , m_gamma(new QDoubleSpinBox(this))
    , m_clipping(new QCheckBox(tr("Clipping"), this))
    , m_compare(new QComboBox(this))
{
    m_exposure->setRange(-16.0, 16.0);
    m_exposure->setSingleStep(0.25);
    m_exposure->setDecimals(2);
    m_exposure->setSuffix(tr(" stops"));
    m_exposure->setToolTip(tr("Viewer exposure on top of the cell's grade ( ] and [ nudge by 1/4 stop, } and { by 1 stop)"));
    m_gamma->setRange(0.1, 4.0);
    m_gamma->setSingleStep(0.1);
    m_gamma->setDecimals(2);
    m_gamma->setValue(1.0);
    m_gamma->setToolTip(tr("Viewer gamma ( ' and ; nudge by 0.1)"));
    m_clipping->setToolTip(tr("Mark clipped highlights red and crushed shadows blue (C)"));
    m_compare->addItems({tr("No compare"), tr("A/B toggle"), tr("Split wipe")});
    m_compare->setToolTip(tr("Compare with the B cell (Tab toggles, S splits)"));

    auto* cells = new QHBoxLayout;
    cells->addWidget(new QLabel(tr("Cell A"), this));
    cells->addWidget(m_cellA, 1);
    cells->addWidget(new QLabel(tr("B"), this));
    cells->addWidget(m_cellB, 1);
    cells->addWidget(m_compare);
    auto* colour = new QHBoxLayout;
    colour->addWidget(m_display);
    colour->addWidget(m_view);
    colour->addWidget(new QLabel(tr("Exposure"), this));
    colour->addWidget(m_exposure);
    colour->addWidget(new QLabel(tr("Gamma"), this));
    colour->addWidget(m_gamma);
    colour->addWidget(m_clipping);
    colour->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(cells);
    layout->addLayout(colour);
    layout->addWidget(m_viewer, 1);

    refillDisplays();
    connect(m_display, &QComboBox::currentTextChanged, &m_model, &ViewerModel::setDisplay);
    connect(m_view, &QComboBox::currentTextChanged, &m_model, &ViewerModel::setView);
    connect(m_exposure, &QDoubleSpinBox::valueChanged, &m_model, &ViewerModel::setExposureStops);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, &m_model, &ViewerModel::setGamma);
    connect(m_clipping, &QCheckBox::toggled, m_viewer, &CellViewer::setShowClipping);
    connect(m_compare, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_model.setCompare(static_cast<ViewerModel::Compare>(index)); });
    connect(m_cellA, &QComboBox::currentIndexChanged, this, [this] {
        showCell(m_cellA->currentData().toLongLong());
        listVersionsOfA();
    });
    connect(m_cellB, &QComboBox::currentIndexChanged, this, [this] {
        const qint64 versionId = m_cellB->currentData(kVersionRole).toLongLong();
        if (versionId != 0)
            showVersion(versionId);
        else
            showCell(m_cellB->currentData().toLongLong(), true);
    });
    connect(&m_model, &ViewerModel::changed, this, &ViewerPanel::syncFromModel);
}

void ViewerPanel::refillDisplays()
{
    const QSignalBlocker blockDisplay(m_display);
    const QSignalBlocker blockView(m_view);
    m_display->clear();
    m_display->addItems(m_model.displays());
    m_display->setCurrentText(m_model.display());
    m_view->clear();
    m_view->addItems(m_model.views());
    m_view->setCurrentText(m_model.view());
}

void ViewerPanel::syncFromModel()
{
    // Keys in the viewer change the model; the controls follow without echoing back.
    if (m_view->count() != m_model.views().size() || m_display->currentText() != m_model.display())
        refillDisplays();
    const QSignalBlocker blockExposure(m_exposure);
    const QSignalBlocker blockGamma(m_gamma);
    const QSignalBlocker blockCompare(m_compare);
    m_exposure->setValue(m_model.exposureStops());
    m_gamma->setValue(m_model.gamma());
    m_compare->setCurrentIndex(static_cast<int>(m_model.compare()));
    const QSignalBlocker blockClipping(m_clipping);
    m_clipping->setChecked(m_viewer->showsClipping());
}

void ViewerPanel::setCatalog(const Catalog* catalog)
{
    m_catalog = catalog;
    listCells();
    if (m_cellA->count() > 0) {
        showCell(m_cellA->itemData(0).toLongLong());
        listVersionsOfA();
    } else {
        m_model.setImage(ViewerModel::Slot::A, {});
    }
}

void ViewerPanel::listCells()
{
    const QSignalBlocker blockA(m_cellA);
    const QSignalBlocker blockB(m_cellB);
    m_cellA->clear();
    m_cellB->clear();
    m_cellB->addItem(tr("(none)"), qint64(0));
    if (!m_catalog)
        return;
    const QVector<Segment> segments = m_catalog->segments();
    for (int s = 0; s < segments.size(); ++s) {
        for (const Cell& cell : m_catalog->cells(segments[s].id)) {
            if (cell.activeVersionId == 0)
                continue;
            const QString label = tr("Segment %1, cell %2,%3").arg(s + 1).arg(cell.index.row).arg(cell.index.col);
            m_cellA->addItem(label, cell.id);
            m_cellB->addItem(label, cell.id);
        }
    }
}

bool ViewerPanel::selectCell(qint64 cellId)
{
    const int index = m_cellA->findData(cellId);
    if (index < 0)
        return false;
    if (index == m_cellA->currentIndex())
        return showCell(cellId);
    m_cellA->setCurrentIndex(index); // shows it and lists its versions
    return true;
}

void ViewerPanel::reload()
{
    const qint64 cellA = m_cellA->currentData().toLongLong();
    const qint64 cellB = m_cellB->currentData().toLongLong();
    const qint64 versionB = m_cellB->currentData(kVersionRole).toLongLong();
    listCells();
    const QSignalBlocker blockA(m_cellA);
    const int indexA = m_cellA->findData(cellA);
    m_cellA->setCurrentIndex(indexA >= 0 ? indexA : 0);
    if (m_cellA->count() == 0) {
        m_model.setImage(ViewerModel::Slot::A, {});
        return;
    }
    showCell(m_cellA->currentData().toLongLong());
    listVersionsOfA();
    const QSignalBlocker blockB(m_cellB);
    for (int i = 0; i < m_cellB->count(); ++i) {
        if (m_cellB->itemData(i).toLongLong() == cellB && m_cellB->itemData(i, kVersionRole).toLongLong() == versionB) {
            m_cellB->setCurrentIndex(i);
            break;
        }
    }
    if (versionB != 0)
        showVersion(versionB);
    else if (cellB != 0)
        showCell(cellB, true);
}

void ViewerPanel::listVersionsOfA()
{
    // The B list ends with cell A's other versions, so a cell's takes can be compared.
    const QSignalBlocker blockB(m_cellB);
    for (int i = m_cellB->count() - 1; i >= 0; --i) {
        if (m_cellB->itemData(i, kVersionRole).toLongLong() != 0)
            m_cellB->removeItem(i);
    }
    if (!m_catalog)
        return;
    const qint64 cellId = m_cellA->currentData().toLongLong();
    const auto cell = m_catalog->cellById(cellId);
    if (!cell)
        return;
    for (const Version& version : m_catalog->versions(cellId)) {
        if (version.id == cell->activeVersionId)
            continue;
        m_cellB->addItem(tr("Cell A, version %1 (%2)").arg(version.id).arg(version.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm"))), cellId);
        m_cellB->setItemData(m_cellB->count() - 1, version.id, kVersionRole);
    }
}

bool ViewerPanel::showVersion(qint64 versionId)
{
    if (!m_catalog)
        return false;
    QImage image;
    if (!image.loadFromData(m_catalog->versionImage(versionId), "PNG"))
        return false;
    const qint64 cellId = m_cellA->currentData().toLongLong();
    m_model.setImage(ViewerModel::Slot::B, image, m_catalog->effectiveGrade(cellId), tr("version %1").arg(versionId));
    return true;
}

bool ViewerPanel::showCell(qint64 cellId, bool asB)
{
    const ViewerModel::Slot slot = asB ? ViewerModel::Slot::B : ViewerModel::Slot::A;
    if (!m_catalog || cellId == 0) {
        m_model.setImage(slot, {});
        return false;
    }
    const auto cell = m_catalog->cellById(cellId);
    if (!cell || cell->activeVersionId == 0)
        return false;
    QImage image;
    if (!image.loadFromData(m_catalog->versionImage(cell->activeVersionId), "PNG"))
        return false;
    const int index = (asB ? m_cellB : m_cellA)->findData(cellId);
    m_model.setImage(slot, image, m_catalog->effectiveGrade(cellId), (asB ? m_cellB : m_cellA)->itemText(index));
    return true;
}

} // namespace tessera
