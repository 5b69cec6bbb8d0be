#include "Distribution.h"

#include "generate/Random.h"

#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace fabrica {

namespace {

// Redraws of an out-of-range value before it is clamped (the product spec says "clipped to min/max").
constexpr int kRedraws = 16;
// Below this mean, inversion by sequential search is short and exact; above it PTRS is O(1).
constexpr double kPoissonInversionLimit = 30;
// z such that Phi(z) = 0.99: the default lognormal puts 99% of its mass below max.
constexpr double kZ99 = 2.3263478740408408;

// Uniform in (0, 1), never 0, so log() and division stay finite.
double openUnit(Random &random)
{
    return (static_cast<double>(random.next() >> 11) + 0.5) * 0x1.0p-53;
}

// Leva's ratio-of-uniforms (ACM TOMS 18, 1992). Stateless: sample() is const and shared between threads,
// so Box–Muller's cached second value has nowhere to live. ~2.74 uniforms and rarely a log per draw.
double standardNormal(Random &random)
{
    for (;;) {
        const double u = openUnit(random);
        const double v = 1.7156 * (random.unit() - 0.5);
        const double x = u - 0.449871;
        const double y = std::abs(v) + 0.386595;
        const double q = x * x + y * (0.19600 * y - 0.25472 * x);
        if (q < 0.27597 || (q <= 0.27846 && v * v <= -4.0 * std::log(u) * u * u))
            return v / u;
    }
}

// log(k!) for whole k >= 0. Not std::lgamma: glibc's writes the global signgam, a data race when several
// threads sample at once.
double logFactorial(double k)
{
    static const std::array<double, 16> table = [] {
        std::array<double, 16> t{};
        for (std::size_t i = 1; i < t.size(); ++i)
            t[i] = t[i - 1] + std::log(static_cast<double>(i));
        return t;
    }();
    if (k < static_cast<double>(table.size()))
        return table[static_cast<std::size_t>(k)];
    // Stirling's series; from k = 16 on the first omitted term is below 1e-12.
    const double r = 1.0 / k;
    const double r2 = r * r;
    return (k + 0.5) * std::log(k) - k + 0.91893853320467274178 /* ln(2 pi) / 2 */ +
           r * (1.0 / 12 - r2 * (1.0 / 360 - r2 / 1260));
}

// Saturating conversion: beyond ±2^63 the nearest int64 bound, NaN as 0.
qint64 toInt64(double x)
{
    if (!(x == x))
        return 0;
    if (x >= 0x1.0p63)
        return std::numeric_limits<qint64>::max();
    if (x <= -0x1.0p63)
        return std::numeric_limits<qint64>::min();
    return static_cast<qint64>(x);
}

// Hörmann & Derflinger's helpers: log1p(x) / x and expm1(x) / x, with their limit 1 near 0.
double helper1(double x)
{
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}

double helper2(double x)
{
    return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
}

Distribution::Kind kindNamed(const QString &name)
{
    using Kind = Distribution::Kind;
    static const std::pair<QLatin1String, Kind> kinds[] = {
        {QLatin1String("normal"), Kind::Normal},           {QLatin1String("lognormal"), Kind::LogNormal},
        {QLatin1String("exponential"), Kind::Exponential}, {QLatin1String("zipf"), Kind::Zipf},
        {QLatin1String("poisson"), Kind::Poisson},
    };
    for (const auto &[text, kind] : kinds) {
        if (name == text)
            return kind;
    }
    return Kind::Uniform;
}

} // namespace

Distribution Distribution::fromJson(const QJsonObject &spec, double min, double max, bool integral)
{
    if (!integral)
        return make(spec, min, max, false, 0, 0);
    return fromJsonInteger(spec, toInt64(std::ceil(min)), toInt64(std::floor(max)));
}

Distribution Distribution::uniform(double min, double max, bool integral)
{
    return fromJson(QJsonObject(), min, max, integral);
}

Distribution Distribution::fromJsonInteger(const QJsonObject &spec, qint64 min, qint64 max)
{
    return make(spec, 0, 0, true, min, std::max(min, max));
}

Distribution Distribution::uniformInteger(qint64 min, qint64 max)
{
    return fromJsonInteger(QJsonObject(), min, max);
}

