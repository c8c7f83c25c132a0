using Diplotrack.Text.Documents;
using static Diplotrack.Text.Coding.TextSpans;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Targets, second step: the targets of one statement with their stance — explicit mentions, anaphors resolved to the
/// counterpart, and the counterpart (or the own country) inherited from the exchange context.
/// </summary>
internal sealed class TargetRules(CoderLexicon lexicon, StanceRules stance)
{
    public List<TargetCoding> Targets(ParsedStatement s, Analysis a, ExchangeContext? ctx)
    {
        var targets = new List<TargetCoding>();
        foreach (var group in a.Explicit.GroupBy(t => t.Actor))
        {
            var mentions = group.Select(g => g.Mention).ToList();
            var status = mentions.All(m => m.Status);
            var self = group.Key == a.Own;
            var intention = self && mentions.Any(m => StartsWithAny(a.Text, m.End, lexicon.IntentionMarkers));
            var st = status ? (0, new List<Cue>()) : StanceRules.Stance(a, mentions, self, intention);
            var evidence = mentions.Select(m => new Evidence(s.Start + m.Start, s.Start + m.End, "actor", m.Term))
                .Concat(st.Item2.Select(c => StanceRules.CueEvidence(s, c))).ToList();
            var phrase = group.Key == CoderLexicon.Unnamed ? string.Join("；", mentions.Select(m => m.Term).Distinct()) : null;
            targets.Add(new TargetCoding(group.Key, st.Item1, CoderLexicon.Explicit, StanceRules.Confidence(true, st.Item2), evidence, phrase));
        }

        if (ctx is { Foreign.Count: > 0 })
        {
            // 有关国家 / 有关方面 in an exchange whose question names the counterpart is that counterpart, not an unknown actor.
            // Not when the sentence names other countries itself (应有关国家请求…向意大利、塞尔维亚…): they are what it means.
            var anaphor = a.Explicit.Any(t => t.Actor != a.Own && t.Actor != CoderLexicon.Unnamed) ? -1
                : targets.FindIndex(t => t.Actor == CoderLexicon.Unnamed && a.Explicit.Where(x => x.Actor == CoderLexicon.Unnamed).All(x => lexicon.Anaphors.Contains(x.Mention.Term)));
            if (anaphor >= 0)
            {
                var u = targets[anaphor];
                targets.RemoveAt(anaphor);
                foreach (var (actor, ev, phrase) in ctx.Foreign)
                    if (targets.All(t => t.Actor != actor))
                        targets.Add(new TargetCoding(actor, u.Stance, CoderLexicon.Contextual, Math.Round(u.Confidence - 0.1, 2), [.. ev, .. u.Evidence], phrase));
            }
        }
        if (ctx is not null)
        {
            var namesOther = a.Explicit.Any(t => t.Actor != a.Own && t.Actor != CoderLexicon.Unnamed) || targets.Any(t => t.Actor != a.Own);
            if (ctx.Foreign.Count > 0 && !namesOther && AboutAnything(a, Speaker(s)))
            {
                // Praise in a sentence about the speaker's own country (中国举措卓有成效) is self-praise, not praise of the
                // counterpart the sentence inherits: those cues do not carry over to it.
                var selfNamed = a.Explicit.Any(t => t.Actor == a.Own);
                var directed = selfNamed ? stance.OtherDirectedCues(a) : a.Cues;
                var st = StanceRules.Stance(selfNamed ? a with { Cues = directed } : a, null);
                if (!OwnConductOnly(s, a))
                    foreach (var (actor, ev, phrase) in ctx.Foreign)
                            targets.Add(new TargetCoding(actor, st.Item1, CoderLexicon.Contextual, StanceRules.Confidence(false, st.Item2),
                            [.. ev, .. st.Item2.Select(c => StanceRules.CueEvidence(s, c))], phrase));
            }
            else if (ctx.Foreign.Count == 0 && ctx.Self is { } self && targets.All(t => t.Actor != self.Actor)
                     && (!namesOther || a.ElidedOpener))
            {
                // An elided-subject sentence in an exchange about the speaker's own country describes its own conduct.
                var st = StanceRules.Stance(a, null, self: true);
                targets.Add(new TargetCoding(self.Actor, st.Item1, CoderLexicon.Contextual, StanceRules.Confidence(false, st.Item2),
                    [.. self.Evidence, .. st.Item2.Select(c => StanceRules.CueEvidence(s, c))]));
            }
        }
        return targets;
    }

    /// <summary>
    /// A sentence about the speaker's own conduct (中方一贯致力于…提供便利) with no cue left for anyone else (criticism,
    /// formula, hope, joint action) predicates nothing of the counterpart: it carries no counterpart (issue #12).
    /// Only the speaker's own sentences: a journalist's 中方对此有何评论 asks about the counterpart.
    /// </summary>
    public bool OwnConductOnly(ParsedStatement s, Analysis a) =>
        s.Kind != StatementKind.Question && a.Explicit.Any(t => t.Actor == a.Own) && stance.OtherDirectedCues(a).Count == 0;

    /// <summary>
    /// A sentence that names no actor, has no stance cue, no theme cue and does not point back at someone's act
    /// (这种做法, 此举) says nothing in particular (我也注意到了有关报道, 你很有想象力): it predicates nothing of the
    /// exchange's counterpart, so it does not inherit it (issue #12).
    /// </summary>
    /// In the speaker's own sentences the own side does not count as something named: 我们注意到有关报道 is as procedural
    /// as 我注意到有关报道. A journalist's 中方对此有何评论 still asks about the counterpart.
    public static bool AboutAnything(Analysis a, bool speaker) =>
        (speaker ? a.Explicit.Any(t => t.Actor != a.Own) : a.Mentions.Count > 0) || a.Cues.Count > 0 || a.Themes.Count > 0 || a.PointsBack;

    public static bool Speaker(ParsedStatement s) => s.Kind is StatementKind.Answer or StatementKind.Opening;
}
