using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplotrack.Text.Evaluation;

/// <summary>One target of a gold (or hand-coded) statement: codebook §2 actor, §4 stance, explicit/contextual.</summary>
public sealed record GoldTarget(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("stance")] int Stance,
    [property: JsonPropertyName("source")] string? Source = null);

/// <summary>
/// One statement of a gold file in the format of <c>shared/eval/seed-gold.jsonl</c>; briefing gold also carries
/// <see cref="Index"/> (the sentence's place in the briefing's sentence list), which pairs two codings of the same file.
/// </summary>
public sealed record GoldStatement(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("section")] string? Section,
    [property: JsonPropertyName("targets")] IReadOnlyList<GoldTarget> Targets,
    [property: JsonPropertyName("themes")] IReadOnlyList<string> Themes,
    [property: JsonPropertyName("index")] int? Index = null,
    [property: JsonPropertyName("note")] string? Note = null);

/// <summary>The gold coding of one document: the file's name without <c>.jsonl</c> and its statements in order.</summary>
public sealed record GoldDocument(string Name, IReadOnlyList<GoldStatement> Statements);

/// <summary>Reads gold files: JSONL, one statement per line; a folder holds one file per document.</summary>
public static class GoldSet
{
    public static IReadOnlyList<GoldStatement> ReadFile(string path) =>
        File.ReadLines(path).Select((line, i) => (line, i)).Where(l => !string.IsNullOrWhiteSpace(l.line))
            .Select(l => Parse(l.line, $"{path}:{l.i + 1}"))
            .ToList();

    /// <summary>Every <c>*.jsonl</c> of <paramref name="folder"/> (not its subfolders), ordered by name so results are reproducible.</summary>
    public static IReadOnlyList<GoldDocument> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"gold folder not found: {folder}");
        return Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(f => new GoldDocument(Path.GetFileNameWithoutExtension(f), ReadFile(f)))
            .ToList();
    }

    private static GoldStatement Parse(string line, string where)
    {
        try
        {
            var s = JsonSerializer.Deserialize<GoldStatement>(line) ?? throw new InvalidDataException($"{where}: null");
            // A file written by hand may omit an empty list; treat it as empty rather than fail the whole score.
            return s with { Targets = s.Targets ?? [], Themes = s.Themes ?? [] };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{where}: {ex.Message}", ex);
        }
    }
}
