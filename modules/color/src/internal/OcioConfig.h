#pragma once

// Private to modules/color: the OCIO types behind ColorConfig, and turning OCIO's exceptions
// into ColorError.
#include "tessera/color/ColorError.h"

#include <OpenColorIO/OpenColorIO.h>

#include <QString>

#include <string>

namespace OCIO = OCIO_NAMESPACE;

namespace tessera::internal {

struct OcioConfig
{
    OCIO::ConstConfigRcPtr config;
};

//! Converts a Qt string to the UTF-8 std::string OCIO takes.
inline std::string toStd(const QString& text) { return text.toStdString(); }

//! Runs work, turning OCIO's exceptions into ColorError("<path>: <what OCIO said>").
template <typename Work>
auto withOcioErrors(const QString& path, Work work) -> decltype(work())
{
    try {
        return work();
    } catch (const OCIO::Exception& error) {
        throw ColorError(path, QString::fromUtf8(error.what()).simplified());
    }
}

} // namespace tessera::internal
