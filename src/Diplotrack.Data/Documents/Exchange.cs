using Diplotrack.Data.Reference;

namespace Diplotrack.Data.Documents;

/// <summary>One question and its answer (or an opening announcement), with the asker's outlet.</summary>
public class Exchange
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    /// <summary>0-based order within the document.</summary>
    public int Ordinal { get; set; }
    /// <summary>The section heading the exchange sits under, if the format has one.</summary>
    public string? Section { get; set; }
    public int? OutletId { get; set; }
    public Outlet? Outlet { get; set; }
    public int? AnswererId { get; set; }
    public Speaker? Answerer { get; set; }
    public int SpanStart { get; set; }
    public int SpanEnd { get; set; }
}

public class ExchangeConfiguration : IEntityTypeConfiguration<Exchange>
{
    public void Configure(EntityTypeBuilder<Exchange> b)
    {
        b.ToTable("exchanges", t => t.HasCheckConstraint("ck_exchanges_span", "span_start >= 0 AND span_start <= span_end"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Section).HasMaxLength(500);
        b.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
        b.HasOne(x => x.Document).WithMany(d => d.Exchanges).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Outlet).WithMany().HasForeignKey(x => x.OutletId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Answerer).WithMany().HasForeignKey(x => x.AnswererId).OnDelete(DeleteBehavior.Restrict);
    }
}
