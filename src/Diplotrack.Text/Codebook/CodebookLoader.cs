using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Diplotrack.Text.Codebook;

/// <summary>A codebook directory that cannot be used; the message names file and line.</summary>
public sealed class CodebookException(string message) : Exception(message);

/// <summary>Reads the people-editable CSV files of <c>seed/codebook/</c> into a <see cref="Codebook"/>.</summary>
public static class CodebookLoader
{
    private static readonly string[] ActorKinds = ["country", "territory", "organisation", "region", "unnamed"];
    private static readonly string[] AliasKinds = ["name", "official", "short", "person", "dyad", "self-pronoun", "unnamed-phrase", "alternative"];

    public static Codebook Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new CodebookException($"codebook directory not found: {directory}");
        var versionText = ReadRequired(directory, "version.txt").Trim();
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            throw new CodebookException($"version.txt: expected a positive integer, found '{versionText}'");

        var actors = Read(directory, "actors.csv", r => new Actor(
            r.Req("id"), r.OneOf("kind", ActorKinds), r.Req("name_en"), r.Req("name_zh")));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in actors)
            if (!ids.Add(a.Id)) throw new CodebookException($"actors.csv: duplicate id '{a.Id}'");

        var aliases = Read(directory, "aliases.csv", r => new ActorAlias(
            r.Actor("actor_id", ids), r.Req("alias"), r.OneOf("kind", AliasKinds)));
        var outlets = Read(directory, "outlets.csv", r => new Outlet(r.Req("outlet"), r.Actor("country", ids)));
        var themes = Read(directory, "themes.csv", r => new Theme(r.Req("id"), r.Req("name_en"), r.Req("name_zh")));
        var themeIds = themes.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var themeCues = Read(directory, "theme_cues.csv", r => new ThemeCue(
            r.Actor("theme", themeIds), r.Req("cue"), r.Number("weight", 0.1, 10)));
        var stanceCues = Read(directory, "stance_cues.csv", r => new StanceCue(
            r.Req("cue"), (int)r.Number("weight", -2, 2), r.Req("kind")));
        var negators = Read(directory, "negators.csv", r => r.Req("term"));
        var intensifiers = Read(directory, "intensifiers.csv", r => new Intensifier(r.Req("term"), r.Number("factor", 1, 3)));
        var concessions = Read(directory, "concessions.csv", r => new Concession(
            r.Req("term"), r.OneOf("position", ["before", "after"]), r.Opt("note")));
        var rhetorical = Read(directory, "rhetorical.csv", r => new RhetoricalPattern(
            r.Regex("pattern"), (int)r.Number("stance", -2, 2), r.Opt("note")));
        var ladder = Read(directory, "ladder.csv", r => new LadderFormula(
            r.Req("formula"), (int)r.Number("rank", 0, 1000), (int)r.Number("stance", -2, 2)));
        var rules = Read(directory, "rules.csv", r => new CoderRule(r.OneOf("kind", CoderRules.Kinds), r.Req("term"), r.Opt("note")));

        return new Codebook
        {
            Version = version, Actors = actors, Aliases = aliases, Outlets = outlets, Themes = themes,
            ThemeCues = themeCues, StanceCues = stanceCues, Negators = negators, Intensifiers = intensifiers,
            Concessions = concessions, Rhetorical = rhetorical, Ladder = ladder, Rules = rules,
            English = Coding.English.EnglishCodebookLoader.LoadIfPresent(Path.Combine(directory, "en"), ids, themeIds),
        };
    }

    private static string ReadRequired(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new CodebookException($"{file}: missing from codebook directory {directory}");
        return File.ReadAllText(path);
    }

    /// <summary>Reads one CSV file of the codebook; <paramref name="name"/> is how messages name it (default the file).</summary>
    internal static List<T> Read<T>(string directory, string file, Func<Row, T> map, string? name = null)
    {
        var path = Path.Combine(directory, file);
        name ??= file;
        if (!File.Exists(path)) throw new CodebookException($"{name}: missing from codebook directory {directory}");
        // Comma fixed (no sniffing: a one-column file has nothing to detect from); line numbers for error messages.
        var options = CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true };
        using var csv = CsvReader.FromFile(path, options);
        var list = new List<T>();
        try
        {
            if (csv.Headers.Count == 0) throw new CodebookException($"{name}: no header row");
            while (csv.Read()) list.Add(map(new Row(csv, name)));
        }
        catch (CsvFormatException e)
        {
            throw new CodebookException($"{name}:{e.LineNumber}: {e.Message.Split('\n')[0]}");
        }
        return list;
    }

    /// <summary>One CSV row with checks that name the file, line and column on failure.</summary>
    internal sealed class Row(CsvReader csv, string file)
    {
        private CodebookException Error(string column, string message) =>
            new($"{file}:{csv.LineNumber}: column '{column}': {message}");

        private bool Has(string column) => csv.Headers.Contains(column);

        public string Opt(string column) => Has(column) ? csv.GetString(column) : "";

        public string Req(string column)
        {
            if (!Has(column)) throw Error(column, "missing from the header row");
            var v = csv.GetString(column);
            return string.IsNullOrWhiteSpace(v) ? throw Error(column, "is empty") : v;
        }

        public string OneOf(string column, IReadOnlyCollection<string> allowed)
        {
            var v = Req(column);
            return allowed.Contains(v) ? v : throw Error(column, $"'{v}' is not one of {string.Join(", ", allowed)}");
        }

        public string Actor(string column, IReadOnlySet<string> ids)
        {
            var v = Req(column);
            return ids.Contains(v) ? v : throw Error(column, $"unknown id '{v}'");
        }

        public double Number(string column, double min, double max)
        {
            var v = Req(column);
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d < min || d > max)
                throw Error(column, $"'{v}' is not a number in [{min}, {max}]");
            return d;
        }

        public string Regex(string column)
        {
            var v = Req(column);
            try { _ = new Regex(v); }
            catch (ArgumentException e) { throw Error(column, $"invalid regular expression: {e.Message}"); }
            return v;
        }
    }
}

