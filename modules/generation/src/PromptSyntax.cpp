#include "tessera/generation/PromptSyntax.h"

#include "tessera/diffusion/PromptWeights.h"

#include <QCoreApplication>

namespace tessera {

namespace {

QString describe(PromptSyntaxProblem problem, const QString& text)
{
    switch (problem) {
    case PromptSyntaxProblem::UnclosedBracket:
        return QCoreApplication::translate("tessera::PromptSyntax",
            "\"%1\" is never closed: its emphasis runs to the end of the prompt").arg(text);
    case PromptSyntaxProblem::UnmatchedBracket:
        return QCoreApplication::translate("tessera::PromptSyntax",
            "\"%1\" closes nothing: add the opening bracket or write \\%1 for a literal one").arg(text);
    case PromptSyntaxProblem::BadWeight:
        return QCoreApplication::translate("tessera::PromptSyntax",
            "\"%1\" is not a weight: write a number such as (storm:1.3)").arg(text);
    }
    return {};
}

} // namespace

QVector<PromptSyntaxError> checkPromptSyntax(const QString& prompt)
{
    // The scan counts UTF-8 bytes; the editor counts QChars (UTF-16).
    const QByteArray utf8 = prompt.toUtf8();
    QVector<PromptSyntaxError> errors;
    for (const PromptSyntaxIssue& issue : tessera::checkPromptSyntax(utf8.toStdString())) {
        PromptSyntaxError error;
        error.position = int(QString::fromUtf8(utf8.left(qsizetype(issue.position))).size());
        const QString text = QString::fromUtf8(utf8.mid(qsizetype(issue.position), qsizetype(issue.length)));
        error.length = int(text.size());
        error.message = describe(issue.problem, text);
        errors.append(error);
    }
    return errors;
}

} // namespace tessera
