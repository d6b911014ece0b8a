#include "TimeCodes.h"

#include <QRegularExpression>

namespace tessera::internal {

namespace {

// A decimal fraction of a second of 1-3 digits: "5" is 500 ms, "50" is 500 ms, "500" too.
qint64 fractionMs(const QString& digits)
{
    if (digits.isEmpty())
        return 0;
    QString padded = digits;
    while (padded.size() < 3)
        padded.append(QLatin1Char('0'));
    return padded.toLongLong();
}

} // namespace

bool looksLikeLrcTime(const QString& text)
{
    // Minutes and a colon are what mark a stamp; whatever follows is the stamp's to get right,
    // so "00:11.xx" is a damaged stamp (reported) where "3" or "Chorus" is lyric text.
    static const QRegularExpression shape(QStringLiteral("^\\s*[0-9]+\\s*:"));
    return shape.match(text).hasMatch();
}

ParsedTime parseLrcTime(const QString& text)
{
    static const QRegularExpression stamp(QStringLiteral("^\\s*([0-9]{1,4}):([0-9]{1,2})(?:[.:]([0-9]{1,3}))?\\s*$"));
    const QRegularExpressionMatch match = stamp.match(text);
    if (!match.hasMatch())
        return {std::nullopt, QStringLiteral("\"%1\" is not a time (expected mm:ss.xx)").arg(text)};
    const qint64 minutes = match.captured(1).toLongLong();
    const qint64 seconds = match.captured(2).toLongLong();
    if (seconds >= 60)
        return {std::nullopt, QStringLiteral("\"%1\" has %2 seconds (at most 59)").arg(text).arg(seconds)};
    return {(minutes * 60 + seconds) * 1000 + fractionMs(match.captured(3)), {}};
}

QString formatLrcTime(qint64 ms)
{
    ms = qMax<qint64>(0, ms);
    const qint64 minutes = ms / 60000;
    const qint64 seconds = (ms / 1000) % 60;
    const qint64 millis = ms % 1000;
    const QString head = QStringLiteral("%1:%2.").arg(minutes, 2, 10, QLatin1Char('0')).arg(seconds, 2, 10, QLatin1Char('0'));
    if (millis % 10 == 0)
        return head + QStringLiteral("%1").arg(millis / 10, 2, 10, QLatin1Char('0'));
    return head + QStringLiteral("%1").arg(millis, 3, 10, QLatin1Char('0'));
}

ParsedTime parseSrtTime(const QString& text)
{
    static const QRegularExpression stamp(QStringLiteral("^\\s*([0-9]{1,3}):([0-9]{1,2}):([0-9]{1,2})(?:[,.]([0-9]{1,3}))?\\s*$"));
    const QRegularExpressionMatch match = stamp.match(text);
    if (!match.hasMatch())
        return {std::nullopt, QStringLiteral("\"%1\" is not a time (expected hh:mm:ss,mmm)").arg(text.trimmed())};
    const qint64 hours = match.captured(1).toLongLong();
    const qint64 minutes = match.captured(2).toLongLong();
    const qint64 seconds = match.captured(3).toLongLong();
    if (minutes >= 60 || seconds >= 60)
        return {std::nullopt, QStringLiteral("\"%1\" has minutes or seconds above 59").arg(text.trimmed())};
    return {((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs(match.captured(4)), {}};
}

QString formatSrtTime(qint64 ms)
{
    ms = qMax<qint64>(0, ms);
    return QStringLiteral("%1:%2:%3,%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg((ms / 60000) % 60, 2, 10, QLatin1Char('0'))
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace tessera::internal
