#pragma once

#include <QString>
#include <optional>

namespace tessera {

//! A grade in scene-linear light. Scopes combine: project, then segment, then cell.
struct Grade
{
    double exposureStops = 0.0; //!< multiplies linear values by 2^stops
    //! Applied after exposure, pivoting on middle grey: v' = 0.18 * (v / 0.18)^(1 / gamma), so
    //! values above 1 brighten (as a viewer's gamma control does); 1 leaves values unchanged.
    double gamma = 1.0;
    double saturation = 1.0;    //!< 1 leaves colours unchanged, 0 is grey

    bool isIdentity() const { return exposureStops == 0.0 && gamma == 1.0 && saturation == 1.0; }

    //! This grade followed by a narrower one: exposures add in stops, gammas and
    //! saturations multiply.
    Grade combinedWith(const Grade& narrower) const
    {
        return {exposureStops + narrower.exposureStops, gamma * narrower.gamma,
            saturation * narrower.saturation};
    }

    friend bool operator==(const Grade& a, const Grade& b)
    {
        return a.exposureStops == b.exposureStops && a.gamma == b.gamma
            && a.saturation == b.saturation;
    }
    friend bool operator!=(const Grade& a, const Grade& b) { return !(a == b); }
};

//! Which part of the project a grade applies to.
enum class GradeScope { Project, Segment, Cell };

QString gradeScopeName(GradeScope scope);

//! "+1.00", "-0.50": an exposure in stops with its sign, as the grade panel and the CLI show it.
QString formatStops(double stops);
std::optional<GradeScope> gradeScopeFromName(const QString& name);

} // namespace tessera
