namespace Diplotrack.Text.Coding;

/// <summary><see cref="Ambiguous"/>: the alias also has <c>alternative</c> rows (中巴: Pakistan or Brazil), resolved by <see cref="NameScope"/>.</summary>
internal sealed record Mention(int Start, int End, string Term, string Kind, IReadOnlyList<string> Actors, bool Dyad, bool Status, bool Ambiguous = false);

/// <summary>Actors named in full (name, official, person) in a statement's exchange and in its document.</summary>
internal sealed record NameScope(IReadOnlySet<string> Exchange, IReadOnlySet<string> Document);

/// <summary><see cref="Dominant"/>: a diplomatic formula or a rhetorical accusation, which decides the stance on its own.</summary>
internal sealed record Cue(int Start, int End, string Term, double Weight, bool Dominant = false, bool Rhetorical = false, bool Conceded = false, bool Praise = false, bool Hope = false);

/// <summary>
/// What the coder finds in one sentence before any context is applied: actor mentions, stance cues, theme scores, the
/// explicit targets (mentions after the self-reference rule), whether it opens with an elided subject and whether it
/// points back at someone's act or words (<see cref="PointsBack"/>: 这种做法, 此举, 他们).
/// </summary>
internal sealed record Analysis(
    string Text, int Offset, string? Own, List<Mention> Mentions, List<Cue> Cues,
    Dictionary<string, (double Score, int First)> Themes, List<(string Actor, Mention Mention)> Explicit, bool ElidedOpener, bool PointsBack = false);
