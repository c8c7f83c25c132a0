using Diplotrack.Data.Reference;

namespace Diplotrack.Data.Documents;

/// <summary>One sentence of a speaker, traced to <c>[span_start, span_end)</c> of the document's normalised text.</summary>
public class Statement
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    public long? ExchangeId { get; set; }
    public Exchange? Exchange { get; set; }
    /// <summary>0-based order within the document.</summary>
    public int Ordinal { get; set; }
    /// <summary><c>answer</c>, <c>question</c>, <c>opening</c>, <c>highlight</c> or <c>narrative</c>.</summary>
    public required string Kind { get; set; }
    public int? SpeakerId { get; set; }
    public Speaker? Speaker { get; set; }
    public int SpanStart { get; set; }
    public int SpanEnd { get; set; }
    /// <summary>Equal to the span's text; kept so that reports need not slice documents.</summary>
    public required string Text { get; set; }
    public string? Section { get; set; }

    /// <summary>For a highlight: the answer statements it repeats.</summary>
    public List<HighlightSource> HighlightSources { get; set; } = [];
}

public class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("statements", t =>
        {
            t.HasCheckConstraint("ck_statements_span", "span_start >= 0 AND span_start < span_end");
            t.HasCheckConstraint("ck_statements_kind", "kind IN ('answer', 'question', 'opening', 'highlight', 'narrative')");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.Section).HasMaxLength(500);
        b.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
        b.HasIndex(x => x.ExchangeId);
        b.HasOne(x => x.Document).WithMany(d => d.Statements).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Exchange).WithMany().HasForeignKey(x => x.ExchangeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Speaker).WithMany().HasForeignKey(x => x.SpeakerId).OnDelete(DeleteBehavior.Restrict);
    }
}
