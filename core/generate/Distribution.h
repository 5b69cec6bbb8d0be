#pragma once

#include <QtGlobal>

class QJsonObject;

namespace fabrica {

class Random;

// How a column's numbers spread between its min and max: the schema's "distribution" constraint, ready to
// sample. Immutable once built, so one object serves every thread, each drawing from its own Random.
//
// Parameters are all optional; the defaults come from the range (span = max - min):
// - uniform: none.
// - normal {mean, stddev}: in the column's units. Default mean = (min + max) / 2, stddev = span / 6, so
//   99.7% of draws land inside before clipping.
// - lognormal {mu, sigma}: the value is min + exp(mu + sigma Z); mu and sigma are the log-scale mean and
//   deviation of the distance above min (with min = 0 the textbook lognormal, median e^mu). Default:
//   median distance span / 4 (mu = ln(span / 4)) and 99% of the mass below max (sigma = ln 4 / z(0.99)
//   ≈ 0.596); nothing falls below min.
// - exponential {lambda}: min + Exp(lambda); lambda is a rate per column unit, so the mean is min + 1 /
//   lambda. Default lambda = 5 / span: e^-5 ≈ 0.7% of draws land above max.
// - zipf {s}: min + rank - 1 with rank in 1..floor(span) + 1 and P(rank) ∝ rank^-s. Default s = 1.1.
// - poisson {lambda}: min + Poisson(lambda); lambda is the mean count above min, in column units.
//   Default lambda = span / 2.
// Missing, non-numeric or (for stddev, sigma, lambda, s) non-positive parameters take the default; an
// unknown name means uniform.
//
// Values are clipped to [min, max]: a draw outside is redrawn up to 16 times and then clamped to the edge
// it fell past, so inside the range the shape is the truncated distribution (plus, on that edge, the
// P(outside)^17 left over). Integral distributions cover the whole numbers ceil(min)..floor(max) (an empty
// set collapses to ceil(min)); normal, lognormal and exponential draws are rounded to the nearest whole
// number. Zipf and poisson always give min plus a whole number.
class Distribution
{
public:
    enum class Kind { Uniform, Normal, LogNormal, Exponential, Zipf, Poisson };

    // Uniform over [0, 0], always 0: a placeholder until a real one is assigned.
    Distribution() = default;
    // spec is the constraint object {"name": …, parameters…}; min <= max. Integer bounds beyond ±2^63
    // saturate, so [INT64_MIN, INT64_MAX] passed as doubles is the full 64-bit range.
    static Distribution fromJson(const QJsonObject &spec, double min, double max, bool integral);
    static Distribution uniform(double min, double max, bool integral);
    // Integral distributions with exact 64-bit bounds (doubles hold whole numbers exactly only to 2^53).
    static Distribution fromJsonInteger(const QJsonObject &spec, qint64 min, qint64 max);
    static Distribution uniformInteger(qint64 min, qint64 max);

    Kind kind() const { return m_kind; }
    bool isIntegral() const { return m_integral; }

    // One value in [min, max]; a whole number when integral. Thread-safe; never allocates.
    double sample(Random &random) const;
    // An integral distribution's value without going through double, so exact over all of int64 (uniform
    // ranges are exact to the last bit). For a non-integral distribution, sample() rounded to nearest.
    qint64 sampleInteger(Random &random) const;

private:
    struct PoissonConstants
    {
        double expMinusLambda = 0;                                   // inversion (lambda < 30)
        double logLambda = 0, a = 0, b = 0, logInvAlpha = 0, vr = 0; // PTRS
    };
    struct ZipfConstants
    {
        double n = 1, hIntegralX1 = 0, hIntegralN = 0, shortcut = 0;
    };

    static Distribution make(const QJsonObject &spec, double min, double max, bool integral, qint64 lo,
                             qint64 hi);
    double sampleReal(Random &random) const;
    double normal(Random &random) const;
    // The draw's distance above min (all kinds but uniform and normal), not yet rounded or clipped.
    double offset(Random &random) const;
    double poisson(Random &random) const;
    double zipfRank(Random &random) const;
    double zipfH(double x) const;
    double zipfHIntegral(double x) const;
    double zipfHIntegralInverse(double x) const;

    Kind m_kind = Kind::Uniform;
    bool m_integral = false;
    double m_min = 0, m_max = 0;
    qint64 m_lo = 0, m_hi = 0; // the integral range
    // normal: mean, stddev; lognormal: mu, sigma; exponential and poisson: lambda; zipf: s.
    double m_a = 0, m_b = 0;
    PoissonConstants m_poisson;
    ZipfConstants m_zipf;
};

} // namespace fabrica
