using Diplotrack.Text.Learning;

namespace Diplotrack.Learning;

/// <summary>
/// Isotonic regression by pool-adjacent-violators: the monotone (non-decreasing) step function closest in squared error
/// to the observed outcomes. Chosen over Platt scaling because a confidence built from two probabilities (keep × sign)
/// need not follow a logistic curve; with few points per block it can overfit, so blocks below
/// <paramref name="minBlock"/> points are pooled with a neighbour.
/// </summary>
public static class Isotonic
{
    public static Calibration Fit(IReadOnlyList<(float Score, bool Correct)> points, int minBlock = 10)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return Calibration.Identity;
        // Equal scores form one block first: a step inside a tie would be arbitrary.
        var blocks = points.GroupBy(p => p.Score).OrderBy(g => g.Key)
            .Select(g => (Sum: g.Sum(p => (double)p.Score), Hits: g.Count(p => p.Correct), N: g.Count())).ToList();
        var stack = new List<(double Sum, int Hits, int N)>();
        foreach (var b in blocks)
        {
            stack.Add(b);
            while (stack.Count > 1)
            {
                var last = stack[^1];
                var prev = stack[^2];
                var violates = (double)prev.Hits / prev.N >= (double)last.Hits / last.N;
                if (!violates && prev.N >= minBlock) break;
                stack[^2] = (prev.Sum + last.Sum, prev.Hits + last.Hits, prev.N + last.N);
                stack.RemoveAt(stack.Count - 1);
            }
        }
        // A small last block is pooled too (the loop above only pools a small block once a later one arrives).
        while (stack.Count > 1 && stack[^1].N < minBlock)
        {
            var last = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            stack[^1] = (stack[^1].Sum + last.Sum, stack[^1].Hits + last.Hits, stack[^1].N + last.N);
        }
        return new Calibration(
            [.. stack.Select(b => (float)(b.Sum / b.N))],
            [.. stack.Select(b => (float)b.Hits / b.N)]);
    }
}

/// <summary>One bin of a reliability table: codings whose confidence falls in [From, To), their mean confidence and how many were right.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double Accuracy);

public static class Reliability
{
    /// <summary>Ten equal-width bins over [0, 1]; empty bins are left out.</summary>
    public static IReadOnlyList<ReliabilityBin> Table(IReadOnlyList<(float Confidence, bool Correct)> points, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.GroupBy(p => Math.Min(bins - 1, (int)(p.Confidence * bins))).OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin((double)g.Key / bins, (double)(g.Key + 1) / bins, g.Count(),
                g.Average(p => (double)p.Confidence), g.Average(p => p.Correct ? 1.0 : 0.0)))
            .ToList();
    }

    /// <summary>Expected calibration error: the count-weighted mean gap between confidence and accuracy over the bins.</summary>
    public static double ExpectedError(IReadOnlyList<ReliabilityBin> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.Sum(b => b.Count);
        return n == 0 ? 0 : table.Sum(b => b.Count * Math.Abs(b.MeanConfidence - b.Accuracy)) / n;
    }
}
