using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Pages.Statements;

public sealed record ChangeRow(DateTimeOffset At, string? UserName, CodingView? Before, CodingView? After, string? Reason);

[Authorize(Policy = Policies.Editor)]
public sealed class CodingModel(DiplotrackDbContext db, CodingCommands codings) : PageModel
{
    private const int BlankRows = 2;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public CorrectCodingRequest Input { get; set; } = new();
    public CodingHistory? History { get; private set; }
    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];
    public IReadOnlyList<ActorOption> Actors { get; private set; } = [];
    public IReadOnlyList<ThemeOption> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var current = History!.Codings.FirstOrDefault(c => c.IsCurrent);
        Input = new CorrectCodingRequest
        {
            StatementId = Id,
            CodingId = current?.Id,
            Version = current?.Version,
            Themes = current?.Themes.ToList() ?? [],
            Targets = current?.Targets.Select(t => new TargetInput { ActorId = t.ActorId, Stance = t.Stance, Source = t.Source }).ToList() ?? [],
        };
        PadTargets();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.StatementId = Id;
        // Blank rows are offered for new targets; they are not targets.
        Input.Targets = Input.Targets.Where(t => !string.IsNullOrEmpty(t.ActorId)).ToList();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Targets", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (await ModelState.ValidateAsync(HttpContext.RequestServices, Input, "Input", ct))
        {
            var outcome = await codings.CorrectAsync(Input, User.Identity?.Name, ct);
            if (outcome.Status == OutcomeStatus.Ok)
            {
                TempData["Message"] = $"Statement {Id}: your coding is now the current one.";
                return Redirect($"/statements/{Id}/coding");
            }
            if (outcome.Status == OutcomeStatus.NotFound) return NotFound();
            ModelState.AddModelError(outcome.Status == OutcomeStatus.Invalid ? $"Input.{outcome.Field}" : "", outcome.Message!);
            if (outcome.Status == OutcomeStatus.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        }
        if (!await LoadAsync(ct)) return NotFound();
        PadTargets();
        return Page();
    }

    private void PadTargets()
    {
        for (var i = 0; i < BlankRows; i++) Input.Targets.Add(new TargetInput());
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        History = await codings.HistoryAsync(Id, ct);
        if (History is null) return false;
        Changes = History.Changes.Select(c => new ChangeRow(c.At, c.UserName, Parse(c.Before), Parse(c.After), c.Reason)).ToList();
        Actors = await db.Actors.AsNoTracking().OrderBy(a => a.Id).Select(a => new ActorOption(a.Id, a.Kind, a.NameEn, a.NameZh)).ToListAsync(ct);
        Themes = await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => new ThemeOption(t.Id, t.NameEn, t.NameZh)).ToListAsync(ct);
        return true;
    }

    private static CodingView? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<CodingView>(json, Json);
}
