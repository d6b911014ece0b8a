#include "tessera/timeline/TimelineError.h"

namespace tessera {

TimelineError::TimelineError(const QString& problem)
    : std::runtime_error(problem.toStdString())
{
}

} // namespace tessera
