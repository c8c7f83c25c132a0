using System.Text.RegularExpressions;
using Diplotrack.Text.Codebook;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Everything the coder looks up, built once per codebook version: one Aho–Corasick automaton over all terms (aliases,
/// blockers, cues, formulas, theme cues, negators, intensifiers; ADR 0003) with what each term means, and the word lists
/// of the coding rules. Shared read-only by the parts of the coder.
/// </summary>
internal sealed class CoderLexicon
{
    public const string Unnamed = "UNNAMED";
    public const string Explicit = "explicit";
    public const string Contextual = "contextual";
    public const string Alternative = "alternative";

    private readonly List<TermInfo> _terms = [];
    private readonly Dictionary<string, string> _personActor = new(StringComparer.Ordinal);

    public CodebookData Codebook { get; }
    public AhoCorasick Automaton { get; } = new();
    public string[] CompoundBefore { get; }
    public string[] CompoundAfter { get; }
    public string[] ObjectMarkers { get; }
    public string[] ConductMarkers { get; }
    public string[] ElidedOpeners { get; }
    public string[] IntentionMarkers { get; }
    public string[] StatusSuffixes { get; }
    public string[] Comply { get; }
    public string[] Cooperate { get; }
    public string[] ConcessionAfter { get; }
    public string[] ConcessionBefore { get; }
    public string[] JointMarkers { get; }
    public string[] ReportingVerbs { get; }
    public string[] ContinuationOpeners { get; }
    public string[] CounterpartReferences { get; }
    public HashSet<string> Anaphors { get; }
    public (Regex Regex, int Stance)[] Rhetorical { get; }
    public HashSet<string> Countries { get; }
    public HashSet<string> Regions { get; }

    public CoderLexicon(CodebookData codebook)
    {
        Codebook = codebook;
        foreach (var a in codebook.Actors)
            if (a.Kind != "unnamed") Term(a.NameZh).Actors.Add((a.Id, "name"));
        foreach (var a in codebook.Aliases)
        {
            Term(a.Alias).Actors.Add((a.ActorId, a.Kind));
            if (a.Kind == "person") _personActor.TryAdd(a.Alias, a.ActorId);
        }
        foreach (var t in codebook.RuleTerms(CoderRules.Blocker)) Term(t).Blocker = true;
        foreach (var c in codebook.StanceCues) { var t = Term(c.Cue); t.Stance = c.Weight; t.Praise = c.Kind == "praise"; }
        foreach (var f in codebook.Ladder) { var t = Term(f.Formula); t.Stance = f.Stance; t.Formula = true; } // a formula overrides a plain cue of the same text
        foreach (var h in codebook.RuleTerms(CoderRules.HopeVerb)) Term(h).Hope = true;
        foreach (var c in codebook.ThemeCues) Term(c.Cue).Themes.Add((c.Theme, c.Weight));
        foreach (var n in codebook.Negators) Term(n).Negator = true;
        foreach (var i in codebook.Intensifiers) Term(i.Term).Intensity = i.Factor;
        Automaton.Build();

        CompoundBefore = [.. codebook.RuleTerms(CoderRules.CompoundBefore)];
        CompoundAfter = [.. codebook.RuleTerms(CoderRules.CompoundAfter)];
        ObjectMarkers = [.. codebook.RuleTerms(CoderRules.ObjectMarker)];
        ConductMarkers = [.. codebook.RuleTerms(CoderRules.ConductMarker)];
        ElidedOpeners = [.. codebook.RuleTerms(CoderRules.ElidedOpener)];
        IntentionMarkers = [.. codebook.RuleTerms(CoderRules.IntentionMarker)];
        StatusSuffixes = [.. codebook.RuleTerms(CoderRules.StatusSuffix)];
        Comply = [.. codebook.RuleTerms(CoderRules.Comply)];
        Cooperate = [.. codebook.RuleTerms(CoderRules.Cooperate)];
        JointMarkers = [.. codebook.RuleTerms(CoderRules.JointMarker)];
        ReportingVerbs = [.. codebook.RuleTerms(CoderRules.ReportingVerb)];
        ContinuationOpeners = [.. codebook.RuleTerms(CoderRules.ContinuationOpener)];
        CounterpartReferences = [.. codebook.RuleTerms(CoderRules.CounterpartReference)];
        Anaphors = codebook.RuleTerms(CoderRules.Anaphor).ToHashSet(StringComparer.Ordinal);
        ConcessionAfter = [.. codebook.Concessions.Where(c => c.Position == "after").Select(c => c.Term)];
        ConcessionBefore = [.. codebook.Concessions.Where(c => c.Position == "before").Select(c => c.Term)];
        Countries = codebook.Actors.Where(a => a.Kind is "country" or "territory").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        Regions = codebook.Actors.Where(a => a.Kind == "region").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        Rhetorical = [.. codebook.Rhetorical.Select(r => (new Regex(r.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled), r.Stance))];
    }

    /// <summary>What the automaton's pattern number <paramref name="pattern"/> means.</summary>
    public TermInfo this[int pattern] => _terms[pattern];

    private TermInfo Term(string text)
    {
        var id = Automaton.Add(text);
        while (_terms.Count <= id) _terms.Add(new TermInfo());
        return _terms[id];
    }

    /// <summary>The actor a person's name stands for (<c>王毅</c> → CN), from the person aliases.</summary>
    public string? PersonActor(string? name) =>
        name is null ? null : _personActor.TryGetValue(name.Trim(), out var id) ? id : null;
}

/// <summary>What one automaton term means: it may be an alias, a blocker, a cue and a theme cue at once.</summary>
internal sealed class TermInfo
{
    public List<(string Actor, string Kind)> Actors { get; } = [];
    public bool Blocker { get; set; }
    public int? Stance { get; set; }
    public bool Hope { get; set; }
    public bool Formula { get; set; }
    public bool Praise { get; set; }
    public List<(string Theme, double Weight)> Themes { get; } = [];
    public bool Negator { get; set; }
    public double? Intensity { get; set; }
}
