using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Tests.Support;

/// <summary>
/// Stand-in for the seed parser (branch <c>parser</c>) until it is on main: builds a <see cref="ParsedDocument"/> from the
/// seed article text with the segmentation described in shared/eval/README.md, so the coder can be scored.
/// </summary>
public static partial class SeedDocumentBuilder
{
    private static readonly SpeakerRef WangYi = new("王毅", "外交部长", "CN");

    public static ParsedDocument Build(string source)
    {
        var text = JoinPageBreaks(source.Replace("\r\n", "\n"));
        var statements = new List<ParsedStatement>();
        var exchanges = new List<ParsedExchange>();
        string? section = null;
        var afterHeading = false;
        var kind = StatementKind.Narrative;
        int? exchange = null;
        var pos = 0;
        foreach (var line in text.Split('\n'))
        {
            var lineStart = pos;
            pos += line.Length + 1;
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith("###", StringComparison.Ordinal)) { section = trimmed.TrimStart('#', ' '); afterHeading = true; exchange = null; continue; }
            if (trimmed.StartsWith('#') || trimmed == "据新华社电") continue;
            var bodyStart = lineStart + line.IndexOf(trimmed, StringComparison.Ordinal);
            SpeakerRef? speaker = null;
            var label = Label().Match(trimmed);
            if (label.Success)
            {
                var who = label.Groups[1].Value;
                bodyStart += label.Length;
                if (who == "王毅") { kind = StatementKind.Answer; speaker = WangYi; }
                else
                {
                    kind = StatementKind.Question;
                    var outlet = who.EndsWith("记者", StringComparison.Ordinal) ? who[..^2] : who;
                    exchange = exchanges.Count;
                    exchanges.Add(new ParsedExchange { Index = exchanges.Count, Section = section, Outlet = outlet, Answerer = WangYi, Start = lineStart, End = lineStart });
                    speaker = new SpeakerRef(who, "记者", null);
                }
            }
            else if (afterHeading && trimmed.StartsWith('“')) kind = StatementKind.Highlight;
            else if (kind == StatementKind.Answer) speaker = WangYi;
            afterHeading = false;
            foreach (var (s, e) in Sentences(text, bodyStart, lineStart + line.Length))
                statements.Add(new ParsedStatement
                {
                    Index = statements.Count, Kind = kind, Exchange = kind == StatementKind.Highlight || kind == StatementKind.Narrative ? null : exchange,
                    Speaker = speaker ?? (kind == StatementKind.Answer ? WangYi : null), Start = s, End = e, Text = text[s..e], Section = section,
                });
        }
        // Exchange spans and highlight links.
        for (var i = 0; i < exchanges.Count; i++)
        {
            var own = statements.Where(s => s.Exchange == i).ToList();
            exchanges[i] = exchanges[i] with { Start = own.Min(s => s.Start), End = own.Max(s => s.End) };
        }
        for (var i = 0; i < statements.Count; i++)
        {
            var h = statements[i];
            if (h.Kind != StatementKind.Highlight) continue;
            var key = Unquote(h.Text);
            var repeats = statements.Where(a => a.Kind == StatementKind.Answer && a.Section == h.Section
                && (key.Contains(Unquote(a.Text), StringComparison.Ordinal) || Unquote(a.Text).Contains(key, StringComparison.Ordinal)))
                .Select(a => a.Index).ToList();
            statements[i] = h with { Repeats = repeats };
        }
        return new ParsedDocument
        {
            Metadata = new DocumentMetadata { Title = "王毅外长答中外记者问", Date = new DateOnly(2024, 3, 7), Kind = "npc-press-conference", Language = "zh", Source = "000_ed602138bd357a0a.txt" },
            NormalisedText = text,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Exchanges = exchanges,
            Statements = statements,
        };
    }

    private static string Unquote(string s) => Regex.Replace(s, "[“”‘’\"]", "");

    private static IEnumerable<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var s = start;
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('。' or '！' or '？' or '!' or '?')) continue;
            var e = i + 1;
            while (e < end && text[e] is '”' or '’') e++;
            yield return (s, e);
            s = e;
            i = e - 1;
        }
        if (s < end && text[s..end].Trim().Length > 0) yield return (s, end);
    }

    /// <summary>A paragraph that ends without closing punctuation and is continued by the next one was cut by a page break.</summary>
    private static string JoinPageBreaks(string text)
    {
        var paragraphs = text.Split("\n\n").ToList();
        for (var i = paragraphs.Count - 2; i >= 0; i--)
        {
            var (a, b) = (paragraphs[i].TrimEnd(), paragraphs[i + 1]);
            if (a.Length == 0 || b.Trim().Length == 0 || a.TrimStart().StartsWith('#') || b.TrimStart().StartsWith('#')) continue;
            if ("。！？：”!?:".Contains(a[^1]) || Label().IsMatch(b.Trim())) continue;
            paragraphs[i] = a + b.TrimStart();
            paragraphs.RemoveAt(i + 1);
        }
        return string.Join("\n\n", paragraphs);
    }

    [GeneratedRegex(@"^(王毅|[^：，。]{1,30}记者)：")]
    private static partial Regex Label();
}
