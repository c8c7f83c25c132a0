using Diplotrack.Text.Coding;
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
    public float DropBelow { get; init; } = 0.5f;
    /// <summary>Only contextual targets may be dropped (explicit ones name the actor in the sentence).</summary>
    public bool DropContextualOnly { get; init; }
    /// <summary>A theme is kept at this probability or more (the most probable one always is).</summary>
    public float ThemeAt { get; init; } = 0.4f;

    public static readonly LearnedPolicy Default = new();
    public static readonly LearnedPolicy RulesOnly = new() { Stance = StanceDecision.Rules, Themes = ThemeDecision.Rules, DropBelow = 0f };
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

    public LearnedCoder(LearnedModel model, CodebookData codebook, LearnedPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _features = new LearnedFeatures(codebook, model.Bits);
        _policy = policy ?? LearnedPolicy.Default;
        _stance = model.Head(LearnedModel.StanceHead);
        _filter = model.Head(LearnedModel.FilterHead);
        _themes = [.. model.Themes.Select(t => (t, model.Heads[LearnedModel.ThemePrefix + t]))];
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
    }

    public CodedDocument Refine(CodedDocument rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var statementFeatures = _features.Statements(rules);
        var codings = new StatementCoding[rules.Statements.Count];
        Span<float> p = stackalloc float[8];
        for (var i = 0; i < codings.Length; i++)
        {
            var coding = rules.Statements[i];
            var sf = statementFeatures[i];
            var targets = new List<TargetCoding>(coding.Targets.Count);
            foreach (var t in coding.Targets)
            {
                var pf = _features.Pair(rules, i, t);
                var keep = 1f;
                if (_filter is not null)
                {
                    _filter.Probabilities(p, sf, pf);
                    keep = p[0];
                }
                if (keep < _policy.DropBelow && (!_policy.DropContextualOnly || t.Source != "explicit")) continue;
                var (stance, sure) = Stance(t, sf, pf, p);
                targets.Add(t with { Stance = stance, Confidence = Math.Round(_model.Confidence.Apply(keep * sure), 2) });
            }
            var themes = _policy.Themes == ThemeDecision.Model && _themes.Length > 0 ? Themes(sf, p) : coding.Themes;
            codings[i] = coding with { Targets = targets, Themes = themes };
        }
        return rules with { Statements = codings };
    }

    /// <summary>The stance of one target and the probability that its sign is right.</summary>
    private (int Stance, float Sure) Stance(TargetCoding t, SparseFeatures sf, SparseFeatures pf, Span<float> p)
    {
        if (_stance is null) return (t.Stance, 1f);
        _stance.Probabilities(p, sf, pf);
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

    private string[] Themes(SparseFeatures sf, Span<float> p)
    {
        Span<float> probs = stackalloc float[_themes.Length];
        for (var j = 0; j < _themes.Length; j++)
        {
            _themes[j].Head.Probabilities(p, sf);
            probs[j] = p[0];
        }
        var order = Enumerable.Range(0, _themes.Length).ToArray();
        var copy = probs.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var take = order.Where((j, rank) => rank == 0 || copy[j] >= _policy.ThemeAt).Take(3).ToList();
        // "other" means none of the others: it never stands beside a real theme.
        if (take.Count > 1) take.RemoveAll(j => _themes[j].Theme == "other");
        return [.. take.Select(j => _themes[j].Theme)];
    }
}
