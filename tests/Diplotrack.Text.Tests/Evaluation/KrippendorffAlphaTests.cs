using Diplotrack.Text.Evaluation;

namespace Diplotrack.Text.Tests.Evaluation;

/// <summary>Alpha against the worked examples of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".</summary>
public sealed class KrippendorffAlphaTests
{
    // Section C: four observers, twelve units, missing values (rows are units, columns observers A–D).
    private static readonly double?[][] FourObservers =
    [
        [1, 1, null, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [null, 5, 5, 5], [null, null, 1, 1], [null, 3, null, null],
    ];

    [Theory]
    [InlineData(AlphaMetric.Nominal, 0.743)]
    [InlineData(AlphaMetric.Ordinal, 0.815)]
    [InlineData(AlphaMetric.Interval, 0.849)]
    public void Four_observers_with_missing_values_give_the_published_alphas(AlphaMetric metric, double expected) =>
        Assert.Equal(expected, KrippendorffAlpha.Compute(FourObservers, metric), 3);

    [Fact]
    public void Two_observers_binary_data_give_the_published_alpha()
    {
        // Section A: α = 1 − (n−1)·o₀₁·2 / (2·n₀·n₁) = 1 − 19·8/(2·14·6) = 0.095.
        double[] a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        double[] b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        Assert.Equal(0.095, KrippendorffAlpha.Compute(a.Zip(b), AlphaMetric.Nominal), 3);
    }

    [Fact]
    public void Perfect_agreement_is_one_and_a_single_used_value_is_undefined()
    {
        Assert.Equal(1.0, KrippendorffAlpha.Compute([(0.0, 0.0), (1, 1), (2, 2)], AlphaMetric.Interval), 10);
        Assert.True(double.IsNaN(KrippendorffAlpha.Compute([(1.0, 1.0), (1, 1)], AlphaMetric.Nominal)));
        Assert.True(double.IsNaN(KrippendorffAlpha.Compute([(IReadOnlyList<double?>)[1.0, null]], AlphaMetric.Nominal)));
    }

    [Fact]
    public void Interval_alpha_weighs_a_near_miss_less_than_nominal_alpha()
    {
        // −1 vs −2 is a near miss on the stance scale: interval alpha forgives it more than nominal alpha does.
        (double, double)[] pairs = [(-2, -1), (-1, -1), (0, 0), (1, 1), (2, 2), (0, 0), (-2, -2), (1, 2)];
        Assert.True(KrippendorffAlpha.Compute(pairs, AlphaMetric.Interval) > KrippendorffAlpha.Compute(pairs, AlphaMetric.Nominal));
    }
}
