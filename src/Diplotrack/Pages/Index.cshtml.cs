using Diplotrack.Data;
using Diplotrack.Features.Dashboard;
using Diplotrack.Features.Documents;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages;

public sealed class IndexModel(DocumentQueries queries, DiplotrackDbContext db, Features.Web.DisplayLanguage language) : PageModel
{
    public DashboardCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);
    public PageOf<DocumentSummary> Latest { get; private set; } = new([], 1, 10, 0);
    public StanceChart Chart { get; private set; } = new(null, []);
    public IReadOnlyList<Data.Ingestion.IngestionRun> Runs { get; private set; } = [];
    public IReadOnlyList<Data.Ingestion.IngestionFile> Failures { get; private set; } = [];
    public IReadOnlyList<SignificantChangeRow> Changes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await queries.CountsAsync(ct);
        Latest = await queries.LatestIngestedAsync(10, ct);
        Chart = await StanceChart.BuildAsync(db, actors: 5, ct, language.IsEnglish);
        Runs = await db.IngestionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(5).ToListAsync(ct);
        Failures = await db.IngestionFiles.AsNoTracking().Where(f => f.Outcome == "failed" && f.Resolution == null).OrderByDescending(f => f.At).Take(5).ToListAsync(ct);
        Changes = await SignificantChanges.LatestAsync(db, 10, ct, language.IsEnglish);
    }
}
