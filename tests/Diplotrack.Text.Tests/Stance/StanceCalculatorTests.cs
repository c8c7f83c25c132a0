using Diplotrack.Text.Stance;

namespace Diplotrack.Text.Tests.Stance;

/// <summary>The in-memory half of the stance job, without a database: what the job's diff relies on.</summary>
public class StanceCalculatorTests
{
    private static List<StanceStatement> Statements(int count, int seed)
    {
        var random = new Random(seed);
        string[] targets = ["US", "JP", "RU", "CN", "PH"], themes = ["trade", "security", "relations", "sovereignty"];
        return Enumerable.Range(1, count).Select(i =>
        {
            var document = random.Next(1, 40);
            var date = new DateOnly(2023, 1, 1).AddDays(document * 9);
            var picked = targets.OrderBy(_ => random.Next()).Take(random.Next(0, 3))
                .Select(t => new StanceTarget(t, (short)random.Next(-2, 3))).ToList();
            return new StanceStatement(i, random.Next(5) == 0 ? "US" : "CN", document % 7 == 0 ? "npc-press-conference" : "regular-briefing",
                document, date, random.Next(1, 3), themes.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray(), picked);
        }).ToList();
    }

    [Fact]
    public void The_rows_and_their_hashes_do_not_depend_on_the_order_of_the_statements()
    {
        var statements = Statements(600, seed: 7);
        var first = StanceCalculator.Compute(statements, 0.05);
        var shuffled = StanceCalculator.Compute(statements.OrderBy(s => (s.Id * 7919) % 613).ToList(), 0.05);

        Assert.NotEmpty(first.Changes);
        Assert.Equal(first.Observations.Select(o => o.ContentHash).Order(), shuffled.Observations.Select(o => o.ContentHash).Order());
        Assert.Equal(first.Changes.Select(c => c.ContentHash).Order(), shuffled.Changes.Select(c => c.ContentHash).Order());
        Assert.Equal(first.Observations.Count, first.Observations.Select(o => o.ContentHash).Distinct().Count());
    }

    [Fact]
    public void A_different_stance_changes_the_hash_of_exactly_the_rows_it_feeds()
    {
        var statements = Statements(300, seed: 11);
        var changed = statements.Select(s => s.Id == 150 && s.Targets.Count > 0
            ? s with { Targets = [s.Targets[0] with { Stance = (short)(s.Targets[0].Stance == 2 ? -2 : 2) }, .. s.Targets.Skip(1)] }
            : s).ToList();
        var target = statements.Single(s => s.Id == 150).Targets.FirstOrDefault().ActorId;
        Assert.NotNull(target);

        var before = StanceCalculator.Compute(statements, 0.05).Observations.ToDictionary(o => o.ContentHash);
        var after = StanceCalculator.Compute(changed, 0.05).Observations;

        // The statement's target changes in its document, month, quarter and year, under '*' and each of its themes;
        // every other observation keeps its hash, so the job leaves those rows alone.
        var moved = after.Where(o => !before.ContainsKey(o.ContentHash)).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, o => Assert.Equal(target, o.TargetActorId));
        Assert.Equal(4, moved.Where(o => o.Theme == "*").Select(o => o.Grain).Distinct().Count());
    }

    [Fact]
    public void A_statement_without_targets_counts_in_its_speakers_denominator()
    {
        var date = new DateOnly(2024, 3, 7);
        StanceStatement Statement(long id, params StanceTarget[] targets) =>
            new(id, "CN", "regular-briefing", 1, date, 1, ["trade"], targets);

        var result = StanceCalculator.Compute([Statement(1, new StanceTarget("US", -1)), Statement(2), Statement(3), Statement(4)], 0.05);

        var us = result.Observations.Single(o => o.Grain == StanceCalculator.Document && o.TargetActorId == "US" && o.Theme == "*");
        Assert.Equal(4, us.SpeakerStatements);
        Assert.Equal(0.25, us.Salience);
        Assert.Equal(-1.0, us.StanceIndex);
    }
}
