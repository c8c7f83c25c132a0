using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Learning;

/// <summary>Who decides a target's stance when rules and model disagree (ADR 0030 measures each).</summary>
public enum StanceDecision
{
    /// <summary>The rules' stance, always.</summary>
    Rules,
    /// <summary>The model's stance, always.</summary>
    Model,
    /// <summary>The rules when a diplomatic formula or a rhetorical pattern fired, the model otherwise.</summary>
    RulesWhenFormula,
    /// <summary>The rules when any cue fired, the model otherwise.</summary>
    RulesWhenCue,
}

/// <summary>Who decides themes.</summary>
public enum ThemeDecision { Rules, Model }

/// <summary>How the learned layer combines with the rules. <see cref="Default"/> is what ADR 0030 measured best.</summary>
public sealed record LearnedPolicy
{
    public StanceDecision Stance { get; init; } = StanceDecision.RulesWhenFormula;
    public ThemeDecision Themes { get; init; } = ThemeDecision.Model;
    /// <summary>Drop a rule-proposed target whose keep probability is below this; 0 keeps every target.</summary>
    public float DropBelow { get; init; } = 0.4f;
    /// <summary>Only contextual targets may be dropped (explicit ones name the actor in the sentence).</summary>
    public bool DropContextualOnly { get; init; }
    /// <summary>A theme is kept at this probability or more (the most probable one always is).</summary>
    public float ThemeAt { get; init; } = 0.4f;

    public static readonly LearnedPolicy Default = new();
    public static readonly LearnedPolicy RulesOnly = new() { Stance = StanceDecision.Rules, Themes = ThemeDecision.Rules, DropBelow = 0f };
    /// <summary>The model decides stance, themes and keep/drop: reported beside the kept policy so a retrain shows what the rules still add.</summary>
    public static readonly LearnedPolicy ModelAlone = new() { Stance = StanceDecision.Model };
}

/// <summary>
/// The learned layer over the rule coder (issue #12 part 4, ADR 0030): takes the rules' coding of a document and re-decides
/// which proposed targets to keep, their stance and the statement's themes, with calibrated confidences. Scores the
/// exported linear weights in plain C# — no ML runtime at coding time. Thread-safe.
/// </summary>
public sealed class LearnedCoder
{
    private readonly LearnedModel _model;
    private readonly LearnedFeatures _features;
    private readonly LearnedPolicy _policy;
    private readonly LinearHead? _stance, _filter;
    private readonly (string Theme, LinearHead Head)[] _themes;
    private readonly PackedHeads _packed;

    public LearnedCoder(LearnedModel model, CodebookData codebook, LearnedPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _features = new LearnedFeatures(codebook, model.Bits);
        _policy = policy ?? LearnedPolicy.Default;
        _stance = model.Head(LearnedModel.StanceHead);
        _filter = model.Head(LearnedModel.FilterHead);
        _themes = [.. model.Themes.Select(t => (t, model.Heads[LearnedModel.ThemePrefix + t]))];
        _packed = PackedHeads.For(model, [.. new[] { _stance, _filter }.OfType<LinearHead>(), .. _themes.Select(t => t.Head)]);
    }

    /// <summary>The model's version, to store with each coding beside the codebook version.</summary>
    public string ModelVersion => _model.Version;

    public LearnedModel Model => _model;

    public LearnedPolicy Policy => _policy;

    /// <summary>The same coder reporting raw confidences (keep × sign probability): what calibration is fitted on.</summary>
    public LearnedCoder WithoutCalibration() => new(_model.WithConfidence(Calibration.Identity), _features, _policy);

    public LearnedCoder WithPolicy(LearnedPolicy policy) => new(_model, _features, policy);

    private LearnedCoder(LearnedModel model, LearnedFeatures features, LearnedPolicy policy)
    {
        _model = model;
        _features = features;
        _policy = policy;
        _stance = model.Head(LearnedModel.StanceHead);
        _filter = model.Head(LearnedModel.FilterHead);
        _themes = [.. model.Themes.Select(t => (t, model.Heads[LearnedModel.ThemePrefix + t]))];
        _packed = PackedHeads.For(model, [.. new[] { _stance, _filter }.OfType<LinearHead>(), .. _themes.Select(t => t.Head)]);
    }

