using System.Buffers;

namespace Diplotrack.Text.Parsing.Fmprc;

/// <summary>
/// HTML white space rendering: runs of ASCII white space and no-break spaces become one space; the leading and
/// trailing spaces and full-width indentation (U+3000) are trimmed. U+3000 inside a paragraph is kept.
/// </summary>
/// <remarks>
/// Same result as <c>Regex.Replace(raw, "[ \t\r\n\f\u00A0]+", " ").Trim(' ', '\u3000')</c>, in one pass: it runs on
/// every paragraph of every briefing page, where the regex replacement was a tenth of the parse (ADR 0014).
/// </remarks>
internal static class HtmlWhitespace
{
    private static readonly SearchValues<char> Collapsible = SearchValues.Create(" \t\r\n\f\u00A0");

    public static string Collapse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var source = raw.AsSpan();
        var first = source.IndexOfAny(Collapsible);
        if (first < 0) return raw.Trim(' ', '\u3000');

        var rented = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var output = rented.AsSpan();
            source[..first].CopyTo(output);
            var length = first;
            var rest = source[first..];
            while (!rest.IsEmpty)
            {
                // rest starts with a run of collapsible characters: one space for all of it.
                output[length++] = ' ';
                var runEnd = rest.IndexOfAnyExcept(Collapsible);
                if (runEnd < 0) break;
                rest = rest[runEnd..];
                var next = rest.IndexOfAny(Collapsible);
                var plain = next < 0 ? rest : rest[..next];
                plain.CopyTo(output[length..]);
                length += plain.Length;
                rest = next < 0 ? [] : rest[next..];
            }
            return new string(output[..length].Trim([' ', '\u3000']));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
