namespace Diplotrack.Text.Coding;

/// <summary>Clause boundaries and affix tests over a sentence, shared by the coder's rules.</summary>
internal static class TextSpans
{
    public static bool IsBoundary(char c) => c is '，' or '；' or '：' or '。' or '！' or '？' or ',' or ';' or ':' or '!' or '?';

    public static bool NoBoundary(string text, int from, int to)
    {
        for (var i = from; i < to; i++) if (IsBoundary(text[i])) return false;
        return true;
    }

    public static int NextBoundary(string text, int from)
    {
        for (var i = from; i < text.Length; i++) if (IsBoundary(text[i])) return i;
        return text.Length;
    }

    public static int ClauseOf(string text, int pos)
    {
        var n = 0;
        for (var i = 0; i < pos && i < text.Length; i++) if (IsBoundary(text[i])) n++;
        return n;
    }

    public static bool EndsWithAny(string text, int pos, string[] terms)
    {
        foreach (var t in terms)
            if (pos >= t.Length && string.CompareOrdinal(text, pos - t.Length, t, 0, t.Length) == 0) return true;
        return false;
    }

    public static bool StartsWithAny(string text, int pos, string[] terms)
    {
        foreach (var t in terms)
            if (pos + t.Length <= text.Length && string.CompareOrdinal(text, pos, t, 0, t.Length) == 0) return true;
        return false;
    }
}