    public CodedDocument Refine(CodedDocument rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var statementFeatures = _features.Statements(rules, out var questionBlocks, separateQuestions: true);
        var codings = new StatementCoding[rules.Statements.Count];
        var packed = _packed;
        // Each exchange's question block scored once for all its answer sentences.
        var questionScores = new Dictionary<int, float[]>();
        foreach (var (ex, block) in questionBlocks)
        {
            var zq = new float[packed.Columns];
            packed.Accumulate(block, zq, packed.Columns);
            questionScores[ex] = zq;
        }
        var k = _stance?.Outputs ?? 0;
        var pairColumns = k + (_filter is null ? 0 : 1);
        Span<float> z = stackalloc float[packed.Columns];
        Span<float> zp = stackalloc float[Math.Max(1, pairColumns)];
        Span<float> p = stackalloc float[Math.Max(1, k)];
        for (var i = 0; i < codings.Length; i++)
        {
            var coding = rules.Statements[i];
            // One pass over the statement's features scores every head at once (the packed rows hold all outputs of a
            // feature side by side); each target then adds only its own few pair features to the stance and keep columns.
            z.Clear();
            var statement = rules.Document.Statements[i];
            if (statement.Kind != StatementKind.Question && statement.Exchange is { } ex && questionScores.TryGetValue(ex, out var zq))
                zq.CopyTo(z);
            packed.Accumulate(statementFeatures[i], z, packed.Columns);
            var targets = new List<TargetCoding>(coding.Targets.Count);
            foreach (var t in coding.Targets)
            {
                var pf = _features.Pair(rules, i, t);
                z[..pairColumns].CopyTo(zp);
                packed.Accumulate(pf, zp, pairColumns);
                var keep = _filter is null ? 1f : Sigmoid(zp[k] + _filter.Bias[0]);
                if (keep < _policy.DropBelow && (!_policy.DropContextualOnly || t.Source != "explicit")) continue;
                if (_stance is not null)
                {
                    for (var j = 0; j < k; j++) p[j] = zp[j] + _stance.Bias[j];
                    Softmax(p[..k]);
                }
                var (stance, sure) = Stance(t, p);
                targets.Add(t with { Stance = stance, Confidence = Math.Round(_model.Confidence.Apply(keep * sure), 2) });
            }
            var themes = _policy.Themes == ThemeDecision.Model && _themes.Length > 0 ? Themes(z[pairColumns..]) : coding.Themes;
            codings[i] = coding with { Targets = targets, Themes = themes };
        }
        return rules with { Statements = codings };
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private static void Softmax(Span<float> z)
    {
        var max = float.NegativeInfinity;
        foreach (var v in z) max = MathF.Max(max, v);
        var sum = 0f;
        for (var j = 0; j < z.Length; j++) { z[j] = MathF.Exp(z[j] - max); sum += z[j]; }
        for (var j = 0; j < z.Length; j++) z[j] /= sum;
    }

    /// <summary>The stance of one target and the probability that its sign is right, from the stance head's probabilities.</summary>
    private (int Stance, float Sure) Stance(TargetCoding t, ReadOnlySpan<float> p)
    {
        if (_stance is null) return (t.Stance, 1f);
        float neg = 0, zero = 0, pos = 0;
        for (var j = 0; j < _stance.Outputs; j++)
        {
            var l = _stance.Labels[j];
            if (l < 0) neg += p[j]; else if (l > 0) pos += p[j]; else zero += p[j];
        }
        var ruleSign = Math.Sign(t.Stance);
        var sign = neg > zero && neg > pos ? -1 : pos > zero && pos >= neg ? 1 : 0;
        var rulesDecide = _policy.Stance switch
        {
            StanceDecision.Rules => true,
            StanceDecision.RulesWhenFormula => _features.FormulaFired(t),
            StanceDecision.RulesWhenCue => LearnedFeatures.CueFired(t),
            _ => false,
        };
        if (rulesDecide) return (t.Stance, ruleSign switch { < 0 => neg, > 0 => pos, _ => zero });
        var sure = sign switch { < 0 => neg, > 0 => pos, _ => zero };
        if (sign == 0) return (0, sure);
        // Magnitude: the most probable class of that sign when the head knows magnitudes (−2..+2), else the rules'
        // magnitude when they agree on the sign, else the mild one.
        if (_stance.Labels.Any(l => Math.Abs(l) == 2))
        {
            var best = -1;
            for (var j = 0; j < _stance.Outputs; j++)
                if (Math.Sign(_stance.Labels[j]) == sign && (best < 0 || p[j] > p[best])) best = j;
            return (_stance.Labels[best], sure);
        }
        return (ruleSign == sign ? t.Stance : sign, sure);
    }

    private string[] Themes(ReadOnlySpan<float> logits)
    {
        // Up to three themes by probability: the most probable always, the others from ThemeAt on; no LINQ here, this
        // runs for every sentence coded.
        Span<int> best = stackalloc int[3];
        Span<float> bestP = stackalloc float[3];
        var n = 0;
        for (var j = 0; j < _themes.Length; j++)
        {
            var pj = Sigmoid(logits[j] + _themes[j].Head.Bias[0]);
            var at = n;
            while (at > 0 && bestP[at - 1] < pj) at--;
            if (at >= 3) continue;
            for (var m = Math.Min(n, 2); m > at; m--) { best[m] = best[m - 1]; bestP[m] = bestP[m - 1]; }
            best[at] = j;
            bestP[at] = pj;
            n = Math.Min(3, n + 1);
        }
        var take = 1;
        while (take < n && bestP[take] >= _policy.ThemeAt) take++;
        var result = new List<string>(take);
        for (var m = 0; m < take; m++)
            // "other" means none of the others: it never stands beside a real theme.
            if (take == 1 || _themes[best[m]].Theme != "other") result.Add(_themes[best[m]].Theme);
        return [.. result];
    }
}

/// <summary>Finds the model file the coder uses when one has been trained.</summary>
public static class LearnedModels
{
    /// <summary>The coder for the model file at <paramref name="path"/>, or null when there is none (the rules code alone).</summary>
    public static LearnedCoder? TryLoad(string? path, CodebookData codebook, LearnedPolicy? policy = null) =>
        string.IsNullOrEmpty(path) || !File.Exists(path) ? null : new LearnedCoder(LearnedModel.Load(path), codebook, policy);
}
