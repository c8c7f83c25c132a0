namespace Diplotrack.Data.Ingestion;

/// <summary>A web source polled for new transcripts: a listing URL, which links on it are transcripts, and their format.</summary>
public class Source
{
    public int Id { get; set; }
    /// <summary>Short unique name, e.g. <c>fmprc-zh</c>.</summary>
    public required string Name { get; set; }
    public required string ListingUrl { get; set; }
    /// <summary>.NET regular expression matched against each absolute link URL on a listing page.</summary>
    public required string LinkPattern { get; set; }
    /// <summary>Id of the <c>ITranscriptFormat</c> that reads the linked pages (e.g. <c>fmprc-briefing-html</c>).</summary>
    public required string Format { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? LastPolledAt { get; set; }
    /// <summary><c>new</c>, <c>ok</c> or <c>failing</c> (the listing itself could not be read on the last poll).</summary>
    public required string State { get; set; }
    public string? LastError { get; set; }
    public uint RowVersion { get; set; }
}

public class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> b)
    {
        b.ToTable("sources", t => t.HasCheckConstraint("ck_sources_state", "state IN ('new', 'ok', 'failing')"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.ListingUrl).HasMaxLength(2000);
        b.Property(x => x.LinkPattern).HasMaxLength(1000);
        b.Property(x => x.Format).HasMaxLength(64);
        b.Property(x => x.State).HasMaxLength(16);
        b.Property(x => x.RowVersion).HasColumnName("xmin").IsRowVersion();
    }
}
