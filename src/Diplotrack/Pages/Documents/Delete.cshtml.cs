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

[Authorize(Policy = Policies.Admin)]
public sealed class DeleteModel(DiplotrackDbContext db, DocumentCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public DeleteDocumentRequest Input { get; set; } = new();
    public string Title { get; private set; } = "";
    public int Statements { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var version = Input.Version;
        if (!await LoadAsync(ct)) return NotFound();
        Input.Version = version;
        if (!await ModelState.ValidateAsync(HttpContext.RequestServices, Input, "Input", ct)) return Page();
        var outcome = await commands.DeleteAsync(Id, Input, User.Identity?.Name, ct);
        if (outcome.Status == OutcomeStatus.Ok)
        {
            TempData["Message"] = $"Document {Id} deleted.";
            return Redirect("/documents");
        }
        ModelState.AddModelError("", outcome.Message!);
        Response.StatusCode = outcome.Status == OutcomeStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().Where(x => x.Id == Id)
            .Select(x => new { x.Title, x.RowVersion, Statements = x.Statements.Count }).SingleOrDefaultAsync(ct);
        if (d is null) return false;
        Title = d.Title;
        Statements = d.Statements;
        Input.Version = d.RowVersion;
        return true;
    }
}
