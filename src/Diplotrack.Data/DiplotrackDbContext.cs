using Diplotrack.Data.Auditing;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Documents;
using Diplotrack.Data.Identity;
using Diplotrack.Data.Ingestion;
using Diplotrack.Data.Reference;
using Diplotrack.Data.Reporting;
using Diplotrack.Data.Stance;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Diplotrack.Data;

/// <summary>The application's tables, all in the <c>app</c> schema. Handlers use this context directly.</summary>
public class DiplotrackDbContext(DbContextOptions<DiplotrackDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "app";

    public DbSet<CodebookVersion> CodebookVersions => Set<CodebookVersion>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Outlet> Outlets => Set<Outlet>();
    public DbSet<Speaker> Speakers => Set<Speaker>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Exchange> Exchanges => Set<Exchange>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<HighlightSource> HighlightSources => Set<HighlightSource>();
    public DbSet<StatementCoding> StatementCodings => Set<StatementCoding>();
    public DbSet<CodingTarget> CodingTargets => Set<CodingTarget>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<IngestionRun> IngestionRuns => Set<IngestionRun>();
    public DbSet<IngestionFile> IngestionFiles => Set<IngestionFile>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<SourcePage> SourcePages => Set<SourcePage>();
    public DbSet<PageSnapshot> PageSnapshots => Set<PageSnapshot>();
    public DbSet<Formula> Formulas => Set<Formula>();
    public DbSet<StanceObservation> StanceObservations => Set<StanceObservation>();
    public DbSet<StanceChange> StanceChanges => Set<StanceChange>();
    public DbSet<StancePending> StancePending => Set<StancePending>();
    /// <summary>The web instances' shared data-protection key ring (<c>Features/Auth/KeyRing</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.ApplyConfigurationsFromAssembly(typeof(DiplotrackDbContext).Assembly);
    }
}
