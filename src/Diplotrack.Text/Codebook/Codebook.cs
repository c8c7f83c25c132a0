using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplotrack.Text.Codebook;

/// <summary>An actor of codebook §2: country, territory, organisation, region or <c>UNNAMED</c>.</summary>
public sealed record Actor(string Id, string Kind, string NameEn, string NameZh);

/// <summary>Another way the text names an actor. <see cref="Kind"/>: name, official, short, person, dyad, self-pronoun, unnamed-phrase, alternative (another reading of an ambiguous short form or dyad, chosen when only it is named in full nearby).</summary>
public sealed record ActorAlias(string ActorId, string Alias, string Kind);

public sealed record Outlet(string Name, string Country);

public sealed record Theme(string Id, string NameEn, string NameZh);

public sealed record ThemeCue(string Theme, string Cue, double Weight);

/// <summary>A stance cue: weight −2..+2 (codebook §4); kind is a label for people (praise, positive, critical, hostile).</summary>
public sealed record StanceCue(string Cue, int Weight, string Kind);

public sealed record Intensifier(string Term, double Factor);

/// <summary><see cref="Position"/>: <c>after</c> (但: what follows carries the stance) or <c>before</c> (虽然: the clause it opens is conceded).</summary>
public sealed record Concession(string Term, string Position, string Note);

/// <summary>A regular expression over one sentence, e.g. <c>何在[？?]</c> for a rhetorical accusation.</summary>
public sealed record RhetoricalPattern(string Pattern, int Stance, string Note);

/// <summary>A diplomatic formula; lower rank = stronger. Its stance is used as a cue.</summary>
public sealed record LadderFormula(string Formula, int Rank, int Stance);

/// <summary>A term used by a coding rule (blocker, compound-before, object-marker, conduct-marker, ...). See seed/codebook/README.md.</summary>
public sealed record CoderRule(string Kind, string Term, string Note);

/// <summary>
/// The reference data of one codebook version: everything the automatic coder knows.
/// Loaded from the CSV directory people edit, stored as JSON (jsonb) per version.
/// </summary>
public sealed record Codebook
{
    public required int Version { get; init; }
    public required IReadOnlyList<Actor> Actors { get; init; }
    public required IReadOnlyList<ActorAlias> Aliases { get; init; }
    public required IReadOnlyList<Outlet> Outlets { get; init; }
    public required IReadOnlyList<Theme> Themes { get; init; }
    public required IReadOnlyList<ThemeCue> ThemeCues { get; init; }
    public required IReadOnlyList<StanceCue> StanceCues { get; init; }
    public required IReadOnlyList<string> Negators { get; init; }
    public required IReadOnlyList<Intensifier> Intensifiers { get; init; }
    public required IReadOnlyList<Concession> Concessions { get; init; }
    public required IReadOnlyList<RhetoricalPattern> Rhetorical { get; init; }
    public required IReadOnlyList<LadderFormula> Ladder { get; init; }
    public required IReadOnlyList<CoderRule> Rules { get; init; }
    /// <summary>The English reference data (<c>en/</c>); null when the codebook has none. Left out of the JSON when null so
    /// that versions stored before English coding keep their content hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Coding.English.EnglishCodebook? English { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Keep Chinese readable in the stored jsonb and in diffs between versions.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static Codebook FromJson(string json) =>
        JsonSerializer.Deserialize<Codebook>(json, JsonOptions)
        ?? throw new InvalidDataException("codebook JSON is empty (null)");

    /// <summary>Lower-case hex SHA-256 of <see cref="ToJson"/>: tells two stored versions apart even if someone forgot to bump the number.</summary>
    public string ContentSha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));

    /// <summary>The country of a news outlet as printed (<c>彭博社</c> → US), or null when unknown.</summary>
    public string? OutletCountry(string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet)) return null;
        var name = outlet.Trim();
        // Longest listed name that the printed label starts with or contains (中央广播电视总台央视记者).
        return Outlets.Where(o => name.Contains(o.Name, StringComparison.Ordinal))
            .OrderByDescending(o => o.Name.Length).FirstOrDefault()?.Country;
    }

    public IEnumerable<string> RuleTerms(string kind) =>
        Rules.Where(r => r.Kind == kind).Select(r => r.Term);
}
