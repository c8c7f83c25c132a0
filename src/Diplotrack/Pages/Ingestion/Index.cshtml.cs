using Diplotrack.Data;
using Diplotrack.Data.Ingestion;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages.Ingestion;

public sealed class IndexModel(DiplotrackDbContext db) : PageModel
{
    public IReadOnlyList<IngestionRun> Runs { get; private set; } = [];
    public IReadOnlyList<IngestionFile> Failures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Runs = await db.IngestionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(50).ToListAsync(ct);
        Failures = await db.IngestionFiles.AsNoTracking().Where(f => f.Outcome == "failed")
            .OrderByDescending(f => f.At).ThenByDescending(f => f.Id).Take(100).ToListAsync(ct);
    }
}
