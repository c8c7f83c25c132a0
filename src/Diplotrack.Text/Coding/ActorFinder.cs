using System.Text.RegularExpressions;
using static Diplotrack.Text.Coding.TextSpans;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Targets, first step: which actors a sentence names (codebook §2) — aliases after the short-form, dyad, blocker and
/// ambiguity rules — and whether a mention of the speaker's own country is self-reference.
/// </summary>
internal sealed partial class ActorFinder(CoderLexicon lexicon)
{
    public List<Mention> FindMentions(string text, List<TermMatch> matches, string? own, NameScope? scope = null)
    {
        var layer = AhoCorasick.LeftmostLongest(matches, p => lexicon[p].Actors.Count > 0 || lexicon[p].Blocker)
            .Where(m => lexicon[m.Pattern].Actors.Count > 0).ToList();
        // An `alternative` row never gives the kind: the alias's default rows (short, dyad) do.
        var kinds = layer.Select(m => lexicon[m.Pattern].Actors.Select(a => a.Kind).FirstOrDefault(k => k != CoderLexicon.Alternative) ?? "short").ToArray();
        // One-char forms (美, 俄, 华) count only in compounds: 对美, 访华, 美军, or next to another actor (美日菲).
        // One-char forms listed with 、 (美、加 / 中、日、韩) name each other, as a chain does.
        bool Listed(int i, int j) => j >= 0 && j < layer.Count && kinds[j] == "short"
            && Math.Abs(layer[Math.Max(i, j)].Start - layer[Math.Min(i, j)].End) == 1 && text[layer[Math.Min(i, j)].End] == '、'
            && !(layer[i].Start > 0 && char.IsDigit(text[layer[i].Start - 1]));
        var valid = layer.Select((m, i) => kinds[i] != "short"
            || EndsWithAny(text, m.Start, lexicon.CompoundBefore) || StartsWithAny(text, m.End, lexicon.CompoundAfter)
            || Listed(i, i - 1) || Listed(i, i + 1)).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < layer.Count; i++)
            {
                if (valid[i]) continue;
                // A digit before a one-char form is a date (30日古巴), never a country chain.
                if (layer[i].Start > 0 && char.IsDigit(text[layer[i].Start - 1])) continue;
                if ((i > 0 && valid[i - 1] && layer[i - 1].End == layer[i].Start)
                    || (i + 1 < layer.Count && valid[i + 1] && layer[i + 1].Start == layer[i].End))
                    valid[i] = changed = true;
            }
        }
        var result = new List<Mention>();
        for (var i = 0; i < layer.Count; i++)
        {
            if (!valid[i]) continue;
            var m = layer[i];
            var info = lexicon[m.Pattern];
            var kind = kinds[i];
            IReadOnlyList<string> actors = kind == "self-pronoun" && own is not null
                ? [own]
                : info.Actors.Where(a => a.Kind != CoderLexicon.Alternative).Select(a => a.Actor).Distinct().ToList();
            var dyad = kind == "dyad";
            if (dyad && own is not null && actors.Contains(own)) actors = actors.Where(a => a != own).ToList();
            var alternatives = info.Actors.Where(a => a.Kind == CoderLexicon.Alternative && a.Actor != own).Select(a => a.Actor).Distinct().ToList();
            if (alternatives.Count > 0) actors = Resolve(actors, alternatives, scope);
            if (!IsActorUse(text, m.Start, m.End, actors)) continue;
            var status = StartsWithAny(text, m.End, lexicon.StatusSuffixes);
            result.Add(new Mention(m.Start, m.End, text[m.Start..m.End], kind, actors, dyad, status, alternatives.Count > 0));
        }
        return result;
    }

    // A region named as the home of one country is no actor: 亚太地区重要国家 (issue #12).
    [GeneratedRegex(@"\G(?:地区)?(?:的)?(?:重要|主要|核心)(?:国家|大国)(?!集团|联盟|组织|之间|间|们)")]
    private static partial Regex MemberCountry();

    /// <summary>
    /// Regions are actors only when the text speaks of them as actors (codebook §2): not inside an ethnonym (非洲裔美国人
    /// is about Americans, as 华裔 is not China), not as the region a single country belongs to (亚太地区重要国家). A region
    /// named as a place (在中亚地区…实现全覆盖) stays an actor: the seed gold codes it so.
    /// </summary>
    private bool IsActorUse(string text, int start, int end, IReadOnlyList<string> actors)
    {
        if (end < text.Length && text[end] == '裔') return false;
        if (actors.Count == 0 || !actors.All(lexicon.Regions.Contains)) return true;
        if (MemberCountry().IsMatch(text, end)) return false;
        return true;
    }

    /// <summary>The explicit targets of a sentence: every mentioned actor, the own country only when it is self-reference.</summary>
    public List<(string Actor, Mention Mention)> ExplicitTargets(string text, List<Mention> mentions, string? own)
    {
        var foreignPresent = mentions.Any(m => m.Actors.Any(a => a != own && a != CoderLexicon.Unnamed));
        var explicitTargets = new List<(string, Mention)>();
        foreach (var m in mentions)
            foreach (var a in m.Actors)
            {
                if (a == own && (m.Dyad || !IsSelfReference(text, m, foreignPresent))) continue;
                explicitTargets.Add((a, m));
            }
        return explicitTargets;
    }

    /// <summary>The default reading of an ambiguous alias unless only an alternative is named in full nearby (exchange first, then document).</summary>
    private static IReadOnlyList<string> Resolve(IReadOnlyList<string> defaults, IReadOnlyList<string> alternatives, NameScope? scope)
    {
        if (scope is null) return defaults;
        foreach (var named in new[] { scope.Exchange, scope.Document })
        {
            if (defaults.Any(named.Contains)) return defaults;
            var hit = alternatives.Where(named.Contains).ToList();
            if (hit.Count > 0) return hit;
        }
        return defaults;
    }

    /// <summary>Codebook §2: own country's conduct, position or leader — not the object of another's action nor the voice of a speech act.</summary>
    private bool IsSelfReference(string text, Mention m, bool foreignPresent)
    {
        if (m.Kind == "person") return true;
        if (m.Kind == "short") return false;                     // 对华, 访华: China as object
        if (EndsWithAny(text, m.Start, lexicon.ObjectMarkers)) return false;
        var conduct = StartsWithAny(text, m.End, lexicon.ConductMarkers);
        if (m.Kind == "self-pronoun" || foreignPresent) return conduct;
        return true;
    }
}
