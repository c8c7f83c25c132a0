using Diplotrack.Data.Stance;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Tests.Stance;

/// <summary>
/// Six months of synthetic briefings by China's spokesperson: the US is spoken of warmly for three months (stances drawn
/// with mean +1), then harshly (mean −1.5), 20 statements a month. Russia is spoken of with the same distribution every
/// month: each month holds the same 20 stances (4×−1, 6×0, 6×+1, 4×+2), shuffled at random across the month's briefings,
/// so briefing-to-briefing figures are noisy while the population does not move. (Independent random draws would be a
/// non-shift too, but a fixed seed can land on an extreme month; the test's false-positive rate over many random draws is
/// checked in ChangeTestTests.) The job must find the US shift and must not find one for Russia.
/// </summary>
public class StanceShiftTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly StanceFixture _fixture = new(database);
    private readonly List<long> _usStatementsAprilToJune = [];
    private readonly List<long> _usStatementsJanuaryToMarch = [];

    public async Task InitializeAsync()
    {
        await _fixture.ResetAsync();
        var random = new Random(20240307);
        int Draw(int[] values, double[] weights)
        {
            var u = random.NextDouble();
            for (var i = 0; i < values.Length; i++)
            {
                if (u < weights[i]) return values[i];
                u -= weights[i];
            }
            return values[^1];
        }
        int[] russiaMonth = [-1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2];
        for (var month = 1; month <= 6; month++)
        {
            var russia = russiaMonth.ToArray();
            random.Shuffle(russia);
            // Four briefings a month, five statements about each target per briefing.
            foreach (var (day, briefing) in new[] { 3, 10, 17, 24 }.Select((d, b) => (d, b)))
            {
                var statements = new List<FixtureStatement>();
                for (var i = 0; i < 5; i++)
                {
                    var us = month <= 3 ? Draw([0, 1, 2], [0.25, 0.5, 0.25]) : Draw([-1, -2], [0.5, 0.5]);
                    statements.Add(FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", us, i % 2 == 0 ? "trade" : "relations"));
                    statements.Add(FixtureStatement.Answer(_fixture.ChinaSpokesperson, "RU", russia[briefing * 5 + i], "security"));
                }
                var (_, ids) = await _fixture.AddDocumentAsync(new DateOnly(2023, month, day), StanceFixture.Briefing, statements);
                (month <= 3 ? _usStatementsJanuaryToMarch : _usStatementsAprilToJune).AddRange(ids.Where((_, i) => i % 2 == 0));
            }
        }
        await _fixture.RecomputeAllAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_shift_in_stance_toward_the_US_is_found_as_significant_at_month_and_quarter_grain()
    {
        await using var db = database.CreateContext();
        var april = await db.StanceChanges.SingleAsync(c =>
            c.SpeakerActorId == "CN" && c.TargetActorId == "US" && c.Theme == "*" && c.Grain == "month" && c.CurrentPeriodStart == new DateOnly(2023, 4, 1));
        Assert.Equal(StanceChange.SignFlip, april.EventType);
        Assert.Equal("down", april.Direction);
        Assert.True(april.Significant);
        Assert.InRange(april.QValue!.Value, 0, 1e-6);
        Assert.Equal(20, april.PreviousN);
        Assert.Equal(20, april.CurrentN);
        Assert.InRange(april.DeltaStance!.Value, -3.2, -1.8);

        var quarter = await db.StanceChanges.SingleAsync(c =>
            c.SpeakerActorId == "CN" && c.TargetActorId == "US" && c.Theme == "*" && c.Grain == "quarter" && c.CurrentPeriodStart == new DateOnly(2023, 4, 1));
        Assert.True(quarter.Significant);
        Assert.Equal(60, quarter.CurrentN);

        // Within each regime the same distribution continues: no month-to-month change is significant.
        var withinRegime = await db.StanceChanges.Where(c => c.SpeakerActorId == "CN" && c.TargetActorId == "US" && c.Theme == "*"
            && c.Grain == "month" && c.CurrentPeriodStart != new DateOnly(2023, 4, 1) && c.EventType != StanceChange.FirstAppearance).ToListAsync();
        Assert.Equal(4, withinRegime.Count);
        Assert.All(withinRegime, c => Assert.False(c.Significant, $"{c.PreviousPeriodStart} -> {c.CurrentPeriodStart}: q = {c.QValue}"));
    }

    [Fact]
    public async Task A_target_spoken_of_with_the_same_distribution_throughout_shows_no_significant_change()
    {
        await using var db = database.CreateContext();
        var russia = await db.StanceChanges.Where(c => c.SpeakerActorId == "CN" && c.TargetActorId == "RU"
            && (c.EventType == StanceChange.Change || c.EventType == StanceChange.SignFlip)).ToListAsync();
        // month (5) + quarter (1) + document (23) changes, each for '*' and for 'security'
        Assert.Equal(2 * (5 + 1 + 23), russia.Count);
        Assert.All(russia, c => Assert.NotNull(c.PValue));
        // Not vacuous: briefing to briefing the figures do move, and are tested.
        Assert.Contains(russia, c => c.Grain == "document" && c.DeltaStance is <= -0.8 or >= 0.8 && c.PValue < 0.5);
        Assert.All(russia, c => Assert.False(c.Significant, $"{c.Grain} {c.Theme} {c.CurrentPeriodStart}: p = {c.PValue}, q = {c.QValue}"));
    }

    [Fact]
    public async Task The_evidence_of_the_shift_is_the_harshest_new_statements_and_the_warmest_earlier_ones()
    {
        await using var db = database.CreateContext();
        var april = await db.StanceChanges.SingleAsync(c =>
            c.TargetActorId == "US" && c.Theme == "*" && c.Grain == "month" && c.CurrentPeriodStart == new DateOnly(2023, 4, 1));
        var current = april.Evidence.Where(e => e.Side == StanceChangeEvidence.Current).OrderBy(e => e.Rank).ToList();
        var previous = april.Evidence.Where(e => e.Side == StanceChangeEvidence.Previous).OrderBy(e => e.Rank).ToList();
        Assert.Equal([1, 2, 3], current.Select(e => (int)e.Rank));
        Assert.Equal([1, 2, 3], previous.Select(e => (int)e.Rank));
        Assert.All(current, e => Assert.Equal(-2, e.Stance));
        Assert.All(previous, e => Assert.Equal(2, e.Stance));
        Assert.All(current, e => Assert.Contains(e.StatementId, _usStatementsAprilToJune));
        Assert.All(previous, e => Assert.Contains(e.StatementId, _usStatementsJanuaryToMarch));

        // The evidence statements are in the right months: April (current) and March (previous).
        var months = await db.Statements.Where(s => april.Evidence.Select(e => e.StatementId).Contains(s.Id))
            .Select(s => new { s.Id, s.Document!.Date.Month }).ToDictionaryAsync(s => s.Id, s => s.Month);
        Assert.All(current, e => Assert.Equal(4, months[e.StatementId]));
        Assert.All(previous, e => Assert.Equal(3, months[e.StatementId]));

        // Analysts read the same evidence in the same order from the reporting view: the later side first.
        var reported = await database.ScalarAsync<long[]>($"SELECT evidence_statement_ids FROM reporting.stance_changes WHERE change_id = {april.Id}");
        Assert.Equal(current.Concat(previous).Select(e => e.StatementId), reported);
    }

    [Fact]
    public async Task Observations_hold_the_count_mean_spread_salience_and_histogram_of_each_period()
    {
        await using var db = database.CreateContext();
        var all = await db.StanceObservations.Where(o => o.SpeakerActorId == "CN" && o.TargetActorId == "US" && o.Grain == "month" && o.Theme == "*")
            .OrderBy(o => o.PeriodStart).ToListAsync();
        Assert.Equal(6, all.Count);
        foreach (var o in all)
        {
            Assert.Equal(20, o.NStatements);
            Assert.Equal(40, o.SpeakerStatements); // 20 about the US and 20 about Russia
            Assert.Equal(0.5, o.Salience);
            Assert.Equal(o.NStatements, o.NHostile + o.NCritical + o.NNeutral + o.NPositive + o.NCooperative);
            var mean = (-2.0 * o.NHostile - o.NCritical + o.NPositive + 2.0 * o.NCooperative) / o.NStatements;
            Assert.Equal(mean, o.StanceIndex, 12);
            Assert.NotNull(o.StanceSd);
            Assert.Equal(Math.Sqrt(o.StanceVariance!.Value), o.StanceSd!.Value, 12);
            Assert.Equal([1], o.CodebookVersions);
            Assert.False(o.IsSelfReference);
        }
        // Per theme: half the US statements are on trade, so a theme's salience is its share of all the speaker's statements.
        var trade = await db.StanceObservations.SingleAsync(o => o.TargetActorId == "US" && o.Grain == "month" && o.Theme == "trade" && o.PeriodStart == new DateOnly(2023, 1, 1));
        Assert.Equal(12, trade.NStatements); // statements 0, 2, 4 of each of four briefings
        Assert.Equal(12.0 / 40, trade.Salience, 12);
        // Grains: 24 documents, 6 months, 2 quarters, 1 year.
        var grains = await db.StanceObservations.Where(o => o.TargetActorId == "US" && o.Theme == "*")
            .GroupBy(o => o.Grain).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(new Dictionary<string, int> { ["document"] = 24, ["month"] = 6, ["quarter"] = 2, ["year"] = 1 }, grains);
    }
}
