using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplotrack.Text.Tests.Support;

public sealed record GoldTarget(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("stance")] int Stance,
    [property: JsonPropertyName("source")] string Source);

public sealed record GoldStatement(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("targets")] IReadOnlyList<GoldTarget> Targets,
    [property: JsonPropertyName("themes")] IReadOnlyList<string> Themes);

public static class GoldFile
{
    public static IReadOnlyList<GoldStatement> Read(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select((l, i) => JsonSerializer.Deserialize<GoldStatement>(l) ?? throw new InvalidDataException($"{path}:{i + 1}: null"))
            .ToList();
}
