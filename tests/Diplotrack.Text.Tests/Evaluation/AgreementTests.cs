using Diplotrack.Text.Evaluation;

namespace Diplotrack.Text.Tests.Evaluation;

public sealed class AgreementTests
{
    private static GoldStatement G(int index, string themes, params (string Actor, int Stance)[] targets) =>
        new($"句{index}。", "answer", "", [.. targets.Select(t => new GoldTarget(t.Actor, t.Stance, "explicit"))], themes.Split(','), index);

    [Fact]
    public void Two_identical_passes_agree_perfectly()
    {
        IReadOnlyList<GoldStatement> a = [G(0, "relations", ("US", -1)), G(1, "other"), G(2, "economy", ("RU", 1), ("CN", 1))];
        var r = Agreement.Compute([("d", a, a)]);
        Assert.Equal(3, r.PairedStatements);
        Assert.All(r.Fields.Where(f => !double.IsNaN(f.Alpha)), f => Assert.Equal(1.0, f.Alpha, 10));
    }

    [Fact]
    public void Presence_units_cover_every_actor_of_the_document_and_stance_only_shared_pairs()
    {
        IReadOnlyList<GoldStatement> a = [G(0, "relations", ("US", -1)), G(1, "other"), G(2, "relations", ("US", 0))];
        IReadOnlyList<GoldStatement> b = [G(0, "relations", ("US", -2)), G(1, "other", ("US", 0)), G(2, "relations")];
        var r = Agreement.Compute([("d", a, b)]);
        var presence = r.Fields.Single(f => f.Field == "target presence (all actors)");
        // Units (statement × US): (1,1), (0,1), (1,0): values 1,1,0,1,1,0 → o₁₁ = 2, o₀₁ = o₁₀ = 2, n₁ = 4, n₀ = 2, n = 6;
        // α = 1 − (n−1)·(o₀₁+o₁₀)/(2·n₀·n₁) = 1 − 5·4/16 = −0.25.
        Assert.Equal(3, presence.Units);
        Assert.Equal(-0.25, presence.Alpha, 10);
        Assert.Equal(1, r.Fields.First(f => f.Field == "stance (all actors)").Units);
    }

    [Fact]
    public void Without_indexes_statements_pair_by_text()
    {
        IReadOnlyList<GoldStatement> a = [G(0, "other") with { Index = null }, G(1, "other") with { Index = null }];
        IReadOnlyList<GoldStatement> b = [G(1, "other") with { Index = null }];
        var r = Agreement.Compute([("d", a, b)]);
        Assert.Equal((1, 1), (r.PairedStatements, r.UnpairedStatements));
    }
}
