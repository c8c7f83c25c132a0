using System.Globalization;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Learning;

/// <summary>
/// The features the learned layer reads (ADR 0030), built from the rule coder's output so that the model sees what the
/// rules saw: character 1–3-grams of the sentence and of its neighbours in the same exchange, the statement's kind, a
/// question mark, negation, the rules' themes; and per (statement, target): the actor, its source, the rules' stance,
/// the matched cues with their polarity and whether a formula or rhetorical pattern fired. Training and scoring call
/// the same code, so the exported model means the same thing at run time as in cross-validation.
/// </summary>
public sealed class LearnedFeatures
{
    // Block seeds: the same n-gram in the sentence, the previous or the next sentence is a different feature.
    private const uint Own = 0x1b873593, Previous = 0x27d4eb2f, Next = 0x165667b1, Question = 0x61c88647;

    public int Bits { get; }
    private readonly Dictionary<string, int> _cueWeight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _formulas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hopes = new(StringComparer.Ordinal);
    private readonly string[] _negators;
    private readonly Dictionary<string, string> _actorKind = new(StringComparer.Ordinal);

    public LearnedFeatures(CodebookData codebook, int bits)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        Bits = bits;
        foreach (var c in codebook.StanceCues) _cueWeight[c.Cue] = c.Weight;
        foreach (var f in codebook.Ladder) { _formulas.Add(f.Formula); _cueWeight[f.Formula] = f.Stance; }
        foreach (var h in codebook.RuleTerms(CoderRules.HopeVerb)) _hopes.Add(h);
        _negators = [.. codebook.Negators.Where(n => n.Length > 0)];
        foreach (var a in codebook.Actors) _actorKind[a.Id] = a.Kind;
    }

    /// <summary>Per-statement features of a coded document, computed once and shared by every target of the statement.</summary>
    public SparseFeatures[] Statements(CodedDocument coded) => Statements(coded, out _, separateQuestions: false);

    /// <summary>
    /// Per-statement features; with <paramref name="separateQuestions"/> the question block of answer sentences is left
    /// out and returned per exchange in <paramref name="questionBlocks"/> instead: it is the same for every answer
    /// sentence of the exchange, so the coder scores it once per exchange (the model is linear, the sum is the same).
    /// </summary>
    public SparseFeatures[] Statements(CodedDocument coded, out Dictionary<int, SparseFeatures> questionBlocks, bool separateQuestions)
    {
        ArgumentNullException.ThrowIfNull(coded);
        var statements = coded.Document.Statements;
        var grams = new List<uint>[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            grams[i] = new List<uint>(statements[i].Text.Length * 3);
            FeatureHashing.NGrams(statements[i].Text.AsSpan().Trim(), 1, 3, grams[i]);
        }
        // The question of each exchange: an answer's theme is mostly the question's topic (我们对此表示欢迎 has none of its own).
        var questions = new Dictionary<int, List<uint>>();
        for (var i = 0; i < statements.Count; i++)
            if (statements[i].Kind == StatementKind.Question && statements[i].Exchange is { } ex)
            {
                if (!questions.TryGetValue(ex, out var q)) questions[ex] = q = [];
                q.AddRange(grams[i]);
            }
        questionBlocks = [];
        if (separateQuestions)
            foreach (var (ex, q) in questions)
            {
                var block = new SparseFeatures(Bits);
                block.AddBlock(q, Question, 0.5f);
                questionBlocks[ex] = block;
            }
        var result = new SparseFeatures[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var f = new SparseFeatures(Bits);
            f.AddBlock(grams[i], Own);
            // Neighbours in the same exchange carry what an elided subject or a rhetorical follow-up refers to.
            if (i > 0 && statements[i - 1].Exchange == s.Exchange) f.AddBlock(grams[i - 1], Previous, 0.5f);
            else f.Add("first");
            if (i + 1 < statements.Count && statements[i + 1].Exchange == s.Exchange) f.AddBlock(grams[i + 1], Next, 0.5f);
            else f.Add("last");
            if (!separateQuestions && s.Kind != StatementKind.Question && s.Exchange is { } e && questions.TryGetValue(e, out var asked))
                f.AddBlock(asked, Question, 0.5f);
            var kind = s.Kind.ToId();
            f.Add("k=" + kind);
            if (i > 0 && statements[i - 1].Kind != s.Kind) f.Add("turn|k=" + kind);   // first sentence of an answer
            if (s.Text.AsSpan().TrimEnd().EndsWith("？", StringComparison.Ordinal) || s.Text.AsSpan().TrimEnd().EndsWith("?", StringComparison.Ordinal))
                f.Add("q|k=" + kind);
            if (_negators.Any(n => s.Text.Contains(n, StringComparison.Ordinal))) f.Add("neg");
            var coding = coded.Statements[i];
            foreach (var t in coding.Themes) f.Add("rt=" + t);
            f.Add("ntargets=" + Math.Min(3, coding.Targets.Count).ToString(CultureInfo.InvariantCulture));
            if (coding.Targets.Count == 0) f.Add("notarget|k=" + kind);
            result[i] = f;
        }
        return result;
    }

    /// <summary>Features of one (statement, target) pair on top of its statement's features.</summary>
    public SparseFeatures Pair(CodedDocument coded, int statement, TargetCoding target)
    {
        ArgumentNullException.ThrowIfNull(coded);
        ArgumentNullException.ThrowIfNull(target);
        var s = coded.Document.Statements[statement];
        var coding = coded.Statements[statement];
        var f = new SparseFeatures(Bits);
        var kind = s.Kind.ToId();
        var actorKind = _actorKind.GetValueOrDefault(target.Actor, "other");
        var sign = Math.Sign(target.Stance) switch { < 0 => "-", > 0 => "+", _ => "0" };
        f.Add("a=" + target.Actor);
        f.Add("ak=" + actorKind);
        f.Add("src=" + target.Source);
        f.Add("src|k=" + target.Source + "|" + kind);
        f.Add("src|ak=" + target.Source + "|" + actorKind);
        f.Add("rs=" + target.Stance.ToString(CultureInfo.InvariantCulture));
        f.Add("rsign|k=" + sign + "|" + kind);
        f.Add("others=" + Math.Min(3, coding.Targets.Count - 1).ToString(CultureInfo.InvariantCulture));
        if (coding.Targets.Any(t => t.Actor != target.Actor && t.Source == "explicit")) f.Add("other-explicit|src=" + target.Source);
        int pos = 0, neg = 0;
        var inside = false;
        foreach (var e in target.Evidence)
        {
            var here = e.Start >= s.Start && e.End <= s.End;
            if (e.Role == "actor")
            {
                f.Add((here ? "am=" : "amctx=") + e.Term);
                inside |= here;
                continue;
            }
            f.Add("cue=" + e.Term);
            if (_formulas.Contains(e.Term)) f.Add("formula");
            else if (_hopes.Contains(e.Term)) f.Add("hope");
            else if (!_cueWeight.ContainsKey(e.Term)) f.Add("rhetorical");
            var w = _cueWeight.GetValueOrDefault(e.Term);
            if (w > 0) pos++;
            else if (w < 0) neg++;
        }
        f.Add("cues+=" + Math.Min(2, pos).ToString(CultureInfo.InvariantCulture));
        f.Add("cues-=" + Math.Min(2, neg).ToString(CultureInfo.InvariantCulture));
        if (target.Source == "explicit" && !inside) f.Add("explicit-without-mention");
        f.Add("bias-pair");
        return f;
    }

    /// <summary>Whether the rules' stance for this target came from a formula or a rhetorical pattern (rules decide those, ADR 0030).</summary>
    public bool FormulaFired(TargetCoding target) =>
        target.Evidence.Any(e => e.Role == "cue" && (_formulas.Contains(e.Term) || !_cueWeight.ContainsKey(e.Term) && !_hopes.Contains(e.Term)));

    /// <summary>Whether any cue produced the rules' stance.</summary>
    public static bool CueFired(TargetCoding target) => target.Evidence.Any(e => e.Role == "cue");
}
