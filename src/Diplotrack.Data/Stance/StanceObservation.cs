namespace Diplotrack.Data.Stance;

/// <summary>
/// How one speaker's government spoke about one target in one period (codebook §5): derived by the stance jobs from
/// the current codings of <c>answer</c>/<c>opening</c> statements, replaced atomically, never edited by hand.
/// A period in which the speaker said nothing about the target has no row: missing, not zero.
/// </summary>
public class StanceObservation
{
    public long Id { get; set; }
    public required string SpeakerActorId { get; set; }
    public required string TargetActorId { get; set; }
    /// <summary>A theme id, or <see cref="AllThemes"/> for the statements of every theme.</summary>
    public required string Theme { get; set; }
    /// <summary><c>document</c>, <c>month</c>, <c>quarter</c> or <c>year</c>.</summary>
    public required string Grain { get; set; }
    /// <summary>First day of the month/quarter/year; the document's date for the document grain.</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>Only for the document grain. Not a foreign key: derived rows must not block deleting a document.</summary>
    public long? DocumentId { get; set; }
    /// <summary>Venues are compared only with their own kind (a yearly press conference is not a daily briefing).</summary>
    public required string DocumentKind { get; set; }
    /// <summary>Target = the speaker's own actor: reported apart from stance toward others.</summary>
    public bool IsSelfReference { get; set; }
    public int NStatements { get; set; }
    /// <summary>Stance histogram (−2, −1, 0, +1, +2): the significance test needs the distribution, not only the mean.</summary>
    public int NHostile { get; set; }
    public int NCritical { get; set; }
    public int NNeutral { get; set; }
    public int NPositive { get; set; }
    public int NCooperative { get; set; }
    /// <summary>Mean stance, −2..+2.</summary>
    public double StanceIndex { get; set; }
    /// <summary>Sample variance; null when there is one statement.</summary>
    public double? StanceVariance { get; set; }
    public double? StanceSd { get; set; }
    /// <summary>The speaker's counted (answer/opening, coded) statements in the period: the salience denominator.</summary>
    public int SpeakerStatements { get; set; }
    /// <summary><see cref="NStatements"/> / <see cref="SpeakerStatements"/>.</summary>
    public double Salience { get; set; }
    public List<int> CodebookVersions { get; set; } = [];
    /// <summary>Hash of the row's content (XXH128, hex): a recompute that produces the same content leaves the row untouched.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    public const string AllThemes = Text.Stance.StanceVocabulary.AllThemes;
}

public class StanceObservationConfiguration : IEntityTypeConfiguration<StanceObservation>
{
    public void Configure(EntityTypeBuilder<StanceObservation> b)
    {
        b.ToTable("stance_observations", t =>
        {
            t.HasCheckConstraint("ck_stance_observations_grain", "grain IN ('document', 'month', 'quarter', 'year')");
            t.HasCheckConstraint("ck_stance_observations_document", "(grain = 'document') = (document_id IS NOT NULL)");
            t.HasCheckConstraint("ck_stance_observations_index", "stance_index BETWEEN -2 AND 2");
            t.HasCheckConstraint("ck_stance_observations_salience", "salience > 0 AND salience <= 1");
            t.HasCheckConstraint("ck_stance_observations_histogram",
                "n_statements > 0 AND n_hostile + n_critical + n_neutral + n_positive + n_cooperative = n_statements");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.SpeakerActorId).HasMaxLength(32);
        b.Property(x => x.TargetActorId).HasMaxLength(32);
        b.Property(x => x.Theme).HasMaxLength(32);
        b.Property(x => x.Grain).HasMaxLength(8);
        b.Property(x => x.DocumentKind).HasMaxLength(64);
        b.Property(x => x.ContentHash).HasMaxLength(32).IsFixedLength();
        // One row per key and period; the document id is null except for the document grain.
        b.HasIndex(x => new { x.SpeakerActorId, x.DocumentKind, x.Grain, x.TargetActorId, x.Theme, x.PeriodStart, x.DocumentId })
            .IsUnique().AreNullsDistinct(false).HasDatabaseName("ux_stance_observations_key");
        b.HasIndex(x => new { x.TargetActorId, x.Grain });
        b.HasIndex(x => x.DocumentId);
        // No foreign keys to actors: the stance job checks its rows where they come from (coding_targets and speakers hold
        // the keys), and a per-row key check on hundreds of thousands of derived rows cost more than the rest of the job (ADR 0013).
    }
}
