using Diplotrack.Text.Stance;

namespace Diplotrack.Text.Tests.Stance;

/// <summary>The permutation test and the false-discovery-rate adjustment behind <c>stance_changes.significant</c>.</summary>
public class ChangeTestTests
{
    // Histograms are counts of stance −2, −1, 0, +1, +2.

    [Fact]
    public void Three_positive_statements_then_three_negative_have_the_exact_permutation_p_of_two_in_twenty()
    {
        // Of the C(6,3) = 20 ways to split the six statements, only the observed split and its mirror are as extreme.
        var result = ChangeTest.MeanDifference([0, 0, 0, 3, 0], [0, 3, 0, 0, 0]);
        Assert.Equal(ChangeTest.ExactMethod, result.Method);
        Assert.Equal(0.1, result.PValue, 12);
    }

    [Fact]
    public void Identical_periods_and_single_statements_are_never_significant()
    {
        Assert.Equal(1.0, ChangeTest.MeanDifference([1, 2, 3, 2, 1], [1, 2, 3, 2, 1]).PValue, 12);
        Assert.Equal(1.0, ChangeTest.MeanDifference([0, 0, 0, 0, 1], [1, 0, 0, 0, 0]).PValue, 12);
        Assert.Equal(1.0, ChangeTest.MeanDifference([0, 0, 4, 0, 0], [0, 0, 7, 0, 0]).PValue, 12);
    }

    [Fact]
    public void A_one_point_shift_with_twenty_statements_a_side_is_significant_and_the_test_is_symmetric()
    {
        var before = new[] { 0, 0, 5, 10, 5 };
        var after = new[] { 0, 5, 10, 5, 0 };
        var forward = ChangeTest.MeanDifference(before, after);
        Assert.InRange(forward.PValue, 0, 0.001);
        Assert.Equal(forward.PValue, ChangeTest.MeanDifference(after, before).PValue, 12);
    }

    [Fact]
    public void The_normal_approximation_used_for_large_samples_agrees_with_the_exact_test()
    {
        // 40 statements a side: below the exact limit, so both can be computed and compared.
        int[] before = [3, 6, 12, 12, 7], after = [6, 9, 12, 9, 4];
        var exact = ChangeTest.MeanDifference(before, after);
        var normal = ChangeTest.MeanDifference(before, after, allowExact: false);
        Assert.Equal(ChangeTest.ExactMethod, exact.Method);
        Assert.Equal(ChangeTest.NormalMethod, normal.Method);
        Assert.InRange(exact.PValue, 0.01, 0.5);
        Assert.InRange(normal.PValue / exact.PValue, 0.9, 1.1);
        // Beyond the limit the approximation is chosen on its own.
        Assert.Equal(ChangeTest.NormalMethod, ChangeTest.MeanDifference([30, 30, 30, 30, 30], [20, 40, 30, 30, 30]).Method);
    }

    [Fact]
    public void Under_no_change_the_test_rejects_at_most_about_five_percent_of_the_time()
    {
        // 4,000 pairs of small samples from one ordinal distribution (fixed seed: the run is reproducible).
        var random = new Random(7);
        double[] weights = [0.1, 0.2, 0.35, 0.25, 0.1];
        int[] Sample(int n)
        {
            var h = new int[5];
            for (var i = 0; i < n; i++)
            {
                var u = random.NextDouble();
                var j = 0;
                while (j < 4 && u >= weights[j]) u -= weights[j++];
                h[j]++;
            }
            return h;
        }
        var rejections = 0;
        const int runs = 4000;
        for (var r = 0; r < runs; r++)
            if (ChangeTest.MeanDifference(Sample(random.Next(2, 30)), Sample(random.Next(2, 30))).PValue <= 0.05) rejections++;
        Assert.InRange(rejections / (double)runs, 0.02, 0.06);
    }

    [Fact]
    public void The_memoised_test_the_recompute_uses_gives_exactly_the_same_p_values_as_the_direct_test()
    {
        // Random histograms of the sizes briefings produce (1..60 a side, so both the exact and the normal branch), with
        // repeats and mirrored pairs so that remembered results are reused; equality is bit-for-bit, not approximate.
        var random = new Random(11);
        int[] Histogram()
        {
            var h = new int[5];
            var n = random.Next(1, random.Next(2) == 0 ? 12 : 61);
            for (var i = 0; i < n; i++) h[random.Next(random.Next(2) == 0 ? 5 : 3)]++;
            return h;
        }
        var pairs = Enumerable.Range(0, 3000).Select(_ => (Previous: Histogram(), Current: Histogram())).ToList();
        pairs.AddRange(pairs.Take(500).Select(p => (p.Current, p.Previous)));
        pairs.AddRange(pairs.Take(500));
        var memo = new ChangeTest.Memo();
        foreach (var (previous, current) in pairs)
        {
            var direct = ChangeTest.MeanDifference(previous, current);
            var remembered = memo.MeanDifference(previous, current);
            Assert.Equal(direct.Method, remembered.Method);
            Assert.Equal(BitConverter.DoubleToInt64Bits(direct.PValue), BitConverter.DoubleToInt64Bits(remembered.PValue));
        }
        Assert.Contains(pairs, p => ChangeTest.MeanDifference(p.Previous, p.Current).Method == ChangeTest.NormalMethod);
        Assert.InRange(memo.Distinct, 1, 3000);
        Assert.Throws<ArgumentException>(() => memo.MeanDifference([0, 0, 0, 0, 0], [1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Benjamini_Hochberg_adjusts_in_input_order_and_gives_ties_the_same_q()
    {
        var q = ChangeTest.BenjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.02, 0.04, 0.04, 0.02], q.Select(v => Math.Round(v, 12)));
        Assert.Equal([0.75, 0.75, 1.0], ChangeTest.BenjaminiHochberg([0.5, 0.5, 1.0]));
        Assert.Empty(ChangeTest.BenjaminiHochberg([]));
    }

    [Fact]
    public void Malformed_histograms_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ChangeTest.MeanDifference([1, 2, 3], [1, 2, 3, 4, 5]));
        Assert.Throws<ArgumentException>(() => ChangeTest.MeanDifference([0, 0, 0, 0, 0], [1, 2, 3, 4, 5]));
    }
}
