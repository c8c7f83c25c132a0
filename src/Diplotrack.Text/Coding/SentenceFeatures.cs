namespace Diplotrack.Text.Coding;

/// <summary>A stance cue the rules found: a word or formula (or a rhetorical pattern) with its weight after negation,
/// intensifiers and concession. <see cref="Dominant"/>: a formula or rhetorical accusation, which decides on its own.</summary>
public sealed record CueFeature(int Start, int End, string Term, double Weight, bool Dominant, bool Rhetorical, bool Conceded, bool Praise, bool Hope);

/// <summary>
/// What the rule coder saw in one statement, for a learned layer to use beside the text (issue #12): the actor mentions,
/// the stance cues as used for the coding (a question's reported words removed, a rhetorical question added), theme-cue
/// scores, the exchange's counterparts and theme it could inherit, and the rule decisions that gate inheritance.
/// Offsets are within <see cref="Text"/>.
/// </summary>
public sealed record SentenceFeatures(
    int StatementIndex,
    string Text,
    string Kind,
    string? OwnActor,
    IReadOnlyList<ActorMention> Mentions,
    IReadOnlyList<string> ExplicitActors,
    IReadOnlyList<CueFeature> Cues,
    IReadOnlyDictionary<string, double> ThemeScores,
    IReadOnlyList<string> ContextActors,
    string? ContextTheme,
    bool ElidedOpener,
    bool PointsBack,
    bool AboutAnything,
    bool OwnConductOnly);
