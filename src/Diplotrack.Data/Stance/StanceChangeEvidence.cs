namespace Diplotrack.Data.Stance;

/// <summary>
/// A statement that drove a stance change: a top contributor on the earlier or the later side. Stored inside its change
/// (the <c>evidence_*</c> arrays of <c>app.stance_changes</c>) because it is derived with the change and always read with
/// it; the view <c>app.stance_change_evidence</c> gives one row per statement for SQL (ADR 0013).
/// </summary>
public class StanceChangeEvidence
{
    /// <summary><c>previous</c> or <c>current</c>.</summary>
    public required string Side { get; set; }
    /// <summary>1 = the strongest contributor on its side.</summary>
    public short Rank { get; set; }
    public long StatementId { get; set; }
    public short Stance { get; set; }
    /// <summary>How far the statement pulls in the change's direction, in stance points (see docs/stance.md).</summary>
    public double Contribution { get; set; }

    public const string Previous = "previous";
    public const string Current = "current";
}
