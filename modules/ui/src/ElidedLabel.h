#pragma once

#include <QLabel>

namespace tessera {

//! A one-line label that never widens its parent: text that does not fit ends in "…" (QLabel
//! cuts it mid-letter, and a right-aligned one loses its start), whole in the tooltip. Qt has
//! no such widget; QFontMetrics::elidedText does the cutting.
class ElidedLabel : public QLabel
{
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    //! The whole text; the tooltip shows it whenever it is cut.
    void setFullText(const QString& text);
    QString fullText() const { return m_fullText; }

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override; //!< a new font elides anew

private:
    void elide();

    QString m_fullText;
};

} // namespace tessera
