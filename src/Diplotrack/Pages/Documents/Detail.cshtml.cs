using Diplotrack.Features.Auth;
using Diplotrack.Features.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Documents;

public sealed class DetailModel(DocumentQueries queries, IAuthorizationService authorization) : PageModel
{
    public DocumentDetail? Document { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Document = await queries.GetAsync(id, ct);
        if (Document is null) return NotFound();
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Editor)).Succeeded;
        CanDelete = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        return Page();
    }
}
