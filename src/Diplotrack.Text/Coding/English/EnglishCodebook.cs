using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Diplotrack.Text.Codebook;

namespace Diplotrack.Text.Coding.English;

/// <summary>An English alias of an actor. <see cref="Kind"/>: name, official, adjective, person, self-pronoun, unnamed-phrase.</summary>
public sealed record EnglishAlias(string ActorId, string Alias, string Kind);

/// <summary>A term; a trailing <c>*</c> lets the last word take any ending (<c>condemn*</c>: condemns, condemnation).</summary>
public sealed record EnglishStanceCue(string Cue, int Weight, string Kind);

public sealed record EnglishFormula(string Formula, int Rank, int Stance);

public sealed record EnglishThemeCue(string Theme, string Cue, double Weight);

public sealed record EnglishSpokesperson(string NameEn, string NameZh);

/// <summary>
/// The English reference data (<c>seed/codebook/en/</c>): how the Ministry's English names actors and voices stance.
/// Part of the codebook version (it rides in <see cref="Codebook.Codebook.English"/>), so an English coding is
/// reproducible from the stored version exactly as a Chinese one is. Actor, theme and outlet ids are the shared ones.
/// </summary>
public sealed record EnglishCodebook
{
    public required IReadOnlyList<EnglishAlias> Aliases { get; init; }
    public required IReadOnlyList<Outlet> Outlets { get; init; }
    public required IReadOnlyList<EnglishThemeCue> ThemeCues { get; init; }
    public required IReadOnlyList<EnglishStanceCue> StanceCues { get; init; }
    public required IReadOnlyList<EnglishFormula> Formulas { get; init; }
    public required IReadOnlyList<string> Negators { get; init; }
    public required IReadOnlyList<Intensifier> Intensifiers { get; init; }
    public required IReadOnlyList<Concession> Concessions { get; init; }
    public required IReadOnlyList<RhetoricalPattern> Rhetorical { get; init; }
    public required IReadOnlyList<CoderRule> Rules { get; init; }
    public required IReadOnlyList<EnglishSpokesperson> Spokespersons { get; init; }

    public IEnumerable<string> RuleTerms(string kind) => Rules.Where(r => r.Kind == kind).Select(r => r.Term);

    /// <summary>The country of an outlet as printed in an English label (<c>Reuters</c> → GB), longest name first.</summary>
    public string? OutletCountry(string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet)) return null;
        return Outlets.Where(o => outlet.Contains(o.Name, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(o => o.Name.Length).FirstOrDefault()?.Country;
    }
}

/// <summary>Rule kinds of <c>en/rules.csv</c>; see seed/codebook/en/README.md.</summary>
public static class EnglishRules
{
    public const string Blocker = "blocker";
    public const string ObjectMarker = "object-marker";
    public const string ConductMarker = "conduct-marker";
    public const string SpeechAct = "speech-act";
    public const string IntentionMarker = "intention-marker";
    public const string HopeVerb = "hope-verb";
    public const string Comply = "comply";
    public const string Cooperate = "cooperate";
    public const string JointMarker = "joint-marker";
    public const string ReportingVerb = "reporting-verb";
    public const string Anaphor = "anaphor";
    public const string Procedural = "procedural";
    public const string StatusSuffix = "status-suffix";
    /// <summary>After "we": the words that make it China's own intention or standing position (we will, we always).</summary>
    public const string PronounMarker = "pronoun-marker";
    /// <summary>Words of an event whose place ("in X") is not an actor: meeting, summit, held.</summary>
    public const string VenueWord = "venue-word";
    /// <summary>Titles before a name (Prime Minister, Foreign Minister): an official the sentence refers to.</summary>
    public const string Title = "title";

    public static readonly string[] Kinds =
        [Blocker, ObjectMarker, ConductMarker, SpeechAct, IntentionMarker, HopeVerb, Comply, Cooperate, JointMarker, ReportingVerb, Anaphor, Procedural, StatusSuffix, PronounMarker, VenueWord, Title];
}

/// <summary>Reads <c>seed/codebook/en/</c>; errors name file, line and column like <see cref="CodebookLoader"/>.</summary>
public static class EnglishCodebookLoader
{
    private static readonly string[] AliasKinds = ["name", "official", "adjective", "person", "self-pronoun", "unnamed-phrase"];

    /// <summary>Null when the directory does not exist: a codebook without English data codes Chinese only.</summary>
    public static EnglishCodebook? LoadIfPresent(string directory, IReadOnlySet<string> actorIds, IReadOnlySet<string> themeIds) =>
        Directory.Exists(directory) ? Load(directory, actorIds, themeIds) : null;

    public static EnglishCodebook Load(string directory, IReadOnlySet<string> actorIds, IReadOnlySet<string> themeIds) => new()
    {
        Aliases = Read(directory, "aliases.csv", r => new EnglishAlias(r.OneOf("actor_id", actorIds), r.Req("alias"), r.OneOf("kind", AliasKinds))),
        Outlets = Read(directory, "outlets.csv", r => new Outlet(r.Req("outlet"), r.OneOf("country", actorIds))),
        ThemeCues = Read(directory, "theme_cues.csv", r => new EnglishThemeCue(r.OneOf("theme", themeIds), r.Req("cue"), r.Number("weight", 0.1, 10))),
        StanceCues = Read(directory, "stance_cues.csv", r => new EnglishStanceCue(r.Req("cue"), (int)r.Number("weight", -2, 2), r.Req("kind"))),
        Formulas = Read(directory, "formulas.csv", r => new EnglishFormula(r.Req("formula"), (int)r.Number("rank", 0, 1000), (int)r.Number("stance", -2, 2))),
        Negators = Read(directory, "negators.csv", r => r.Req("term")),
        Intensifiers = Read(directory, "intensifiers.csv", r => new Intensifier(r.Req("term"), r.Number("factor", 1, 3))),
        Concessions = Read(directory, "concessions.csv", r => new Concession(r.Req("term"), r.OneOf("position", ["before", "after"]), r.Opt("note"))),
        Rhetorical = Read(directory, "rhetorical.csv", r => new RhetoricalPattern(r.Regex("pattern"), (int)r.Number("stance", -2, 2), r.Opt("note"))),
        Rules = Read(directory, "rules.csv", r => new CoderRule(r.OneOf("kind", EnglishRules.Kinds), r.Req("term"), r.Opt("note"))),
        Spokespersons = Read(directory, "spokespersons.csv", r => new EnglishSpokesperson(r.Req("name_en"), r.Req("name_zh"))),
    };

    // The same CSV reading and checks as the Chinese codebook; messages name the file as en/<file>.
    private static List<T> Read<T>(string directory, string file, Func<CodebookLoader.Row, T> map) =>
        CodebookLoader.Read(directory, file, map, "en/" + file);
}
