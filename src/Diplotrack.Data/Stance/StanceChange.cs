namespace Diplotrack.Data.Stance;

/// <summary>
/// What happened between two consecutive observations of the same key (codebook §5): a change (or sign flip) with
/// its significance, a first appearance, or a disappearance. Derived, replaced atomically, never edited by hand.
/// </summary>
public class StanceChange
{
    public long Id { get; set; }
    public required string SpeakerActorId { get; set; }
    public required string TargetActorId { get; set; }
    public required string Theme { get; set; }
    public required string Grain { get; set; }
    public required string DocumentKind { get; set; }
    public bool IsSelfReference { get; set; }
    /// <summary><c>change</c>, <c>sign_flip</c>, <c>first_appearance</c> or <c>disappearance</c>.</summary>
    public required string EventType { get; set; }
    /// <summary>The earlier observation's period; null for a first appearance.</summary>
    public DateOnly? PreviousPeriodStart { get; set; }
    public long? PreviousDocumentId { get; set; }
    /// <summary>The later observation's period; for a disappearance, the speaker's next period in which the target is missing.</summary>
    public DateOnly CurrentPeriodStart { get; set; }
    public long? CurrentDocumentId { get; set; }
    /// <summary>Periods in which the speaker spoke but not about the target, between the two observations.</summary>
    public int? GapPeriods { get; set; }
    public int? PreviousN { get; set; }
    public int? CurrentN { get; set; }
    public double? PreviousStanceIndex { get; set; }
    public double? CurrentStanceIndex { get; set; }
    public double? PreviousSalience { get; set; }
    public double? CurrentSalience { get; set; }
    public double? DeltaStance { get; set; }
    public double? DeltaSalience { get; set; }
    /// <summary><c>up</c>, <c>down</c> or <c>flat</c> (stance index); null for appearances and disappearances.</summary>
    public string? Direction { get; set; }
    /// <summary>Two-sided p of the permutation test of the difference in mean stance (docs/decisions/0005).</summary>
    public double? PValue { get; set; }
    /// <summary>Benjamini–Hochberg adjusted p within (speaker, document kind, grain, current period).</summary>
    public double? QValue { get; set; }
    public bool Significant { get; set; }
    /// <summary><c>permutation-exact</c> or <c>permutation-normal</c>.</summary>
    public string? TestMethod { get; set; }
    public List<int> CodebookVersions { get; set; } = [];
    public required string ContentHash { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    // The statements that drove the event, stored as three parallel arrays (later side first, strongest first on each
    // side) because a full recompute writes half a million changes: arrays cost a fraction of rows or of jsonb (ADR 0013).
    public List<long> EvidenceStatementIds { get; set; } = [];
    public List<short> EvidenceStances { get; set; } = [];
    public List<double> EvidenceContributions { get; set; } = [];
    /// <summary>How many of the evidence statements are on the later side; the rest are on the earlier side.</summary>
    public short EvidenceCurrentCount { get; set; }

    /// <summary>The evidence as items (not a column): later side first, strongest first.</summary>
    public IReadOnlyList<StanceChangeEvidence> Evidence => EvidenceStatementIds.Select((id, i) => new StanceChangeEvidence
    {
        Side = i < EvidenceCurrentCount ? StanceChangeEvidence.Current : StanceChangeEvidence.Previous,
        Rank = (short)(i < EvidenceCurrentCount ? i + 1 : i - EvidenceCurrentCount + 1),
        StatementId = id,
        Stance = EvidenceStances[i],
        Contribution = EvidenceContributions[i],
    }).ToList();

    public const string Change = Text.Stance.StanceVocabulary.Change;
    public const string SignFlip = Text.Stance.StanceVocabulary.SignFlip;
    public const string FirstAppearance = Text.Stance.StanceVocabulary.FirstAppearance;
    public const string Disappearance = Text.Stance.StanceVocabulary.Disappearance;
}

public class StanceChangeConfiguration : IEntityTypeConfiguration<StanceChange>
{
    public void Configure(EntityTypeBuilder<StanceChange> b)
    {
        b.ToTable("stance_changes", t =>
        {
            t.HasCheckConstraint("ck_stance_changes_grain", "grain IN ('document', 'month', 'quarter', 'year')");
            t.HasCheckConstraint("ck_stance_changes_event", "event_type IN ('change', 'sign_flip', 'first_appearance', 'disappearance')");
            t.HasCheckConstraint("ck_stance_changes_direction", "direction IN ('up', 'down', 'flat')");
            t.HasCheckConstraint("ck_stance_changes_p", "p_value BETWEEN 0 AND 1 AND q_value BETWEEN 0 AND 1");
            t.HasCheckConstraint("ck_stance_changes_document",
                "(grain = 'document') = (current_document_id IS NOT NULL) AND (grain <> 'document' OR (previous_document_id IS NULL) = (previous_period_start IS NULL))");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.SpeakerActorId).HasMaxLength(32);
        b.Property(x => x.TargetActorId).HasMaxLength(32);
        b.Property(x => x.Theme).HasMaxLength(32);
        b.Property(x => x.Grain).HasMaxLength(8);
        b.Property(x => x.DocumentKind).HasMaxLength(64);
        b.Property(x => x.EventType).HasMaxLength(16);
        b.Property(x => x.Direction).HasMaxLength(8);
        b.Property(x => x.TestMethod).HasMaxLength(32);
        b.Property(x => x.ContentHash).HasMaxLength(32).IsFixedLength();
        // One event per key and later period (a disappearance's period has no observation, so it cannot clash).
        b.HasIndex(x => new { x.SpeakerActorId, x.DocumentKind, x.Grain, x.TargetActorId, x.Theme, x.CurrentPeriodStart, x.CurrentDocumentId })
            .IsUnique().AreNullsDistinct(false).HasDatabaseName("ux_stance_changes_key");
        b.HasIndex(x => new { x.TargetActorId, x.Grain, x.Significant });
        // No foreign keys to actors: the stance job checks its rows where they come from (coding_targets and speakers hold
        // the keys), and a per-row key check on hundreds of thousands of derived rows cost more than the rest of the job (ADR 0013).
        b.Ignore(x => x.Evidence);
    }
}
