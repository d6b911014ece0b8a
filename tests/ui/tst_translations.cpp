// The shipped translations (translations/*.ts): every entry finished and faithful to its source
// (placeholders, accelerators, shortcut suffixes, plural forms), every language compiled and
// embedded under :/i18n (the Project panel comes out in German), and strings from classes without
// Q_OBJECT found at run time.
#include "tessera/catalog/ProjectSummary.h"
#include "tessera/project/PromptEditCommands.h"
#include "tessera/studio/ExportJob.h"
#include "tessera/ui/ProjectSummaryView.h"
#include "tessera/ui/StudioLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>

using namespace tessera;

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type;              //!< the translation's type attribute: unfinished, vanished, obsolete or empty
    QStringList translations;  //!< one, or one per plural form
};

QVector<Message> readTs(const QString& path, QString* language)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("%s: cannot open", qPrintable(path));
    QVector<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message{context, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}, {}};
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations.append(xml.readElementText());
            } else {
                message.translations.append(xml.readElementText());
            }
            messages.append(message);
        }
    }
    if (xml.hasError())
        qFatal("%s: %s at line %lld", qPrintable(path), qPrintable(xml.errorString()), xml.lineNumber());
    return messages;
}

// %1..%9 and %n (also %L1), sorted: a translation may reorder them, not drop or add any.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?([1-9]|n)"));
    QStringList found;
    for (auto match = pattern.globalMatch(text); match.hasNext();)
        found.append(match.next().captured(1));
    std::sort(found.begin(), found.end());
    return found;
}

// Single '&' marks the accelerator (QAction, QLabel buddies); '&&' is a literal ampersand.
int accelerators(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("(?<!&)&(?![&\\s])"));
    return int(text.count(pattern));
}

// What follows '\t' in a menu text is the shortcut Qt shows: it must stay as it is.
QString shortcutSuffix(const QString& text)
{
    const int tab = text.indexOf(QLatin1Char('\t'));
    return tab < 0 ? QString() : text.mid(tab);
}

QStringList shippedTsFiles()
{
    return QDir(QStringLiteral(TESSERA_TRANSLATIONS_DIR)).entryList({QStringLiteral("tessera_*.ts")}, QDir::Files, QDir::Name);
}

