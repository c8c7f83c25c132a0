using Diplotrack.Features.Auth;
using Diplotrack.Features.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages;

[Authorize(Policy = Policies.Editor)]
public sealed class ReviewModel(DocumentQueries queries) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await queries.ReviewQueueAsync(100, ct);
}
