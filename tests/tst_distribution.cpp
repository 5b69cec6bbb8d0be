// Distributions: each shape checked against its truncated CDF or pmf (Kolmogorov–Smirnov for the continuous
// ones, chi-square for the discrete ones, both at alpha = 0.001 with fixed seeds), plus ranges, whole
// numbers, the documented defaults, determinism and the extreme 64-bit ranges.
#include "generate/Distribution.h"
#include "generate/Random.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

using namespace fabrica;

namespace {

constexpr int kSamples = 200000;
constexpr double kAlpha = 0.001;
constexpr double kZ999 = 3.090232306167813; // Phi^-1(1 - alpha), for Wilson–Hilferty
constexpr qint64 kInt64Min = std::numeric_limits<qint64>::min();
constexpr qint64 kInt64Max = std::numeric_limits<qint64>::max();

using Cdf = std::function<double(double)>;
using Pmf = std::function<double(double)>;

QJsonObject spec(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

std::vector<double> draw(const Distribution &distribution, std::uint64_t seed, int count = kSamples)
{
    Random random(seed);
    std::vector<double> values(static_cast<std::size_t>(count));
    for (double &value : values)
        value = distribution.sample(random);
    return values;
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// The CDF of cdf's distribution conditioned on [min, max]: what clipping by redrawing produces.
Cdf truncated(const Cdf &cdf, double min, double max)
{
    const double low = cdf(min), mass = cdf(max) - low;
    return [=](double x) { return std::clamp((cdf(x) - low) / mass, 0.0, 1.0); };
}

// Generalised harmonic number H(n, s) = sum of k^-s for k = 1..n; beyond 10^6 terms the rest comes from
// Euler–Maclaurin (error far below what 200,000 samples can see).
double harmonic(double n, double s)
{
    constexpr double kDirect = 1e6;
    double sum = 0;
    for (double k = std::min(n, kDirect); k >= 1; --k) // smallest terms first
        sum += std::pow(k, -s);
    if (n <= kDirect)
        return sum;
    const double a = kDirect + 1;
    const auto f = [s](double x) { return std::pow(x, -s); };
    const auto df = [s](double x) { return -s * std::pow(x, -s - 1); };
    const double integral = s == 1 ? std::log(n / a) : (std::pow(n, 1 - s) - std::pow(a, 1 - s)) / (1 - s);
    return sum + integral + (f(a) + f(n)) / 2 + (df(n) - df(a)) / 12;
}

struct Outcome
{
    double statistic = 0;
    double critical = 0;
    QByteArray describe(const char *test) const
    {
        return QByteArray(test) + " statistic " + QByteArray::number(statistic, 'g', 6) + ", critical " +
               QByteArray::number(critical, 'g', 6);
    }
};

// Kolmogorov–Smirnov against a continuous CDF; the critical value is the asymptotic c(alpha) / sqrt(n).
Outcome kolmogorovSmirnov(std::vector<double> values, const Cdf &cdf)
{
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    double d = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double f = cdf(values[i]);
        d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
    }
    return {d, std::sqrt(-std::log(kAlpha / 2) / 2) / std::sqrt(n)};
}

// Chi-square goodness of fit for offsets 0, 1, 2, … above the range's min. pmf(k) is normalised over the
// whole support; offsets up to cut are binned from the left, grouped until each bin expects 20 or more,
// and everything above cut forms one tail bin. The critical value comes from Wilson–Hilferty.
Outcome chiSquare(const std::vector<double> &offsets, qint64 cut, const Pmf &pmf)
{
    const double n = static_cast<double>(offsets.size());
    std::vector<int> binOf(static_cast<std::size_t>(cut + 1));
    std::vector<double> expected{0};
    double modelled = 0;
    for (qint64 k = 0; k <= cut; ++k) {
        if (expected.back() >= 20)
            expected.push_back(0);
        const double p = pmf(static_cast<double>(k));
        modelled += p;
        expected.back() += n * p;
        binOf[static_cast<std::size_t>(k)] = static_cast<int>(expected.size()) - 1;
    }
    const double tail = n * std::max(0.0, 1 - modelled);
    const int tailBin =
        tail >= 20 ? static_cast<int>(expected.size()) : static_cast<int>(expected.size()) - 1;
    if (tail >= 20)
        expected.push_back(tail);
    else
        expected.back() += tail;
    if (expected.size() > 1 && expected.back() < 20) { // a thin last bin joins its neighbour
        expected[expected.size() - 2] += expected.back();
        expected.pop_back();
        for (int &bin : binOf)
            bin = std::min(bin, static_cast<int>(expected.size()) - 1);
    }
    std::vector<double> observed(expected.size());
    for (double offset : offsets) {
        const int bin =
            offset <= static_cast<double>(cut) ? binOf[static_cast<std::size_t>(offset)] : tailBin;
        observed[static_cast<std::size_t>(std::min(bin, static_cast<int>(expected.size()) - 1))] += 1;
    }
    double statistic = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        statistic += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
    const double df = static_cast<double>(expected.size()) - 1;
    const double h = 2 / (9 * df);
    return {statistic, df * std::pow(1 - h + kZ999 * std::sqrt(h), 3)};
}

std::vector<double> minus(std::vector<double> values, double min)
{
    for (double &value : values)
        value -= min;
    return values;
}

Pmf poissonPmf(double lambda, double maxOffset)
{
    const auto raw = [lambda](double k) {
        return std::exp(-lambda + k * std::log(lambda) - std::lgamma(k + 1));
    };
    double mass = 0;
    for (double k = 0; k <= maxOffset; ++k)
        mass += raw(k);
    return [=](double k) { return k <= maxOffset ? raw(k) / mass : 0.0; };
}

Pmf zipfPmf(double n, double s)
{
    const double norm = harmonic(n, s);
    return [=](double k) { return k < n ? std::pow(k + 1, -s) / norm : 0.0; };
}

double mean(const std::vector<double> &values)
{
    double sum = 0;
    for (double value : values)
        sum += value;
    return sum / static_cast<double>(values.size());
}

double deviation(const std::vector<double> &values)
{
    const double m = mean(values);
    double sum = 0;
    for (double value : values)
        sum += (value - m) * (value - m);
    return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

const char *const kAllKinds[] = {
    R"({"name": "uniform"})",     R"({"name": "normal"})", R"({"name": "lognormal"})",
    R"({"name": "exponential"})", R"({"name": "zipf"})",   R"({"name": "poisson"})",
};

} // namespace

class TestDistribution : public QObject
{
    Q_OBJECT

private:
    void checkKs(const char *name, const Distribution &distribution, const Cdf &cdf, std::uint64_t seed)
    {
        const Outcome outcome = kolmogorovSmirnov(draw(distribution, seed), cdf);
        qInfo("%s", outcome.describe(name).constData());
        QVERIFY2(outcome.statistic < outcome.critical, outcome.describe(name).constData());
    }
    void checkChi(const char *name, const std::vector<double> &offsets, qint64 cut, const Pmf &pmf)
    {
        const Outcome outcome = chiSquare(offsets, cut, pmf);
        qInfo("%s", outcome.describe(name).constData());
        QVERIFY2(outcome.statistic < outcome.critical, outcome.describe(name).constData());
    }

private slots:
    void kinds()
    {
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "uniform"})"), 0, 1, false).kind(),
                 Distribution::Kind::Uniform);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "normal"})"), 0, 1, false).kind(),
                 Distribution::Kind::Normal);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "lognormal"})"), 0, 1, false).kind(),
                 Distribution::Kind::LogNormal);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "exponential"})"), 0, 1, false).kind(),
                 Distribution::Kind::Exponential);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "zipf"})"), 0, 1, true).kind(),
                 Distribution::Kind::Zipf);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "poisson"})"), 0, 1, true).kind(),
                 Distribution::Kind::Poisson);
        QCOMPARE(Distribution::fromJson(spec(R"({"name": "cauchy"})"), 0, 1, true).kind(),
                 Distribution::Kind::Uniform);
        QCOMPARE(Distribution::fromJson(QJsonObject(), 0, 1, true).kind(), Distribution::Kind::Uniform);
        QVERIFY(Distribution::uniform(0, 1, true).isIntegral());
        QVERIFY(!Distribution::uniform(0, 1, false).isIntegral());
    }

    void uniformKs()
    {
        checkKs(
            "uniform [-3, 7]", Distribution::uniform(-3, 7, false), [](double x) { return (x + 3) / 10; }, 1);
    }

    void normalKs()
    {
        checkKs("normal default [10, 70]",
                Distribution::fromJson(spec(R"({"name": "normal"})"), 10, 70, false),
                truncated([](double x) { return normalCdf((x - 40) / 10); }, 10, 70), 2);
        // A third of the mass lies outside: redrawing must leave exactly the truncated shape.
        checkKs("normal(0, 1) [-0.5, 2]",
                Distribution::fromJson(spec(R"({"name": "normal", "mean": 0, "stddev": 1})"), -0.5, 2, false),
                truncated(normalCdf, -0.5, 2), 3);
    }

    void lognormalKs()
    {
        const double sigma = std::log(4.0) / 2.3263478740408408; // documented default
        const auto lognormal = [](double min, double mu, double sigma) {
            return [=](double x) { return x <= min ? 0.0 : normalCdf((std::log(x - min) - mu) / sigma); };
        };
        checkKs("lognormal default [0, 1000]",
                Distribution::fromJson(spec(R"({"name": "lognormal"})"), 0, 1000, false),
                truncated(lognormal(0, std::log(250.0), sigma), 0, 1000), 4);
        checkKs("lognormal(1, 0.5) [-5, 5]",
                Distribution::fromJson(spec(R"({"name": "lognormal", "mu": 1, "sigma": 0.5})"), -5, 5, false),
                truncated(lognormal(-5, 1, 0.5), -5, 5), 5);
    }

    void exponentialKs()
    {
        const auto exponential = [](double min, double lambda) {
            return [=](double x) { return x <= min ? 0.0 : -std::expm1(-lambda * (x - min)); };
        };
        checkKs("exponential default [0, 100]",
                Distribution::fromJson(spec(R"({"name": "exponential"})"), 0, 100, false),
                truncated(exponential(0, 0.05), 0, 100), 6);
        checkKs("exponential(2) [3, 4]",
                Distribution::fromJson(spec(R"({"name": "exponential", "lambda": 2})"), 3, 4, false),
                truncated(exponential(3, 2), 3, 4), 7);
    }

    void poissonChiSquare()
    {
        const auto check = [this](const char *name, const char *json, double min, double max,
                                  std::uint64_t seed, double lambda) {
            const auto distribution = Distribution::fromJson(spec(json), min, max, true);
            checkChi(name, minus(draw(distribution, seed), min), static_cast<qint64>(max - min),
                     poissonPmf(lambda, max - min));
        };
        check("poisson(4) [0, 100]", R"({"name": "poisson", "lambda": 4})", 0, 100, 10, 4);
        check("poisson(200) [0, 1000]", R"({"name": "poisson", "lambda": 200})", 0, 1000, 11, 200);
        // Either side of the switch from inversion to PTRS.
        check("poisson(29.5) [0, 200]", R"({"name": "poisson", "lambda": 29.5})", 0, 200, 12, 29.5);
        check("poisson(30) [0, 200]", R"({"name": "poisson", "lambda": 30})", 0, 200, 13, 30);
        // Measured from min, and truncated hard (P(outside) ≈ 0.21).
        check("poisson(4) [100, 105]", R"({"name": "poisson", "lambda": 4})", 100, 105, 14, 4);
        check("poisson default [-20, 80]", R"({"name": "poisson"})", -20, 80, 15, 50);
        // Decimal columns get min plus whole numbers too.
        const auto decimal =
            Distribution::fromJson(spec(R"({"name": "poisson", "lambda": 3})"), 0.25, 50, false);
        checkChi("poisson(3) decimal [0.25, 50]", minus(draw(decimal, 16), 0.25), 49, poissonPmf(3, 49));
    }

    void zipfChiSquare()
    {
        const auto check = [this](const char *name, const char *json, std::uint64_t seed, double s) {
            const auto distribution = Distribution::fromJson(spec(json), 1, 1000, true);
            checkChi(name, minus(draw(distribution, seed), 1), 999, zipfPmf(1000, s));
        };
        check("zipf(1.1) [1, 1000]", R"({"name": "zipf", "s": 1.1})", 20, 1.1);
        check("zipf(2) [1, 1000]", R"({"name": "zipf", "s": 2})", 21, 2);
        check("zipf(1) [1, 1000]", R"({"name": "zipf", "s": 1})", 22, 1);
        check("zipf(0.5) [1, 1000]", R"({"name": "zipf", "s": 0.5})", 23, 0.5);
        check("zipf default [1, 1000]", R"({"name": "zipf"})", 24, 1.1);
    }

    // No table over the ranks: a 10^9-wide and the full 64-bit range sample as fast as a small one.
    void zipfWideRanges()
    {
        const auto wide = Distribution::fromJson(spec(R"({"name": "zipf"})"), 0, 1e9, true);
        checkChi("zipf(1.1) [0, 1e9]", draw(wide, 25), 100000, zipfPmf(1e9 + 1, 1.1));

        const auto full =
            Distribution::fromJsonInteger(spec(R"({"name": "zipf", "s": 1.5})"), kInt64Min, kInt64Max);
        Random random(26);
        std::vector<double> offsets(kSamples);
        for (double &offset : offsets)
            offset = static_cast<double>(static_cast<quint64>(full.sampleInteger(random)) -
                                         static_cast<quint64>(kInt64Min));
        checkChi("zipf(1.5) [INT64_MIN, INT64_MAX]", offsets, 100000, zipfPmf(0x1.0p64, 1.5));
    }

    void uniformIntegerChiSquare()
    {
        checkChi("uniform integral [-3, 6]", minus(draw(Distribution::uniform(-3, 6, true), 30), -3), 9,
                 [](double) { return 0.1; });
        // Fractional bounds narrow to the whole numbers inside.
        checkChi("uniform integral [-3.5, 6.5]", minus(draw(Distribution::uniform(-3.5, 6.5, true), 31), -3),
                 9, [](double) { return 0.1; });
    }

    void rangesAndWholeNumbers()
    {
        const std::pair<double, double> ranges[] = {{-50, 50}, {0, 1}, {-1.5, 2.5}, {1e6, 1e6 + 3}};
        std::uint64_t seed = 40;
        for (const char *json : kAllKinds) {
            for (const auto &[min, max] : ranges) {
                for (bool integral : {false, true}) {
                    const auto distribution = Distribution::fromJson(spec(json), min, max, integral);
                    const double lo = integral ? std::ceil(min) : min, hi = integral ? std::floor(max) : max;
                    Random random(++seed);
                    for (int i = 0; i < 20000; ++i) {
                        const double x = distribution.sample(random);
                        const qint64 k = distribution.sampleInteger(random);
                        const QByteArray where = QByteArray(json) + " [" + QByteArray::number(min) + ", " +
                                                 QByteArray::number(max) + "] " +
                                                 QByteArray::number(x, 'g', 17);
                        QVERIFY2(x >= lo && x <= hi, where.constData());
                        if (integral) {
                            QVERIFY2(x == std::floor(x), where.constData());
                            QVERIFY2(k >= lo && k <= hi, where.constData());
                        }
                    }
                }
            }
        }
    }

    // Parameters that push almost everything outside: values are clamped to the edge they fell past.
    void clipping()
    {
        Random random(50);
        const auto high =
            Distribution::fromJson(spec(R"({"name": "normal", "mean": 1000, "stddev": 1})"), 0, 10, false);
        const auto low =
            Distribution::fromJson(spec(R"({"name": "normal", "mean": -1000, "stddev": 1})"), 0, 10, true);
        const auto slow =
            Distribution::fromJson(spec(R"({"name": "exponential", "lambda": 1e-9})"), 0, 1, false);
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(high.sample(random), 10.0);
            QCOMPARE(low.sampleInteger(random), 0);
            QCOMPARE(slow.sample(random), 1.0);
        }
        // Invalid parameters (validated elsewhere) fall back to the defaults rather than misbehave.
        const auto fallback =
            Distribution::fromJson(spec(R"({"name": "normal", "stddev": -1, "mean": "x"})"), 0, 60, false);
        const std::vector<double> values = draw(fallback, 51);
        QVERIFY(std::abs(mean(values) - 30) < 0.1);
        QVERIFY(std::abs(deviation(values) - 10 * 0.98657) < 0.1);
    }

    void defaultsFromRange()
    {
        // normal: mean at the midpoint, stddev span / 6 (truncated at ±3 sigma: sd × 0.98657).
        const std::vector<double> normal =
            draw(Distribution::fromJson(spec(R"({"name": "normal"})"), 100, 700, false), 60);
        qInfo("normal default [100, 700]: mean %.4f, sd %.4f", mean(normal), deviation(normal));
        QVERIFY(std::abs(mean(normal) - 400) < 1);
        QVERIFY(std::abs(deviation(normal) - 100 * 0.98657) < 1);

        // lognormal: median at min + span / 4; with 1% cut off above max the truncated CDF there is 0.5 /
        // 0.99.
        std::vector<double> lognormal =
            draw(Distribution::fromJson(spec(R"({"name": "lognormal"})"), -100, 300, false), 61);
        const double below = static_cast<double>(std::count_if(lognormal.begin(), lognormal.end(),
                                                               [](double x) { return x <= 0; })) /
                             kSamples;
        qInfo("lognormal default [-100, 300]: share below min + span/4 %.4f (expected %.4f)", below,
              0.5 / 0.99);
        QVERIFY(std::abs(below - 0.5 / 0.99) < 0.006);

        // exponential: lambda = 5 / span; the truncated mean is span (1/5 - e^-5 / (1 - e^-5)).
        const std::vector<double> exponential =
            draw(Distribution::fromJson(spec(R"({"name": "exponential"})"), 1000, 2000, false), 62);
        const double expectedMean = 1000 + 1000 * (0.2 - std::exp(-5.0) / (1 - std::exp(-5.0)));
        qInfo("exponential default [1000, 2000]: mean %.3f (expected %.3f)", mean(exponential), expectedMean);
        QVERIFY(std::abs(mean(exponential) - expectedMean) < 2);

        // poisson: lambda = span / 2, measured from min.
        const std::vector<double> poisson =
            draw(Distribution::fromJson(spec(R"({"name": "poisson"})"), 10, 70, true), 63);
        qInfo("poisson default [10, 70]: mean %.4f (expected 40)", mean(poisson));
        QVERIFY(std::abs(mean(poisson) - 40) < 0.1);

        // zipf: s = 1.1, rank 1 at min.
        const std::vector<double> zipf =
            draw(Distribution::fromJson(spec(R"({"name": "zipf"})"), -5, 994, true), 64);
        const double first = static_cast<double>(std::count(zipf.begin(), zipf.end(), -5.0)) / kSamples;
        qInfo("zipf default [-5, 994]: share at min %.4f (expected %.4f)", first, 1 / harmonic(1000, 1.1));
        QVERIFY(std::abs(first - 1 / harmonic(1000, 1.1)) < 0.004);
    }

    void deterministic()
    {
        for (const char *json : kAllKinds) {
            for (bool integral : {false, true}) {
                const auto distribution = Distribution::fromJson(spec(json), -1000, 1000, integral);
                QCOMPARE(draw(distribution, 70, 1000), draw(distribution, 70, 1000));
                QVERIFY(draw(distribution, 70, 1000) != draw(distribution, 71, 1000));
            }
        }
    }

    // sample() is const and keeps no state: threads sharing one object see exactly their serial sequences.
    void sharedBetweenThreads()
    {
        for (const char *json : kAllKinds) {
            const auto distribution = Distribution::fromJson(spec(json), 0, 5000, false);
            std::vector<std::vector<double>> parallel(4);
            std::vector<std::thread> threads;
            for (std::size_t t = 0; t < parallel.size(); ++t)
                threads.emplace_back([&, t] { parallel[t] = draw(distribution, 80 + t, 20000); });
            for (std::thread &thread : threads)
                thread.join();
            for (std::size_t t = 0; t < parallel.size(); ++t)
                QCOMPARE(parallel[t], draw(distribution, 80 + t, 20000));
        }
    }

    void fullInt64Range()
    {
        const Distribution viaDouble =
            Distribution::uniform(static_cast<double>(kInt64Min), static_cast<double>(kInt64Max), true);
        const Distribution exact = Distribution::uniformInteger(kInt64Min, kInt64Max);
        for (const Distribution *distribution : {&viaDouble, &exact}) {
            Random random(90);
            int negative = 0, lowBitSet = 0;
            qint64 smallest = kInt64Max, largest = kInt64Min;
            for (int i = 0; i < kSamples; ++i) {
                const qint64 k = distribution->sampleInteger(random);
                negative += k < 0;
                lowBitSet += k & 1;
                smallest = std::min(smallest, k);
                largest = std::max(largest, k);
            }
            // Binomial(200000, 1/2) has sd 224: 5 sd either side.
            QVERIFY(std::abs(negative - kSamples / 2) < 1120);
            QVERIFY(std::abs(lowBitSet - kSamples / 2) < 1120);
            QVERIFY(smallest < kInt64Min / 2 + kInt64Min / 4); // reaches into both outer eighths
            QVERIFY(largest > kInt64Max / 2 + kInt64Max / 4);
            QVERIFY(std::isfinite(distribution->sample(random)));
        }
        // The same stream as Random::between itself: exact, no detour through double.
        Random a(91), b(91);
        const Distribution narrow = Distribution::uniformInteger(kInt64Max - 2, kInt64Max);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(narrow.sampleInteger(a), b.between(kInt64Max - 2, kInt64Max));

        // Every shape survives the widest range without overflow.
        for (const char *json : kAllKinds) {
            const auto distribution = Distribution::fromJsonInteger(spec(json), kInt64Min, kInt64Max);
            Random random(92);
            for (int i = 0; i < 10000; ++i)
                QVERIFY(std::isfinite(distribution.sample(random)));
        }
    }

    void singleValue()
    {
        Random random(100);
        for (const char *json : kAllKinds) {
            const auto integral = Distribution::fromJson(spec(json), 0, 0, true);
            const auto real = Distribution::fromJson(spec(json), 2.5, 2.5, false);
            for (int i = 0; i < 100; ++i) {
                QCOMPARE(integral.sample(random), 0.0);
                QCOMPARE(integral.sampleInteger(random), 0);
                QCOMPARE(real.sample(random), 2.5);
            }
        }
        QCOMPARE(Distribution::uniform(0.2, 0.8, true).sampleInteger(random), 1); // collapses to ceil(min)
        const Distribution placeholder;
        QCOMPARE(placeholder.sample(random), 0.0);
        QCOMPARE(placeholder.sampleInteger(random), 0);
    }
};

QTEST_GUILESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
