using System.Globalization;
using Diplotrack.Text.Documents;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Diplotrack.Text.Parsing;

/// <summary>
/// The optional metadata block at the top of a text transcript: a line <c>---</c>, flat YAML <c>key: value</c> lines,
/// a line <c>---</c>. Parsed with YamlDotNet so quoting, escapes and comments behave as YAML users expect;
/// unknown keys are refused so that a typo (<c>dat:</c>) cannot silently drop the date.
/// Its fields are exactly those a caller can supply, so it reads into <see cref="DocumentMetadataOverrides"/>.
/// </summary>
public static class FrontMatter
{
    public static readonly IReadOnlyList<string> Keys =
        ["title", "date", "kind", "place", "occasion", "language", "source", "government"];

    private const string Fence = "---";
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <summary>Splits <paramref name="text"/> into its front matter (null when absent) and the body after it.</summary>
    public static (DocumentMetadataOverrides? FrontMatter, string Body) Split(string text)
    {
        if (!IsFenceAt(text, 0)) return (null, text);
        var open = text.IndexOf('\n') + 1;
        var close = open;
        while (close < text.Length && !IsFenceAt(text, close))
        {
            var next = text.IndexOf('\n', close);
            if (next < 0) throw new DocumentRejectedException("front matter: no closing `---` line");
            close = next + 1;
        }
        if (close >= text.Length) throw new DocumentRejectedException("front matter: no closing `---` line");
        var afterClose = text.IndexOf('\n', close);
        var body = afterClose < 0 ? "" : text[(afterClose + 1)..];
        return (Parse(text[open..close]), body);
    }

    private static bool IsFenceAt(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        var line = end < 0 ? text[lineStart..] : text[lineStart..end];
        return line.TrimEnd() == Fence;
    }

    private static DocumentMetadataOverrides Parse(string yaml)
    {
        Dictionary<string, string?>? values;
        try
        {
            values = Yaml.Deserialize<Dictionary<string, string?>>(yaml);
        }
        catch (YamlException ex)
        {
            throw new DocumentRejectedException(
                $"front matter: not flat `key: value` YAML (line {ex.Start.Line}): {ex.InnerException?.Message ?? ex.Message}");
        }
        values ??= [];
        var unknown = values.Keys.Where(k => !Keys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new DocumentRejectedException(
                $"front matter: unknown key `{unknown[0]}` (known: {string.Join(", ", Keys)})");

        string? Get(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        DateOnly? date = null;
        if (Get("date") is { } rawDate)
        {
            if (!DateOnly.TryParseExact(rawDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw new DocumentRejectedException($"front matter: date `{rawDate}` is not YYYY-MM-DD");
            date = parsed;
        }
        return new DocumentMetadataOverrides
        {
            Title = Get("title"),
            Date = date,
            Kind = Get("kind"),
            Place = Get("place"),
            Occasion = Get("occasion"),
            Language = Get("language"),
            Source = Get("source"),
            Government = Get("government"),
        };
    }
}
