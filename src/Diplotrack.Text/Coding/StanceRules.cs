using Diplotrack.Text.Documents;
using static Diplotrack.Text.Coding.TextSpans;

namespace Diplotrack.Text.Coding;

/// <summary>Stance, second step: from a sentence's cues to the stance toward one target (codebook §4), and its confidence.</summary>
internal sealed class StanceRules(CoderLexicon lexicon)
{
    /// <summary>
    /// Stance toward one target (codebook §4). A rhetorical accusation or a diplomatic formula (敦促, 坚决反对, 表示欢迎)
    /// decides on its own, the strongest one winning. Otherwise cues are summed, those in the clause naming the target
    /// weighing fully; the sign comes from the sum, the strength from the strongest cue on that side (many mild cues
    /// do not make praise). Toward the speaker's own country only positive cues count: an official does not criticise
    /// their own side, the negative words of such a sentence are about others; a stated intention (中方愿/我们将) is +1.
    /// </summary>
    public static (int, List<Cue>) Stance(Analysis a, IReadOnlyList<Mention>? mentions, bool self = false, bool intention = false)
    {
        if (a.Cues.Count == 0) return (intention ? 1 : 0, []);
        if (self)
        {
            var positive = a.Cues.Where(c => c.Weight > 0).ToList();
            if (intention) return (1, positive);
            if (positive.Count == 0) return (0, []);
            return (positive.Max(c => c.Weight) >= 1.5 ? 2 : 1, positive);
        }
        var clauses = mentions?.Select(m => ClauseOf(a.Text, m.Start)).ToHashSet();
        bool Near(Cue c) => clauses is null || clauses.Contains(ClauseOf(a.Text, c.Start));
        // A rhetorical accusation is about the sentence's subject, wherever it stands; a formula about the clause it is in.
        var dominant = a.Cues.Where(c => c.Dominant && (c.Rhetorical || Near(c))).ToList();
        if (dominant.Count > 0)
        {
            var strongest = dominant.OrderByDescending(c => Math.Abs(c.Weight)).ThenBy(c => c.Weight).First();
            return ((int)Math.Round(strongest.Weight), dominant);
        }
        // Per-target stance: when the clause naming the target has cues of its own, those decide (praise for one, blame for another).
        // A conceded clause (虽然…, … 但) does not decide even for the actor it names.
        var near = a.Cues.Where(c => Near(c) && !c.Conceded).ToList();
        var used = near.Count > 0 ? near : a.Cues;
        double net = 0, maxPos = 0, maxNeg = 0;
        foreach (var c in used)
        {
            net += c.Weight;
            if (c.Weight > 0) maxPos = Math.Max(maxPos, c.Weight); else maxNeg = Math.Max(maxNeg, -c.Weight);
        }
        var stance = net > 0 ? (maxPos >= 1.5 ? 2 : 1)
            : net < 0 ? (maxNeg >= 1.5 ? -2 : -1)
            : 0;
        return (stance, used);
    }

    /// <summary>
    /// The cues of a sentence about the speaker's own country that still say something about the inherited counterpart.
    /// From the clause naming the own country on, positive words describe its own conduct (中方愿…, 我们始终…) unless it
    /// acts together with others (同…一道); criticism, formulas (坚决反对, 表示欢迎) and hopes stay speech acts toward the
    /// counterpart. Praise anywhere in such a sentence is self-praise.
    /// </summary>
    public List<Cue> OtherDirectedCues(Analysis a)
    {
        var selfClause = a.Explicit.Where(t => t.Actor == a.Own).Select(t => ClauseOf(a.Text, t.Mention.Start)).DefaultIfEmpty(int.MaxValue).Min();
        bool Joint(Cue c)
        {
            var from = c.Start;
            while (from > 0 && !IsBoundary(a.Text[from - 1])) from--;
            var to = NextBoundary(a.Text, c.Start);
            return lexicon.JointMarkers.Any(j => a.Text.IndexOf(j, from, to - from, StringComparison.Ordinal) >= 0);
        }
        return [.. a.Cues.Where(c => !c.Praise
            && (c.Weight < 0 || c.Dominant || c.Hope || ClauseOf(a.Text, c.Start) < selfClause || Joint(c)))];
    }

    public static double Confidence(bool isExplicit, List<Cue> cues)
    {
        var c = (isExplicit ? 0.6 : 0.45) + 0.08 * Math.Min(3, cues.Count);
        if (cues.Any(x => x.Weight > 0) && cues.Any(x => x.Weight < 0)) c -= 0.15;
        return Math.Round(Math.Clamp(c, 0.05, 0.95), 2);
    }

    public static Evidence CueEvidence(ParsedStatement s, Cue c) => new(s.Start + c.Start, s.Start + c.End, "cue", c.Term);
}
