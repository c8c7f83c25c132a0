namespace Diplotrack.Text.Parsing;

/// <summary>
/// Splits one paragraph (a span of a text) into sentences by the codebook's rules (§1):
/// a sentence ends at 。！？ or ASCII .!?; further end marks and closing quotes/brackets right after
/// the mark stay with it (<c>？！</c>, <c>。”</c>); an end mark inside a quotation that does not close it
/// does not end the sentence (a quoted passage stays inside its sentence); the paragraph end ends a sentence.
/// A paragraph that is one quotation from its first to its last character (a pull-quote) is split inside the
/// quotes, its opening mark staying in the first sentence and its closing mark in the last.
/// Returned spans are trimmed of surrounding white space and never empty.
/// </summary>
public static class SentenceSplitter
{
    // An ASCII '.' before one of these words (lower-cased, without the dot) is an abbreviation, not an end.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "no", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n",
        "gen", "lt", "col", "prof", "rep", "sen", "gov", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "inc", "co",
    };

    /// <summary>Sentences of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) as [Start, End) spans.</summary>
    public static IReadOnlyList<(int Start, int End)> Split(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || end > text.Length || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {end}) is outside the text (length {text.Length})");

        var spans = new List<(int, int)>();
        var sentenceStart = start;
        // Inside a whole-paragraph quotation, sentences are counted one level down.
        var baseDepth = IsWholeQuotation(text, start, end) ? 1 : 0;
        // Nesting of “ ” 「 」 『 』 and book titles 《 》 (《好久不见，武汉！》). Not ‘ ’: ’ is also the apostrophe.
        var depth = 0;
        var asciiQuote = false;  // inside "..." (ASCII quotes do not nest)
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (IsOpeningQuote(c)) { depth++; i++; continue; }
            if (IsClosingQuote(c)) { if (depth > 0) depth--; i++; continue; }
            if (c == '"') { asciiQuote = !asciiQuote; i++; continue; }
            if (!IsEndMark(text, i, end, sentenceStart))
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < end && IsEndMarkChar(text[j])) j++;
            // Closers right after the mark belong to the sentence: 。” ？」 .) ."
            // A book title closing after its own mark (《好久不见，武汉！》) is a name inside the sentence, not its end.
            var titleClosed = false;
            while (j < end)
            {
                var d = text[j];
                if (d == '》') { if (depth > 0) depth--; titleClosed = true; j++; }
                else if (IsClosingQuote(d)) { if (depth > 0) depth--; j++; }
                else if (d is '’' or '）' or ')' or '】') j++;
                else if (d == '"' && asciiQuote) { asciiQuote = false; j++; }
                else break;
            }

            if (depth <= baseDepth && !asciiQuote && !titleClosed)
            {
                Add(text, sentenceStart, j, spans);
                sentenceStart = j;
            }
            i = j;
        }
        Add(text, sentenceStart, end, spans);
        return spans;
    }

    /// <summary>True when the quotation opened at the first non-space character closes exactly at the last one.</summary>
    private static bool IsWholeQuotation(string text, int start, int end)
    {
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        if (end - start < 2 || text[start] is not ('“' or '「' or '『') || !IsClosingQuote(text[end - 1])) return false;
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            if (IsOpeningQuote(text[i])) depth++;
            else if (IsClosingQuote(text[i]) && --depth == 0) return i == end - 1;
        }
        return false;
    }

    private static bool IsOpeningQuote(char c) => c is '“' or '「' or '『' or '《';
    private static bool IsClosingQuote(char c) => c is '”' or '」' or '』' or '》';
    private static bool IsEndMarkChar(char c) => c is '。' or '！' or '？' or '!' or '?';

    private static bool IsEndMark(string text, int i, int end, int sentenceStart)
    {
        var c = text[i];
        if (IsEndMarkChar(c)) return true;
        if (c != '.') return false;

        // ASCII full stop: only before white space (or the paragraph end, or a closing quote), so that
        // 3.5, www.fmprc.gov.cn and U.S.-China are not cut; and not after a known abbreviation or an initial.
        var next = i + 1 < end ? text[i + 1] : '\n';
        if (!(char.IsWhiteSpace(next) || next is '"' or '”' or '’' or ')' || i + 1 == end)) return false;
        if (next is '.' ) return false;
        var w = i;
        while (w > sentenceStart && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        var word = text[w..i];
        if (word.Length == 1 && char.IsUpper(word[0])) return false;
        if (Abbreviations.Contains(word)) return false;
        // "... the U.S. government": a lower-case word after the dot continues the sentence.
        var k = i + 1;
        while (k < end && char.IsWhiteSpace(text[k])) k++;
        if (k < end && char.IsLower(text[k])) return false;
        return true;
    }

    private static void Add(string text, int start, int end, List<(int, int)> spans)
    {
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        if (end > start) spans.Add((start, end));
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u3000';
}
