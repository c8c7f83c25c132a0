namespace Diplotrack.Text.Evaluation;

/// <summary>The difference function of Krippendorff's alpha: which disagreements count how much.</summary>
public enum AlphaMetric
{
    /// <summary>Categories: any two different values disagree equally (targets present or not, themes).</summary>
    Nominal,
    /// <summary>Ranks: the distance between two values grows with how many coded values lie between them.</summary>
    Ordinal,
    /// <summary>Equal intervals: squared difference (stance −2..+2 read as a scale).</summary>
    Interval,
}

/// <summary>
/// Krippendorff's alpha for any number of coders, missing values allowed (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"): α = 1 − D_o / D_e from the coincidence matrix of the pairable values. Units with fewer than two
/// values are not pairable and are left out, as the method prescribes.
/// </summary>
public static class KrippendorffAlpha
{
    /// <param name="units">One array per unit: the value each coder gave, null where a coder gave none.</param>
    /// <returns>Alpha, or NaN when there is nothing to compare (no pairable unit, or only one value used at all).</returns>
    public static double Compute(IEnumerable<IReadOnlyList<double?>> units, AlphaMetric metric)
    {
        var coincidence = new Dictionary<(double, double), double>();
        foreach (var unit in units)
        {
            var values = unit.Where(v => v.HasValue).Select(v => v!.Value).ToList();
            var m = values.Count;
            if (m < 2) continue;
            for (var i = 0; i < m; i++)
                for (var j = 0; j < m; j++)
                    if (i != j)
                    {
                        var key = (values[i], values[j]);
                        coincidence[key] = coincidence.GetValueOrDefault(key) + 1.0 / (m - 1);
                    }
        }
        var categories = coincidence.Keys.Select(k => k.Item1).Distinct().Order().ToList();
        if (categories.Count == 0) return double.NaN;
        var marginal = categories.ToDictionary(c => c, c => categories.Sum(k => coincidence.GetValueOrDefault((c, k))));
        var n = marginal.Values.Sum();
        if (categories.Count == 1) return double.NaN;   // all values equal: agreement is perfect but alpha is undefined (0/0)

        double Delta(double c, double k) => metric switch
        {
            AlphaMetric.Nominal => c == k ? 0 : 1,
            AlphaMetric.Interval => (c - k) * (c - k),
            AlphaMetric.Ordinal => Ordinal(c, k),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        // Ordinal distance: the values coded between c and k, each end counted half (over the coincidence marginals).
        double Ordinal(double c, double k)
        {
            if (c == k) return 0;
            var (lo, hi) = c < k ? (c, k) : (k, c);
            var sum = categories.Where(g => g >= lo && g <= hi).Sum(g => marginal[g]) - (marginal[lo] + marginal[hi]) / 2;
            return sum * sum;
        }

        double observed = 0, expected = 0;
        foreach (var c in categories)
            foreach (var k in categories)
            {
                var d = Delta(c, k);
                observed += coincidence.GetValueOrDefault((c, k)) * d;
                expected += marginal[c] * marginal[k] * d;
            }
        if (expected == 0) return double.NaN;
        return 1 - (n - 1) * observed / expected;
    }

    /// <summary>Two coders, both values present for every unit.</summary>
    public static double Compute(IEnumerable<(double A, double B)> pairs, AlphaMetric metric) =>
        Compute(pairs.Select(p => (IReadOnlyList<double?>)[p.A, p.B]), metric);
}
