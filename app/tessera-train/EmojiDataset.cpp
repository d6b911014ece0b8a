#include "EmojiDataset.h"

#include "tessera/diffusion/DiffusionError.h"

#include <QFile>
#include <QFont>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QTextStream>

#include <algorithm>

namespace tessera::train {

namespace {

struct EmojiEntry
{
    QString text;
    QString name;
};

// emoji-test.txt lines: "1F600 ; fully-qualified # 😀 E1.0 grinning face".
std::vector<EmojiEntry> readEmojiTest(const EmojiDatasetOptions& options)
{
    QFile file(QString::fromStdString(options.emojiTestPath));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw DiffusionError(options.emojiTestPath, "cannot read the emoji list (Debian package unicode-data)");
    std::vector<EmojiEntry> entries;
    QTextStream in(&file);
    in.setEncoding(QStringConverter::Utf8);
    while (!in.atEnd()) {
        const auto line = in.readLine();
        if (line.startsWith(u'#') || line.trimmed().isEmpty())
            continue;
        const auto semicolon = line.indexOf(u';');
        const auto hash = line.indexOf(u'#', semicolon);
        if (semicolon < 0 || hash < 0 || line.mid(semicolon + 1, hash - semicolon - 1).trimmed() != u"fully-qualified")
            continue;
        QString text;
        for (const auto& code : line.left(semicolon).split(u' ', Qt::SkipEmptyParts)) {
            bool ok = false;
            const char32_t cp = code.toUInt(&ok, 16);
            if (!ok)
                throw DiffusionError(options.emojiTestPath, "bad code point '" + code.toStdString() + "'");
            text += QString::fromUcs4(&cp, 1);
        }
        // the comment: the emoji, its version "E1.0", then the name
        const auto comment = line.mid(hash + 1).trimmed();
        const auto version = comment.indexOf(QLatin1String(" E"));
        const auto nameStart = comment.indexOf(u' ', version + 2);
        if (version < 0 || nameStart < 0)
            throw DiffusionError(options.emojiTestPath, "cannot read the name in '" + line.toStdString() + "'");
        const auto name = comment.mid(nameStart + 1).trimmed();
        if (!options.skinToneVariants && name.contains(QLatin1String("skin tone")))
            continue;
        entries.push_back({text, name});
    }
    if (entries.empty())
        throw DiffusionError(options.emojiTestPath, "no fully-qualified emoji found");
    return entries;
}

QRect opaqueBounds(const QImage& image)
{
    int left = image.width(), top = image.height(), right = -1, bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(row[x]) > 8) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

} // namespace

std::vector<CaptionedImage> renderEmojiDataset(const EmojiDatasetOptions& options, EmojiDatasetReport* report)
{
    const auto entries = readEmojiTest(options);
    const int fontId = QFontDatabase::addApplicationFont(QString::fromStdString(options.fontPath));
    const auto families = fontId < 0 ? QStringList() : QFontDatabase::applicationFontFamilies(fontId);
    if (families.isEmpty())
        throw DiffusionError(options.fontPath, "cannot load the emoji font (Debian package fonts-noto-color-emoji)");
    QFont font(families.front());
    font.setPixelSize(109); // Noto Color Emoji's bitmap strike: drawn unscaled, then reduced once
    font.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferQuality));
    const QFontMetricsF metrics(font);
    const double oneGlyph = metrics.horizontalAdvance(QString::fromUtf8("\xF0\x9F\x98\x80"));
    const int canvasHeight = static_cast<int>(metrics.height()) + 8;
    const int inner = std::max(1, options.size - 2); // a one-pixel margin of background all round

    EmojiDatasetReport counts;
    std::vector<CaptionedImage> out;
    for (const auto& entry : entries) {
        if (options.limit > 0 && static_cast<int>(out.size()) >= options.limit)
            break;
        ++counts.fullyQualified;
        const double advance = metrics.horizontalAdvance(entry.text);
        if (advance > 1.5 * oneGlyph) {
            ++counts.skippedSequence;
            continue;
        }
        QImage canvas(static_cast<int>(std::max(advance, oneGlyph)) + 16, canvasHeight,
                      QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::transparent);
        {
            QPainter painter(&canvas);
            painter.setFont(font);
            painter.drawText(QPointF(8, 4 + metrics.ascent()), entry.text);
        }
        const auto bounds = opaqueBounds(canvas);
        if (bounds.isEmpty() || bounds.width() < 8 || bounds.height() < 8) {
            ++counts.skippedEmpty;
            continue;
        }
        const auto glyph = canvas.copy(bounds).scaled(inner, inner, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QImage tile(options.size, options.size, QImage::Format_ARGB32_Premultiplied);
        tile.fill(QColor::fromRgb(static_cast<QRgb>(options.background)));
        {
            QPainter painter(&tile);
            painter.drawImage(QPoint((options.size - glyph.width()) / 2, (options.size - glyph.height()) / 2), glyph);
        }
        const auto rgb = tile.convertToFormat(QImage::Format_RGB888);
        CaptionedImage image;
        image.caption = entry.name.toStdString();
        image.rgb.resize(static_cast<std::size_t>(options.size * options.size * 3));
        for (int y = 0; y < options.size; ++y)
            std::copy_n(rgb.constScanLine(y), options.size * 3, image.rgb.data() + y * options.size * 3);
        out.push_back(std::move(image));
        ++counts.rendered;
    }
    if (report)
        *report = counts;
    if (out.empty())
        throw DiffusionError(options.fontPath, "no emoji rendered");
    return out;
}

void writeDatasetSheet(const std::vector<CaptionedImage>& images, int size, int columns, int count,
                       const std::string& path)
{
    count = std::min<int>(count, static_cast<int>(images.size()));
    const int rows = (count + columns - 1) / columns;
    QImage sheet(columns * size, std::max(1, rows) * size, QImage::Format_RGB888);
    sheet.fill(Qt::black);
    for (int i = 0; i < count; ++i) {
        const QImage tile(images[static_cast<std::size_t>(i)].rgb.data(), size, size, size * 3, QImage::Format_RGB888);
        QPainter painter(&sheet);
        painter.drawImage(QPoint((i % columns) * size, (i / columns) * size), tile);
    }
    if (!sheet.save(QString::fromStdString(path), "PNG"))
        throw DiffusionError(path, "cannot write the PNG");
}

} // namespace tessera::train
