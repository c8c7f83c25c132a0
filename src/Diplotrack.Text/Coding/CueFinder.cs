using System.Buffers;
using static Diplotrack.Text.Coding.TextSpans;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Stance, first step: the cues of a sentence (codebook §4) — stance words and formulas with negation, intensifiers and
/// concession applied, hopes weighed by what they ask for, rhetorical patterns.
/// </summary>
internal sealed class CueFinder(CoderLexicon lexicon)
{
    // Static so that no array is built per sentence or per cue (ADR 0014).
    private static readonly SearchValues<char> HopeStops = SearchValues.Create("。！？；!?;");

    public List<Cue> FindCues(string text, List<TermMatch> matches)
    {
        var cues = new List<Cue>();
        var negators = matches.Where(m => lexicon[m.Pattern].Negator).ToList();
        var intensifiers = matches.Where(m => lexicon[m.Pattern].Intensity is not null).ToList();
        foreach (var m in AhoCorasick.LeftmostLongest(matches, p => lexicon[p].Stance is not null || lexicon[p].Hope))
        {
            var info = lexicon[m.Pattern];
            double w = info.Hope ? HopeWeight(text, m.End) : info.Stance!.Value;
            // A negator right before the cue (不寻求打压, 没有兑现) flips praise to criticism and cancels hostility.
            var negated = negators.Any(n => n.End <= m.Start && n.End >= m.Start - 2 && n.Start < m.Start && NoBoundary(text, n.End, m.Start));
            if (negated) w = w > 0 ? -1 : 0;
            var intensity = MaxIntensity(intensifiers, m.Start);
            w = Math.Clamp(w * intensity, -2, 2);
            if (w != 0) cues.Add(new Cue(m.Start, m.End, text[m.Start..m.End], w, info.Formula && !negated, Praise: info.Praise && !negated, Hope: info.Hope));
        }
        // What a compliance hope asks for (希望X切实尊重…，为推动…改善做出努力) is its content, not praise: the hope alone
        // decides, up to the end of the sentence (the 30-character window only decides which kind of hope it is).
        foreach (var h in cues.Where(c => c.Hope && c.Weight < 0).ToList())
        {
            var end = text.Length;
            var stop = text.IndexOfAny(['。', '！', '？', '；', '!', '?', ';'], h.End);
            if (stop >= 0) end = Math.Min(end, stop);
            cues.RemoveAll(c => c.Weight > 0 && !c.Dominant && c.Start >= h.End && c.Start < end);
        }
        foreach (var (regex, stance) in lexicon.Rhetorical)
            foreach (var r in regex.EnumerateMatches(text))   // no MatchCollection per sentence and pattern
                cues.Add(new Cue(r.Index, r.Index + r.Length, text.Substring(r.Index, r.Length), stance, Dominant: true, Rhetorical: true));

        // Concession: after 但/然而 the stance is carried by what follows; a 虽然/尽管 clause is conceded.
        var concessionAt = -1;
        foreach (var c in lexicon.ConcessionAfter)
        {
            for (var p = text.IndexOf(c, StringComparison.Ordinal); p >= 0; p = text.IndexOf(c, p + 1, StringComparison.Ordinal))
                if (p > 0 && text[p - 1] != '不') concessionAt = Math.Max(concessionAt, p);
        }
        var conceded = new List<(int From, int To)>();
        foreach (var c in lexicon.ConcessionBefore)
            for (var p = text.IndexOf(c, StringComparison.Ordinal); p >= 0; p = text.IndexOf(c, p + 1, StringComparison.Ordinal))
                conceded.Add((p, NextBoundary(text, p)));
        return cues.Select(c => c.Start < concessionAt || conceded.Any(r => c.Start >= r.From && c.Start < r.To)
            ? c with { Weight = c.Weight * 0.3, Conceded = true } : c).OrderBy(c => c.Start).ToList();
    }

    /// <summary>Start of the first reporting verb (X称, 指责) in a question, or -1.</summary>
    public int ReportedFrom(string text)
    {
        var first = -1;
        foreach (var v in lexicon.ReportingVerbs)
        {
            var i = text.IndexOf(v, StringComparison.Ordinal);
            if (i > 0 && (first < 0 || i < first)) first = i;   // at position 0 there is no one whose words are reported
        }
        return first;
    }

    /// <summary>Codebook §4: a hope that the other side complies is critical (−1), a hope to work together is positive (+1).</summary>
    private double HopeWeight(string text, int from)
    {
        var end = Math.Min(text.Length, from + 30);
        var stop = text.AsSpan(from).IndexOfAny(HopeStops) is var s and >= 0 ? from + s : -1;
        if (stop >= 0) end = Math.Min(end, stop);
        var window = text.Substring(from, end - from);
        // Whichever the hope asks first: compliance (说到做到, 停止) is criticism, working together (同中方一道) is positive.
        int First(string[] terms)
        {
            var best = int.MaxValue;
            foreach (var t in terms) { var i = window.IndexOf(t, StringComparison.Ordinal); if (i >= 0 && i < best) best = i; }
            return best;
        }
        var comply = First(lexicon.Comply);
        return comply < int.MaxValue && comply < First(lexicon.Cooperate) ? -1 : 1;
    }

    /// <summary>The strongest intensifier ending right before <paramref name="cueStart"/> (or one char before), 1 if none.</summary>
    private double MaxIntensity(List<TermMatch> intensifiers, int cueStart)
    {
        double max = 1;
        var any = false;
        foreach (var x in intensifiers)
        {
            if (x.End > cueStart || x.End < cueStart - 1) continue;
            var factor = lexicon[x.Pattern].Intensity!.Value;
            max = any ? Math.Max(max, factor) : factor;
            any = true;
        }
        return max;
    }
}
