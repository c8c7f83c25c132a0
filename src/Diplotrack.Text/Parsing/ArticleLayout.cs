using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing;

/// <summary>One non-blank line of the body: [Start, End) without surrounding whitespace.</summary>
internal readonly record struct Paragraph(int Start, int End)
{
    public string Text(string source) => source[Start..End];
}

/// <summary>Line-level rules of the press-article text format, shared by normalisation and parsing.</summary>
internal static partial class ArticleLayout
{
    /// <summary>Markdown-style heading: <c>#</c> to <c>######</c> then a space.</summary>
    [GeneratedRegex(@"^(?<level>#{1,6})\s+(?<text>.*?)\s*#*\s*$")]
    public static partial Regex Heading();

    /// <summary>The wire-service byline closing an article: <c>据新华社电</c>, <c>据人民日报电</c>.</summary>
    [GeneratedRegex(@"^[（(]?据[^\s，。：:]{1,15}电[)）]?$")]
    public static partial Regex Byline();

    /// <summary>A speaker label at paragraph start: up to 20 characters without sentence punctuation, then a colon.</summary>
    [GeneratedRegex(@"^(?<label>[^\s，,。！？!?、；;：:“”‘’「」『』""'#（）()]{1,20})[：:]")]
    public static partial Regex SpeakerLabel();

    /// <summary>Marks after which a paragraph is complete; a paragraph ending otherwise was cut.</summary>
    public const string ClosingMarks = "。！？!?.…：:；;”’」』）)—";

    /// <summary>Punctuation that only running prose contains (titles and labels rarely do).</summary>
    public const string ProseMarks = "，,。、；;！？!?";

    private static readonly SearchValues<char> ProseMarkValues = SearchValues.Create(ProseMarks);

    public static List<Paragraph> Paragraphs(string text)
    {
        var result = new List<Paragraph>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            int s = lineStart, e = lineEnd;
            while (s < e && char.IsWhiteSpace(text[s])) s++;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (e > s) result.Add(new Paragraph(s, e));
            lineStart = lineEnd + 1;
        }
        return result;
    }

    public static bool IsHeading(string paragraph) => Heading().IsMatch(paragraph);

    public static bool IsByline(string paragraph) => Byline().IsMatch(paragraph);

    public static bool StartsWithLabel(string paragraph) => SpeakerLabel().IsMatch(paragraph);

    [GeneratedRegex(@"[ \t\u3000]+(?=\n|$)")]
    private static partial Regex TrailingSpaces();

    /// <summary>
    /// Removes whitespace at the end of every line and blank lines at the end of the text. Editors and copy-paste add
    /// or drop these freely; keeping them made the same transcript hash differently and be stored twice. Layout only:
    /// no word and no line break inside the text changes. Blank lines at the start are kept: documents already stored
    /// (the seed among them) were hashed with them, and dropping them would change those identities.
    /// </summary>
    public static string TrimLayoutWhitespace(string text) => TrailingSpaces().Replace(text, "").TrimEnd('\n');

    /// <summary>
    /// Joins paragraphs cut by a page break. A paragraph is cut when it is running prose (a speaker's turn, or
    /// contains prose punctuation), does not end with a closing mark, and the next non-blank line is neither a heading, a byline
    /// nor a new speaker's turn: then the line break (and blank lines) between them is removed.
    /// Nothing else changes, so every other character keeps its place relative to its neighbours.
    /// </summary>
    public static (string Text, IReadOnlyList<TextRepair> Repairs) JoinPageBreaks(string text)
    {
        var paragraphs = Paragraphs(text);
        var output = new StringBuilder(text.Length);
        var repairs = new List<TextRepair>();
        var copied = 0;
        var previousJoined = false;
        for (var i = 0; i + 1 < paragraphs.Count; i++)
        {
            var a = paragraphs[i].Text(text);
            var b = paragraphs[i + 1].Text(text);
            var cut = !IsHeading(a) && !IsByline(a)
                && (previousJoined || StartsWithLabel(a) || a.AsSpan().IndexOfAny(ProseMarkValues) >= 0)
                && !ClosingMarks.Contains(a[^1])
                && !IsHeading(b) && !IsByline(b) && !StartsWithLabel(b);
            previousJoined = cut;
            if (!cut) continue;
            var gapStart = paragraphs[i].End;
            var gapEnd = paragraphs[i + 1].Start;
            output.Append(text, copied, gapStart - copied);
            copied = gapEnd;
            // The repair shows the last character before and the first after the break (whole surrogate pairs).
            var before = char.IsLowSurrogate(text[gapStart - 1]) && gapStart >= 2 ? gapStart - 2 : gapStart - 1;
            var after = gapEnd + 1 < text.Length && char.IsLowSurrogate(text[gapEnd + 1]) ? gapEnd + 2 : gapEnd + 1;
            repairs.Add(new TextRepair(
                "page-break-join",
                output.Length - (gapStart - before),
                text[before..after],
                string.Concat(text.AsSpan(before, gapStart - before), text.AsSpan(gapEnd, after - gapEnd))));
        }
        output.Append(text, copied, text.Length - copied);
        return (output.ToString(), repairs);
    }
}
