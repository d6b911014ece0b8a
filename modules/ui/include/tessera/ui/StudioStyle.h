#pragma once

class QApplication;

namespace tessera {

//! The studio's look: Fusion with a dark palette, as colour and video tools use, so that the
//! images (not the chrome) are the brightest thing on screen and judged against neutral grey.
void applyStudioStyle(QApplication& app);

} // namespace tessera