Distribution Distribution::make(const QJsonObject &spec, double min, double max, bool integral, qint64 lo,
                                qint64 hi)
{
    Distribution d;
    d.m_kind = kindNamed(spec.value(QLatin1String("name")).toString());
    d.m_integral = integral;
    d.m_lo = lo;
    d.m_hi = hi;
    d.m_min = integral ? static_cast<double>(lo) : min;
    d.m_max = integral ? static_cast<double>(hi) : std::max(min, max);
    // Unsigned, the integral span cannot overflow; a real one is capped so the defaults stay finite.
    const double span = integral ? static_cast<double>(static_cast<quint64>(hi) - static_cast<quint64>(lo))
                                 : std::min(d.m_max - d.m_min, std::numeric_limits<double>::max());
    if (!(span > 0))
        return d; // one value only: sample() returns it without looking at the shape

    const auto number = [&spec](const char *key, double fallback, bool positive) {
        const QJsonValue value = spec.value(QLatin1String(key));
        const double x = value.toDouble();
        return value.isDouble() && std::isfinite(x) && (!positive || x > 0) ? x : fallback;
    };
    switch (d.m_kind) {
    case Kind::Uniform:
        break;
    case Kind::Normal:
        d.m_a = number("mean", 0.5 * d.m_min + 0.5 * d.m_max, false);
        d.m_b = number("stddev", span / 6, true);
        break;
    case Kind::LogNormal:
        d.m_a = number("mu", std::log(span / 4), false);
        d.m_b = number("sigma", std::log(4.0) / kZ99, true);
        break;
    case Kind::Exponential:
        d.m_a = number("lambda", 5 / span, true);
        break;
    case Kind::Poisson: {
        const double lambda = d.m_a = number("lambda", span / 2, true);
        PoissonConstants &c = d.m_poisson;
        if (lambda < kPoissonInversionLimit) {
            c.expMinusLambda = std::exp(-lambda);
        } else {
            // Hörmann's PTRS constants (Insurance: Mathematics and Economics 12, 1993).
            c.logLambda = std::log(lambda);
            c.b = 0.931 + 2.53 * std::sqrt(lambda);
            c.a = -0.059 + 0.02483 * c.b;
            c.logInvAlpha = std::log(1.1239 + 1.1328 / (c.b - 3.4));
            c.vr = 0.9277 - 3.6224 / (c.b - 2);
        }
        break;
    }
    case Kind::Zipf: {
        d.m_a = number("s", 1.1, true);
        ZipfConstants &z = d.m_zipf;
        z.n = (integral ? span : std::floor(span)) + 1;
        z.hIntegralX1 = d.zipfHIntegral(1.5) - 1;
        z.hIntegralN = d.zipfHIntegral(z.n + 0.5);
        z.shortcut = 2 - d.zipfHIntegralInverse(d.zipfHIntegral(2.5) - d.zipfH(2));
        break;
    }
    }
    return d;
}

double Distribution::sample(Random &random) const
{
    return m_integral ? static_cast<double>(sampleInteger(random)) : sampleReal(random);
}

qint64 Distribution::sampleInteger(Random &random) const
{
    if (!m_integral)
        return toInt64(std::round(sampleReal(random)));
    if (m_lo == m_hi)
        return m_lo;
    switch (m_kind) {
    case Kind::Uniform:
        return random.between(m_lo, m_hi);
    case Kind::Normal:
        for (int redraw = 0;; ++redraw) {
            const double x = std::round(normal(random));
            if (x >= m_min && x <= m_max)
                return std::clamp(toInt64(x), m_lo, m_hi); // m_max may round up past m_hi near 2^63
            if (redraw == kRedraws)
                return x < m_min ? m_lo : m_hi;
        }
    case Kind::LogNormal:
    case Kind::Exponential:
    case Kind::Zipf:
    case Kind::Poisson:
        break;
    }
    // Offsets above min, added in unsigned arithmetic so the widest ranges stay exact.
    const quint64 span = static_cast<quint64>(m_hi) - static_cast<quint64>(m_lo);
    const double spanAsDouble = static_cast<double>(span);
    for (int redraw = 0;; ++redraw) {
        const double k = std::round(offset(random));
        if (k <= spanAsDouble) {
            // spanAsDouble may exceed span by rounding; below it the conversion is at most span.
            const quint64 steps = k >= spanAsDouble ? span : static_cast<quint64>(k);
            return static_cast<qint64>(static_cast<quint64>(m_lo) + steps);
        }
        if (redraw == kRedraws)
            return m_hi;
    }
}