QString languageOf(const QString& tsFile)
{
    return tsFile.mid(int(qstrlen("tessera_")), tsFile.size() - int(qstrlen("tessera_.ts")));
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyShippedTranslationIsFinishedAndFaithful_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& file : shippedTsFiles())
            QTest::newRow(qPrintable(file)) << QDir(QStringLiteral(TESSERA_TRANSLATIONS_DIR)).filePath(file);
    }

    void everyShippedTranslationIsFinishedAndFaithful()
    {
        // given a shipped .ts file
        QFETCH(QString, path);
        QString language;
        const QVector<Message> messages = readTs(path, &language);
        QVERIFY2(messages.size() > 100, qPrintable(path + QStringLiteral(": too few messages, is it the studio's?")));
        // Plural forms per language as Qt Linguist defines them (numerus rules).
        const int pluralForms = QLocale(language).language() == QLocale::Japanese ? 1 : 2;

        // when every message is checked against its source
        QStringList problems;
        for (const Message& message : messages) {
            const QString where = message.context + QStringLiteral(" \"") + message.source + QStringLiteral("\": ");
            if (!message.type.isEmpty()) {
                problems.append(where + message.type);
                continue;
            }
            if (message.numerus && message.translations.size() != pluralForms)
                problems.append(where + QStringLiteral("%1 plural forms, %2 expected").arg(message.translations.size()).arg(pluralForms));
            for (const QString& translation : message.translations) {
                if (translation.trimmed().isEmpty() && !message.source.trimmed().isEmpty())
                    problems.append(where + QStringLiteral("empty translation"));
                else if (placeholders(translation) != placeholders(message.source))
                    problems.append(where + QStringLiteral("placeholders differ in \"%1\"").arg(translation));
                else if (accelerators(translation) != accelerators(message.source))
                    problems.append(where + QStringLiteral("accelerators differ in \"%1\"").arg(translation));
                else if (shortcutSuffix(translation) != shortcutSuffix(message.source))
                    problems.append(where + QStringLiteral("shortcut suffix differs in \"%1\"").arg(translation));
            }
        }

        // then there is nothing for a translator to do
        qInfo("%s: %d messages, %d problem(s)", qPrintable(QFileInfo(path).fileName()), int(messages.size()),
              int(problems.size()));
        QVERIFY2(problems.isEmpty(), qPrintable(path + QStringLiteral(": ") + QString::number(problems.size())
                                                 + QStringLiteral(" problem(s):\n") + problems.join(QLatin1Char('\n'))));
    }

    void checksCatchWhatTheyLookFor()
    {
        // The checks above must be able to fail: the mistakes a translator makes most.
        QVERIFY(placeholders(QStringLiteral("%1 of %2")) != placeholders(QStringLiteral("%1 von")));
        QCOMPARE(placeholders(QStringLiteral("%2 / %1")), placeholders(QStringLiteral("%1 of %2")));
        QCOMPARE(accelerators(QStringLiteral("&File")), 1);
        QCOMPARE(accelerators(QStringLiteral("ファイル(&F)")), 1);
        QCOMPARE(accelerators(QStringLiteral("Rock && Roll")), 0);
        QCOMPARE(shortcutSuffix(QStringLiteral("Zoom &In\t+")), QStringLiteral("\t+"));
    }

    void everyShippedTranslationIsEmbedded()
    {
        // given the .ts files in translations/
        QStringList expected{QStringLiteral("en")};
        for (const QString& file : shippedTsFiles())
            expected.append(languageOf(file));
        // then the studio offers exactly their languages (CMake compiled and embedded each one)
        QCOMPARE(availableLanguages(), expected);
        QCOMPARE(nativeLanguageName(QStringLiteral("de")), QStringLiteral("Deutsch"));
        QCOMPARE(nativeLanguageName(QStringLiteral("ja")), QStringLiteral("日本語"));
        QCOMPARE(nativeLanguageName(QStringLiteral("en")), QStringLiteral("English"));
    }

    void compiledTranslationsTranslateTheMenus_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("tapTiming");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("&Datei") << QStringLiteral("T&ap-Timing");
        QTest::newRow("ja") << QStringLiteral("ja") << QStringLiteral("ファイル(&F)") << QStringLiteral("タップでタイミング(&T)");
    }

    void compiledTranslationsTranslateTheMenus()
    {
        QFETCH(QString, language);
        QFETCH(QString, file);
        QFETCH(QString, tapTiming);
        // given the compiled .qm as the studio loads it
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral("tessera_") + language, QStringLiteral(":/i18n")));
        // then known strings come out translated
        QCOMPARE(translator.translate("tessera::MainWindow", "&File"), file);
        QCOMPARE(translator.translate("tessera::StudioActions", "&Tap Timing"), tapTiming);
        QVERIFY(!translator.translate("tessera::GridBrowserModel", "Reject %n cell(s)", nullptr, 3).isEmpty());
    }

    void germanTranslatorTranslatesTheProjectPanel()
    {
        // given a project of one instrumental segment, summarised in English
        ProjectSummary summary;
        summary.path = QStringLiteral("/tmp/song.tessera");
        summary.schemaVersion = 1;
        Segment instrumental;
        instrumental.range = {0, 4000};
        summary.segments.append(instrumental);
        QVERIFY(ProjectSummaryView::detailsText(summary).contains(QStringLiteral("(instrumental)")));

        // when the compiled German translator is installed
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral("tessera_de"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString details = ProjectSummaryView::detailsText(summary);
        QCoreApplication::removeTranslator(&translator);

        // then the Project panel says it in German, its values still in one column
        QVERIFY2(details.contains(QStringLiteral("(Instrumentalteil)")), qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("(instrumental)")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Datei:     /tmp/song.tessera (Schema 1)\n")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Segmente:  1, endet bei ")), qPrintable(details));
    }

    void languageFollowsTheSettingThenTheSystem()
    {
        QCOMPARE(resolveStudioLanguage(QStringLiteral("de"), QLocale(QStringLiteral("ja_JP"))), QStringLiteral("de"));
        QCOMPARE(resolveStudioLanguage(QString(), QLocale(QStringLiteral("ja_JP"))), QStringLiteral("ja"));
        QCOMPARE(resolveStudioLanguage(QString(), QLocale(QStringLiteral("de_AT"))), QStringLiteral("de"));
        QCOMPARE(resolveStudioLanguage(QString(), QLocale(QStringLiteral("fr_FR"))), QStringLiteral("en"));
        QCOMPARE(resolveStudioLanguage(QStringLiteral("en"), QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
        // a language no longer shipped falls back to the system's
        QCOMPARE(resolveStudioLanguage(QStringLiteral("xx"), QLocale(QStringLiteral("ja_JP"))), QStringLiteral("ja"));
    }

    void installedTranslatorsReachStringsOutsideQObjects()
    {
        // given the studio's translators for German on this application
        QVERIFY(installStudioTranslators(*QCoreApplication::instance(), QStringLiteral("de")));
        // then undo texts and export presets (no Q_OBJECT: their contexts are named by hand) are German
        const SetProjectPromptCommand style(SetProjectPromptCommand::Field::Style, QString(), QStringLiteral("x"));
        QCOMPARE(style.text(), QStringLiteral("Stil-Prompt bearbeiten"));
        const SetSegmentPromptCommand seed(1, 3, SetSegmentPromptCommand::Field::Seed, {}, {});
        QCOMPARE(seed.text(), QStringLiteral("Seed von Segment 3 auf 0 setzen"));
        QCOMPARE(exportPresets().at(2).name, QStringLiteral("ProRes 422 für den Schnitt (MOV)"));
        // and taking the translators away brings the source text back
        qDeleteAll(QCoreApplication::instance()->findChildren<QTranslator*>());
        QCOMPARE(style.text(), QStringLiteral("Edit style prompt"));
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
