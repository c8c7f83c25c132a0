using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Alignment;

/// <summary>What pairing needs of one page: its key (any string the caller uses), language, date, spokesperson, venue.</summary>
/// <param name="Spokesperson">The answering spokesperson in Chinese characters (an English name is mapped first), or null.</param>
/// <param name="Venue"><c>online</c> (the epidemic's online briefings) or <c>press-room</c>.</param>
public sealed record BriefingKey(string Id, string Language, DateOnly Date, string? Spokesperson, string Venue);

public sealed record BriefingPair(BriefingKey Zh, BriefingKey En);

/// <summary>A page without a partner and why: kept in the output, never dropped.</summary>
public sealed record UnpairedBriefing(BriefingKey Page, string Reason);

public sealed record PairingResult(IReadOnlyList<BriefingPair> Pairs, IReadOnlyList<UnpairedBriefing> Unpaired);

/// <summary>
/// Links each English briefing to its Chinese original: same date, and when known the same spokesperson and venue.
/// Several English pages for one Chinese page (a page re-published after an edit) keep the one the caller prefers
/// (<c>prefer</c>, e.g. the better alignment score; else the later id); the others are listed as duplicates.
/// </summary>
public static partial class BriefingPairing
{
    public static BriefingKey KeyOf(string id, ParsedDocument document, IReadOnlyDictionary<string, string> englishToChinese)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(englishToChinese);
        var language = document.Metadata.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh";
        // The spokesperson who answers most; the title names them too (…发言人X主持…, Spokesperson X Y's …).
        var name = document.Exchanges.Select(e => e.Answerer?.Name).OfType<string>()
            .GroupBy(n => n).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(n => n.Length > 1 && n != "A" && n != "答");
        name ??= (language == "zh" ? ChineseTitleName() : EnglishTitleName()).Match(document.Metadata.Title) is { Success: true } m ? m.Groups["name"].Value : null;
        if (name is not null && language == "en") name = englishToChinese.TryGetValue(name, out var zh) ? zh : name;
        var title = document.Metadata.Title;
        var online = title.Contains("网上", StringComparison.Ordinal) || title.Contains("Online", StringComparison.OrdinalIgnoreCase);
        return new BriefingKey(id, language, document.Metadata.Date, name, online ? "online" : "press-room");
    }

    public static PairingResult Pair(IEnumerable<BriefingKey> pages, Func<BriefingKey, BriefingKey, double>? prefer = null)
    {
        var all = pages.ToList();
        var pairs = new List<BriefingPair>();
        var unpaired = new List<UnpairedBriefing>();
        foreach (var day in all.GroupBy(p => p.Date).OrderBy(g => g.Key))
        {
            var zh = day.Where(p => p.Language == "zh").ToList();
            var en = day.Where(p => p.Language == "en").ToList();
            var usedEn = new HashSet<BriefingKey>();
            foreach (var z in zh)
            {
                var candidates = en.Where(e => !usedEn.Contains(e) && Compatible(z, e)).ToList();
                if (candidates.Count == 0)
                {
                    unpaired.Add(new UnpairedBriefing(z, en.Count == 0 ? "no English page of this date" : "the English pages of this date have another spokesperson or venue"));
                    continue;
                }
                var best = candidates.OrderByDescending(e => prefer?.Invoke(z, e) ?? 0).ThenByDescending(e => e.Id, StringComparer.Ordinal).First();
                pairs.Add(new BriefingPair(z, best));
                usedEn.Add(best);
                foreach (var other in candidates.Where(c => c != best))
                {
                    unpaired.Add(new UnpairedBriefing(other, $"duplicate: another English page of this briefing ({best.Id}) is paired"));
                    usedEn.Add(other);
                }
            }
            foreach (var e in en.Where(e => !usedEn.Contains(e)))
                unpaired.Add(new UnpairedBriefing(e, zh.Count == 0 ? "no Chinese page of this date" : "the Chinese pages of this date have another spokesperson or venue"));
        }
        return new PairingResult(pairs, unpaired);
    }

    private static bool Compatible(BriefingKey zh, BriefingKey en) =>
        (zh.Spokesperson is null || en.Spokesperson is null || zh.Spokesperson == en.Spokesperson) && zh.Venue == en.Venue;

    [GeneratedRegex(@"发言人(?<name>\p{IsCJKUnifiedIdeographs}{2,4}?)主持")]
    private static partial Regex ChineseTitleName();

    [GeneratedRegex(@"Spokesperson\s+(?<name>[A-Z][a-z]+ [A-Z][a-z]+)['’]s")]
    private static partial Regex EnglishTitleName();
}
