using Diplotrack.Data;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Documents;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages.Documents;

[Authorize(Policy = Policies.Editor)]
public sealed class EditModel(DiplotrackDbContext db, DocumentCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public UpdateDocumentRequest Input { get; set; } = new();
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Id, ct);
        if (document is null) return NotFound();
        Input = UpdateDocumentRequest.From(document);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await ModelState.ValidateAsync(HttpContext.RequestServices, Input, "Input", ct)) return Page();
        var outcome = await commands.UpdateAsync(Id, Input, User.Identity?.Name, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = "Metadata saved.";
                return Redirect($"/documents/{Id}");
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                // Keep what the person typed, say why it was not saved; they reload to see the other change.
                Conflict = true;
                ModelState.AddModelError("", outcome.Message!);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }
}