double Distribution::sampleReal(Random &random) const
{
    if (!(m_min < m_max))
        return m_min;
    if (m_kind == Kind::Uniform) {
        const double u = random.unit();
        const double width = m_max - m_min;
        // The blend keeps ranges wider than the largest double (e.g. -1e308..1e308) finite.
        const double x = std::isfinite(width) ? m_min + u * width : m_min * (1 - u) + m_max * u;
        return std::min(x, m_max);
    }
    for (int redraw = 0;; ++redraw) {
        const double x = m_kind == Kind::Normal ? normal(random) : m_min + offset(random);
        if (x >= m_min && x <= m_max)
            return x;
        if (redraw == kRedraws)
            return x < m_min ? m_min : m_max;
    }
}

double Distribution::normal(Random &random) const
{
    return m_a + m_b * standardNormal(random);
}

double Distribution::offset(Random &random) const
{
    switch (m_kind) {
    case Kind::LogNormal:
        return std::exp(m_a + m_b * standardNormal(random));
    case Kind::Exponential:
        return -std::log1p(-random.unit()) / m_a; // inversion; unit() < 1 keeps the log finite
    case Kind::Poisson:
        return poisson(random);
    case Kind::Zipf:
        return zipfRank(random) - 1;
    case Kind::Uniform:
    case Kind::Normal:
        break;
    }
    return 0;
}

double Distribution::poisson(Random &random) const
{
    const double lambda = m_a;
    const PoissonConstants &c = m_poisson;
    if (lambda < kPoissonInversionLimit) {
        for (;;) {
            const double u = random.unit();
            double k = 0, p = c.expMinusLambda, cdf = p;
            // Past 200 the tail is far below 2^-53; the cap only matters when rounding keeps the sum under u.
            while (u >= cdf && k < 200) {
                k += 1;
                p *= lambda / k;
                cdf += p;
            }
            if (u < cdf)
                return k;
        }
    }
    // PTRS: transformed rejection with squeeze; k stays a double so an extreme u cannot overflow a cast.
    for (;;) {
        const double u = random.unit() - 0.5;
        const double v = random.unit();
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2 * c.a / us + c.b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= c.vr)
            return k;
        if (k < 0 || (us < 0.013 && v > us))
            continue;
        if (std::log(v) + c.logInvAlpha - std::log(c.a / (us * us) + c.b) <=
            -lambda + k * c.logLambda - logFactorial(k))
            return k;
    }
}

// Rejection-inversion (Hörmann & Derflinger, ACM TOMACS 6, 1996), after Apache Commons RNG: O(1) per draw
// with no table over the ranks, which may number 10^9 or more.
double Distribution::zipfRank(Random &random) const
{
    const ZipfConstants &z = m_zipf;
    double k = 1;
    // Nearly every try is accepted; the cap only guards against non-finite constants from absurd ranges.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const double u = z.hIntegralN + random.unit() * (z.hIntegralX1 - z.hIntegralN);
        const double x = zipfHIntegralInverse(u);
        k = std::clamp(std::floor(x + 0.5), 1.0, z.n);
        if (k - x <= z.shortcut || u >= zipfHIntegral(k + 0.5) - zipfH(k))
            return k;
    }
    return k;
}

// h(x) = x^-s, the unnormalised mass of rank x.
double Distribution::zipfH(double x) const
{
    return std::exp(-m_a * std::log(x));
}

// H(x) = (x^(1-s) - 1) / (1 - s), an antiderivative of h, written to stay accurate as s approaches 1.
double Distribution::zipfHIntegral(double x) const
{
    const double logX = std::log(x);
    return helper2((1 - m_a) * logX) * logX;
}

double Distribution::zipfHIntegralInverse(double x) const
{
    const double t = std::max(x * (1 - m_a), -1.0);
    return std::exp(helper1(t) * x);
}

} // namespace fabrica
