using Diplotrack.Text.Evaluation;

namespace Diplotrack.Text.Tests.Evaluation;

/// <summary>The scorer on small hand-computed cases (shared/eval/README.md matching and counting rules).</summary>
public sealed class GoldScorerTests
{
    private static GoldStatement G(string text, string kind, string themes, params (string Actor, int Stance)[] targets) =>
        new(text, kind, "", [.. targets.Select(t => new GoldTarget(t.Actor, t.Stance, "explicit"))], themes.Split(','));

    private static SystemStatement S(string text, string kind, string themes, params (string Actor, int Stance)[] targets) =>
        new(text, kind, targets.ToDictionary(t => t.Actor, t => t.Stance), themes.Split(','));

    private static readonly IReadOnlyList<GoldStatement> Gold =
    [
        G("美方应停止干涉中国内政。", "answer", "sovereignty", ("US", -1)),
        G("中方愿同俄方加强合作。", "answer", "relations,economy", ("RU", 1), ("CN", 1)),
        G("你提到的报道我没有看到。", "answer", "other"),
        G("美方对此有何评论？", "question", "relations", ("US", 0)),
    ];

    private static readonly IReadOnlyList<SystemStatement> System =
    [
        S("美方应停止干涉中国内政。", "answer", "sovereignty,relations", ("US", -2)),
        S("中方愿同俄方加强合作。", "answer", "relations", ("RU", 1), ("CN", 1), ("US", 0)),
        S("你提到的报道我没有看到。", "answer", "relations", ("US", 0)),
        S("记者：美方对此有何评论？", "question", "relations", ("US", -1)),   // "记者：" keeps it above 80%? 9/12 = 0.75: unmatched
    ];

    [Fact]
    public void Targets_stance_and_themes_are_counted_over_pairs()
    {
        var r = GoldScorer.Score([("d", Gold, System)], new ScoreOptions());
        Assert.Equal(3, r.Matched);
        // Targets: system pairs US, RU, CN, US, US, US = 6; correct US, RU, CN = 3; gold US, RU, CN, US = 4.
        Assert.Equal(new PrfScore(3, 6, 4), r.Targets);
        Assert.Equal(new PrfScore(2, 5, 3), r.TargetsWithoutSelf);
        // Stance over US(-1 vs -2), RU(1 vs 1), CN(1 vs 1): exact 2/3, within one 3/3, 3-class 3/3.
        Assert.Equal((3, 2, 3, 3), (r.Stance.Pairs, r.Stance.Exact, r.Stance.WithinOne, r.Stance.SameClass));
        Assert.Equal(1, r.Stance.Confusion[-1 + 2][-2 + 2]);
        Assert.Equal(2, r.StanceWithoutSelf.Pairs);
        // Themes: system 2+1+1+1 = 5, correct sovereignty + relations = 2, gold 1+2+1+1 = 5.
        Assert.Equal(new PrfScore(2, 5, 5), r.Themes);
        Assert.Equal(new PrfScore(1, 4, 2), r.ThemesByClass["relations"]);
        Assert.Equal(new PrfScore(0, 0, 1), r.ThemesByClass["other"]);
    }

    [Fact]
    public void Kinds_restrict_both_sides_and_the_worst_statements_come_first()
    {
        var r = GoldScorer.Score([("d", Gold, System)], new ScoreOptions { Kinds = ScoreOptions.AnswerAndOpening, Worst = 2 });
        Assert.Equal((3, 3, 3), (r.GoldStatements, r.SystemStatements, r.Matched));
        Assert.Equal(new PrfScore(3, 5, 3), r.Targets);
        // Errors: first sentence 1 (stance) + 1 (extra theme) = 2; second 1 (extra US) + 1 (missed economy) = 2; third 1 + 2 = 3.
        Assert.Equal(["你提到的报道我没有看到。", "美方应停止干涉中国内政。"], r.Worst.Select(w => w.Text));
        Assert.Equal(3, r.Worst[0].Errors);
    }

    [Fact]
    public void Documents_are_pooled_pair_by_pair()
    {
        var one = GoldScorer.Score([("a", Gold, System)], new ScoreOptions());
        var two = GoldScorer.Score([("a", Gold, System), ("b", Gold, System)], new ScoreOptions());
        Assert.Equal(one.Targets + one.Targets, two.Targets);
        Assert.Equal(one.Themes.F1, two.Themes.F1, 10);
    }

    [Fact]
    public void Matching_is_one_to_one_equal_texts_first_then_the_highest_ratio()
    {
        // The highlight repeats the answer: the equal text takes the answer, the near text the highlight.
        var m = GoldScorer.Match(["我们将更加开放包容。", "“我们将更加开放包容。”"], ["“我们将更加开放包容。”", "我们将更加开放包容。"]);
        Assert.Equal(1, m[0]);
        Assert.Equal(0, m[1]);
    }
}
