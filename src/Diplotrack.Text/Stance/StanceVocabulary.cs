namespace Diplotrack.Text.Stance;

/// <summary>Values the stance computation writes into <c>stance_observations</c> and <c>stance_changes</c>.</summary>
public static class StanceVocabulary
{
    /// <summary>The theme of an observation over the statements of every theme.</summary>
    public const string AllThemes = "*";

    public const string Change = "change";
    public const string SignFlip = "sign_flip";
    public const string FirstAppearance = "first_appearance";
    public const string Disappearance = "disappearance";
}
