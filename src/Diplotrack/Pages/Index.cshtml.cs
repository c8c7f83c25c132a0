using Diplotrack.Features.Documents;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages;

public sealed class IndexModel(DocumentQueries queries) : PageModel
{
    public DashboardCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);
    public PageOf<DocumentSummary> Latest { get; private set; } = new([], 1, 10, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await queries.CountsAsync(ct);
        Latest = await queries.ListAsync(new DocumentFilter { PageSize = 10 }, ct);
    }
}