/// <summary>The kinds of rule terms in rules.csv and what the coder does with them.</summary>
public static class CoderRules
{
    public const string Blocker = "blocker";
    public const string CompoundBefore = "compound-before";
    public const string CompoundAfter = "compound-after";
    public const string ObjectMarker = "object-marker";
    public const string ConductMarker = "conduct-marker";
    public const string ElidedOpener = "elided-opener";
    public const string IntentionMarker = "intention-marker";
    public const string StatusSuffix = "status-suffix";
    public const string HopeVerb = "hope-verb";
    public const string Comply = "comply";
    public const string Cooperate = "cooperate";
    /// <summary>Own country doing something together with others (同…一道, 携手): its positive cues are about the counterpart too.</summary>
    public const string JointMarker = "joint-marker";
    /// <summary>A journalist reporting another's words (X称, 指责): cues from here on are the reported party's, not the question's.</summary>
    public const string ReportingVerb = "reporting-verb";
    /// <summary>A subjectless sentence opening that continues the previous sentence's urging (…敦促美方…。停止…).</summary>
    public const string ContinuationOpener = "continuation-opener";

    /// <summary>An unnamed phrase that points back at the exchange's counterpart (有关国家, 有关方面) when the question names one.</summary>
    public const string Anaphor = "anaphor";

    /// <summary>Words pointing back at someone's act or words (这种做法, 此举, 他们): a sentence naming no actor but holding one is about the counterpart.</summary>
    public const string CounterpartReference = "counterpart-reference";

    public static readonly string[] Kinds =
        [Blocker, CompoundBefore, CompoundAfter, ObjectMarker, ConductMarker, ElidedOpener, IntentionMarker, StatusSuffix, HopeVerb, Comply, Cooperate,
         JointMarker, ReportingVerb, ContinuationOpener, Anaphor, CounterpartReference];
}
