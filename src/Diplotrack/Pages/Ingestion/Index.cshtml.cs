using Diplotrack.Data;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages.Ingestion;

/// <summary>Runs and failed files; editors and admins retry a failed file or discard it with a reason.</summary>
public sealed class IndexModel(DiplotrackDbContext db, IAuthorizationService authorization, FailedFiles failedFiles) : PageModel
{
    public IReadOnlyList<IngestionRun> Runs { get; private set; } = [];
    public IReadOnlyList<IngestionFile> Failures { get; private set; } = [];
    public bool CanResolve { get; private set; }
    /// <summary>The discard form that was posted, to show its message beside its reason field.</summary>
    public long? DiscardId { get; private set; }
    [BindProperty] public DiscardFailedFileRequest Discard { get; set; } = new(null, null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, uint? version, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Editor)).Succeeded) return Forbid();
        var request = new RetryFailedFileRequest(version);
        if (!await ModelState.ValidateAsync(HttpContext.RequestServices, request, "Retry", ct)) return await PageAsync(ct);
        return await DoneAsync(await failedFiles.RetryAsync(id, request, User.Identity?.Name, ct), "back in the inbox: the next inbox run ingests it again", ct);
    }

    public async Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Editor)).Succeeded) return Forbid();
        DiscardId = id;
        if (!await ModelState.ValidateAsync(HttpContext.RequestServices, Discard, nameof(Discard), ct)) return await PageAsync(ct);
        return await DoneAsync(await failedFiles.DiscardAsync(id, Discard, User.Identity?.Name, ct), "discarded", ct);
    }

    private async Task<IActionResult> DoneAsync(Outcome<ResolvedFile> outcome, string what, CancellationToken ct)
    {
        if (outcome.Status == OutcomeStatus.Ok)
        {
            TempData["Message"] = $"File {outcome.Value!.Id} {what} (now at {outcome.Value.MovedTo}).";
            return Redirect("/ingestion");
        }
        if (outcome.Status == OutcomeStatus.NotFound) return NotFound();
        ModelState.AddModelError("", outcome.Message!);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await PageAsync(ct);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanResolve = (await authorization.AuthorizeAsync(User, Policies.Editor)).Succeeded;
        Runs = await db.IngestionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(50).ToListAsync(ct);
        Failures = await db.IngestionFiles.AsNoTracking().Where(f => f.Outcome == "failed")
            .OrderBy(f => f.Resolution != null).ThenByDescending(f => f.At).ThenByDescending(f => f.Id).Take(100).ToListAsync(ct);
    }
}
