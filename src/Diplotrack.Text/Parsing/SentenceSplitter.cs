namespace Diplotrack.Text.Parsing;

/// <summary>
/// Splits one paragraph into sentences (codebook §1): a sentence ends at 。！？ (and ASCII ! ? and a . followed
/// by whitespace, so 5.2% stays whole); closing quotes right after the mark stay with it; a passage inside
/// quotes stays inside its sentence; the paragraph end ends the last sentence. A paragraph that is one quotation
/// from its first to its last character (a pull-quote) is split inside the quotes, its opening mark staying in
/// the first sentence and its closing mark in the last.
/// </summary>
internal static class SentenceSplitter
{
    private const string Openers = "“‘「『";
    private const string Closers = "”’」』";

    public static List<(int Start, int End)> Split(string text, int start, int end)
    {
        var sentences = new List<(int, int)>();
        var baseDepth = IsWholeQuotation(text, start, end) ? 1 : 0;
        var depth = 0;
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (Openers.Contains(c)) { depth++; i++; continue; }
            if (Closers.Contains(c)) { depth = Math.Max(0, depth - 1); i++; continue; }
            if (!IsTerminator(text, i, end)) { i++; continue; }

            var j = i + 1;
            while (j < end && IsTerminator(text, j, end)) j++;
            var after = depth;
            var k = j;
            while (k < end && Closers.Contains(text[k])) { after = Math.Max(0, after - 1); k++; }
            if (depth <= baseDepth || after <= baseDepth)
            {
                Add(sentences, text, sentenceStart, k);
                sentenceStart = k;
            }
            depth = after;
            i = k;
        }
        Add(sentences, text, sentenceStart, end);
        return sentences;
    }

    private static bool IsTerminator(string text, int i, int end) => text[i] switch
    {
        '。' or '！' or '？' or '!' or '?' => true,
        // ASCII full stop only before whitespace or the paragraph end: keeps 5.2% and URLs whole.
        '.' => i + 1 >= end || char.IsWhiteSpace(text[i + 1]) || Closers.Contains(text[i + 1]) || text[i + 1] == '"',
        _ => false,
    };

    /// <summary>True when the opening mark at <paramref name="start"/> is closed exactly by the last character.</summary>
    private static bool IsWholeQuotation(string text, int start, int end)
    {
        if (end - start < 2 || !Openers.Contains(text[start]) || !Closers.Contains(text[end - 1])) return false;
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            if (Openers.Contains(text[i])) depth++;
            else if (Closers.Contains(text[i]) && --depth == 0) return i == end - 1;
        }
        return false;
    }

    private static void Add(List<(int, int)> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) sentences.Add((start, end));
    }
}
