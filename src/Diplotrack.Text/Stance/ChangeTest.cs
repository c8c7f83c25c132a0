using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Diplotrack.Text.Stance;

/// <summary>The outcome of testing one change: two-sided p and how it was computed.</summary>
public readonly record struct ChangeTestResult(double PValue, string Method);

/// <summary>
/// Permutation test of the difference in mean stance between two periods (docs/decisions/0005-stance-change-test.md).
/// Stance takes five values, so each side is a histogram over −2..+2 and the exact permutation distribution is a sum
/// over the ways to split each value's pooled count between the sides: cheap to enumerate for the small samples a
/// briefing produces, and valid at any n (n = 1, zero variance, heavy ties) where a t-test is not. For large samples
/// the permutation distribution's own mean and variance give a normal approximation.
/// </summary>
public static class ChangeTest
{
    public const string ExactMethod = "permutation-exact";
    public const string NormalMethod = "permutation-normal";

    /// <summary>Above this many splits to enumerate, the normal approximation is used (it is then accurate).</summary>
    public const long ExactLimit = 250_000;

    private static readonly int[] Values = [-2, -1, 0, 1, 2];

    /// <param name="previous">Counts of stance −2, −1, 0, +1, +2 in the earlier period.</param>
    /// <param name="current">The same for the later period.</param>
    public static ChangeTestResult MeanDifference(IReadOnlyList<int> previous, IReadOnlyList<int> current) =>
        MeanDifference(previous, current, allowExact: true);

    /// <param name="allowExact">False forces the normal approximation (tests compare it with the exact test).</param>
    internal static ChangeTestResult MeanDifference(IReadOnlyList<int> previous, IReadOnlyList<int> current, bool allowExact)
    {
        var (pooled, n, total, pooledSum, observed) = Summarise(previous, current);
        return Evaluate(pooled, n, total, pooledSum, observed, allowExact);
    }

    private static (int[] Pooled, int N, int Total, long PooledSum, long Observed) Summarise(IReadOnlyList<int> previous, IReadOnlyList<int> current)
    {
        if (previous.Count != 5 || current.Count != 5) throw new ArgumentException("A stance histogram has five bins (−2..+2).");
        int n1 = previous.Sum(), n2 = current.Sum();
        if (n1 <= 0 || n2 <= 0) throw new ArgumentException("Both periods need at least one statement.");

        // Enumerate the smaller side: fewer splits, same distribution of the difference.
        var small = n1 <= n2 ? previous : current;
        int n = Math.Min(n1, n2), total = n1 + n2;
        var pooled = new int[5];
        long pooledSum = 0, smallSum = 0;
        for (var j = 0; j < 5; j++)
        {
            pooled[j] = previous[j] + current[j];
            pooledSum += (long)Values[j] * pooled[j];
            smallSum += (long)Values[j] * small[j];
        }
        // |mean_small − mean_other| is monotone in |total·S − n·T|: integers, so ties compare exactly.
        var observed = Math.Abs(total * smallSum - n * pooledSum);
        return (pooled, n, total, pooledSum, observed);
    }

    /// <summary>
    /// The test given what it depends on: the pooled histogram, the smaller side's size and the observed statistic.
    /// Everything below is a function of these alone, so results can be shared between changes (<see cref="Memo"/>).
    /// </summary>
    private static ChangeTestResult Evaluate(int[] pooled, int n, int total, long pooledSum, long observed, bool allowExact)
    {
        if (allowExact && Combinations(n) <= ExactLimit)
            return new ChangeTestResult(Math.Min(1.0, ExactTail(pooled, n, total, pooledSum, observed)), ExactMethod);

        var mean = (double)pooledSum / total;
        var squares = 0.0;
        for (var j = 0; j < 5; j++) squares += pooled[j] * (Values[j] - mean) * (Values[j] - mean);
        // Variance of a sum of n draws without replacement from the pooled values.
        var variance = (double)n * (total - n) / ((double)total * (total - 1)) * squares;
        if (variance <= 0) return new ChangeTestResult(1.0, NormalMethod);
        // The statistic is an integer sum: a continuity correction of half a step brings the tail close to the exact one.
        var z = Math.Max(0, observed / (double)total - 0.5) / Math.Sqrt(variance);
        return new ChangeTestResult(Math.Min(1.0, 2 * Normal.CDF(0, 1, -z)), NormalMethod);
    }

    /// <summary>
    /// <see cref="MeanDifference(IReadOnlyList{int}, IReadOnlyList{int})"/> with results remembered for one run. A full
    /// recompute tests hundreds of thousands of changes, but stance has five values and briefing samples are small, so
    /// the distinct (pooled histogram, smaller side, observed statistic) triples number a few thousand: each exact
    /// enumeration runs once instead of once per change. Returns bit-identical results (the same computation on the same
    /// inputs). Not thread-safe: one instance per run.
    /// </summary>
    public sealed class Memo
    {
        private readonly Dictionary<(int, int, int, int, int, int, long), ChangeTestResult> _results = [];

        public int Distinct => _results.Count;

        public ChangeTestResult MeanDifference(IReadOnlyList<int> previous, IReadOnlyList<int> current)
        {
            var (pooled, n, total, pooledSum, observed) = Summarise(previous, current);
            var key = (pooled[0], pooled[1], pooled[2], pooled[3], pooled[4], n, observed);
            if (!_results.TryGetValue(key, out var result))
            {
                result = Evaluate(pooled, n, total, pooledSum, observed, allowExact: true);
                _results.Add(key, result);
            }
            return result;
        }
    }

    /// <summary>An upper bound on the splits to enumerate: compositions of n into five parts.</summary>
    private static long Combinations(int n) => (long)(n + 4) * (n + 3) * (n + 2) * (n + 1) / 24;

    private static double ExactTail(int[] pooled, int n, int total, long pooledSum, long observed)
    {
        var logTotal = SpecialFunctions.BinomialLn(total, n);
        // log C(pooled_j, k) for every k the walk can take: a table lookup per node instead of three log-gammas.
        var logChoose = new double[5][];
        for (var j = 0; j < 5; j++)
        {
            logChoose[j] = new double[Math.Min(pooled[j], n) + 1];
            for (var k = 0; k < logChoose[j].Length; k++) logChoose[j][k] = SpecialFunctions.BinomialLn(pooled[j], k);
        }
        var tail = 0.0;
        // Depth-first over k0..k4 with k_j <= pooled_j and Σk = n; weight Π C(pooled_j, k_j) / C(total, n).
        void Walk(int j, int remaining, long sum, double logWeight)
        {
            if (j == 4)
            {
                if (remaining > pooled[4]) return;
                var s = sum + (long)Values[4] * remaining;
                // A tiny tolerance is unnecessary: the statistic is an exact integer.
                if (Math.Abs(total * s - n * pooledSum) >= observed) tail += Math.Exp(logWeight + logChoose[4][remaining] - logTotal);
                return;
            }
            var max = Math.Min(pooled[j], remaining);
            for (var kj = 0; kj <= max; kj++)
            {
                Walk(j + 1, remaining - kj, sum + (long)Values[j] * kj, logWeight + logChoose[j][kj]);
            }
        }
        Walk(0, n, 0, 0.0);
        return tail;
    }

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values (q-values), in the input order. Controls the false discovery rate over a
    /// family of tests; ties get the same q whatever their order, so the result is reproducible.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var q = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            q[i] = Math.Min(1.0, running);
        }
        return q;
    }
}
