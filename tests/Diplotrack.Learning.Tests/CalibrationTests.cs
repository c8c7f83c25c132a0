using Diplotrack.Text.Learning;

namespace Diplotrack.Learning.Tests;

public sealed class CalibrationTests
{
    [Fact]
    public void Isotonic_calibration_is_monotone()
    {
        // Noisy outcomes whose true rate rises with the score, with local reversals that PAV must pool.
        var random = new Random(7);
        var points = Enumerable.Range(0, 2000).Select(_ =>
        {
            var s = (float)random.NextDouble();
            return (s, random.NextDouble() < 0.2 + 0.6 * s + 0.1 * Math.Sin(40 * s));
        }).ToList();
        var fit = Isotonic.Fit(points);
        for (var i = 1; i < fit.Scores.Count; i++)
        {
            Assert.True(fit.Scores[i] > fit.Scores[i - 1]);
            Assert.True(fit.Rates[i] > fit.Rates[i - 1]);
        }
        var previous = -1f;
        for (var x = 0f; x <= 1f; x += 0.01f)
        {
            var y = fit.Apply(x);
            Assert.InRange(y, previous, 1f);
            previous = y;
        }
        // And it means something: on the data it was fitted to, codings at about 0.7 are right about 70% of the time.
        var near = points.Where(p => Math.Abs(fit.Apply(p.Item1) - 0.7f) < 0.1f).ToList();
        Assert.InRange(near.Average(p => p.Item2 ? 1.0 : 0.0), 0.6, 0.8);
    }

    [Fact]
    public void Small_blocks_are_pooled()
    {
        var fit = Isotonic.Fit([(0.1f, false), (0.2f, true), (0.3f, false), (0.9f, true)], minBlock: 10);
        Assert.Single(fit.Scores);
        Assert.Equal(0.5f, fit.Rates[0]);
    }

    [Fact]
    public void Reliability_bins_count_every_coding()
    {
        var table = Reliability.Table([(0.05f, false), (0.95f, true), (1f, true), (0.55f, true), (0.51f, false)]);
        Assert.Equal(5, table.Sum(b => b.Count));
        Assert.Equal(0.5, table.Single(b => b.From == 0.5).Accuracy);
        Assert.Equal(1.0, table.Last().To);
    }
}
