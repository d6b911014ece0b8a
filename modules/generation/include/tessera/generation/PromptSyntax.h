#pragma once

#include <QString>
#include <QVector>

namespace tessera {

//! A likely typing mistake in a prompt, located in QString characters, with its explanation.
struct PromptSyntaxError
{
    int position = 0; //!< first QChar of the offending text
    int length = 1;   //!< its length in QChars
    QString message;  //!< "unclosed \"(\": its emphasis runs to the end of the prompt"
};

//! Checks a prompt in the "(word:1.3)" emphasis syntax the diffusion engine reads (the engine's
//! own scan, diffusion's checkPromptSyntax, not a second parser). Empty when it reads as written.
QVector<PromptSyntaxError> checkPromptSyntax(const QString& prompt);

} // namespace tessera
