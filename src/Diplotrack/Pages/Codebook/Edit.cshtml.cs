using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Book = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Pages.Codebook;

/// <summary>The actor form: aliases are typed one per line, the API takes them as a list.</summary>
public sealed class ActorForm
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? Aliases { get; set; }
    public string? Description { get; set; }

    public SaveActorRequest ToRequest(int? baseVersion) => new(Id?.Trim(), Kind, NameEn, NameZh,
        (Aliases ?? "").Split('\n').Select(a => a.Trim()).Where(a => a.Length > 0).ToList(), baseVersion, Description);
}

/// <summary>Admin edits of the codebook: each form posts one change, which becomes a new version and queues re-coding.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(CodebookService codebooks, CodebookEditor editor) : PageModel
{
    [BindProperty] public int? BaseVersion { get; set; }
    [BindProperty] public ActorForm Actor { get; set; } = new();
    [BindProperty] public AddThemeCueRequest AddThemeCue { get; set; } = new(null, null, null, null, null);
    [BindProperty] public RemoveThemeCueRequest RemoveThemeCue { get; set; } = new(null, null, null, null);
    [BindProperty] public AddStanceCueRequest AddStanceCue { get; set; } = new(null, null, null, null, null);
    [BindProperty] public RemoveStanceCueRequest RemoveStanceCue { get; set; } = new(null, null, null);
    public Book Current { get; private set; } = null!;

    public async Task OnGetAsync(string? actor, CancellationToken ct)
    {
        await LoadAsync(ct);
        BaseVersion = Current.Version;
        if (Current.Actors.FirstOrDefault(a => a.Id == actor) is { } a)
            Actor = new ActorForm
            {
                Id = a.Id, Kind = a.Kind, NameEn = a.NameEn, NameZh = a.NameZh,
                Aliases = string.Join('\n', Current.Aliases.Where(x => x.ActorId == a.Id).Select(x => x.Alias)),
            };
    }

    public Task<IActionResult> OnPostActorAsync(CancellationToken ct)
    {
        var request = Actor.ToRequest(BaseVersion);
        return SaveAsync(request, nameof(Actor), r => editor.SaveActorAsync(r, User.Identity?.Name, ct), ct);
    }

    public Task<IActionResult> OnPostAddThemeCueAsync(CancellationToken ct) =>
        SaveAsync(AddThemeCue with { BaseVersion = BaseVersion }, nameof(AddThemeCue), r => editor.AddThemeCueAsync(r, User.Identity?.Name, ct), ct);

    public Task<IActionResult> OnPostRemoveThemeCueAsync(CancellationToken ct) =>
        SaveAsync(RemoveThemeCue with { BaseVersion = BaseVersion }, nameof(RemoveThemeCue), r => editor.RemoveThemeCueAsync(r, User.Identity?.Name, ct), ct);

    public Task<IActionResult> OnPostAddStanceCueAsync(CancellationToken ct) =>
        SaveAsync(AddStanceCue with { BaseVersion = BaseVersion }, nameof(AddStanceCue), r => editor.AddStanceCueAsync(r, User.Identity?.Name, ct), ct);

    public Task<IActionResult> OnPostRemoveStanceCueAsync(CancellationToken ct) =>
        SaveAsync(RemoveStanceCue with { BaseVersion = BaseVersion }, nameof(RemoveStanceCue), r => editor.RemoveStanceCueAsync(r, User.Identity?.Name, ct), ct);

    private async Task<IActionResult> SaveAsync<T>(T request, string prefix, Func<T, Task<Outcome<CodebookEdited>>> save, CancellationToken ct)
    {
        // Only the posted form counts: the other forms' empty fields are not errors.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal) && k != nameof(BaseVersion)).ToList())
            ModelState.Remove(key);
        var valid = await ModelState.ValidateAsync(HttpContext.RequestServices, request, prefix, ct);
        // An alias error is keyed Aliases[3]; the form has one Aliases field.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Actor.Aliases[", StringComparison.Ordinal)).ToList())
        {
            foreach (var e in ModelState[key]!.Errors) ModelState.AddModelError("Actor.Aliases", e.ErrorMessage);
            ModelState.Remove(key);
        }
        if (valid)
        {
            var outcome = await save(request);
            switch (outcome.Status)
            {
                case OutcomeStatus.Ok:
                    var saved = outcome.Value!;
                    TempData["Message"] = saved.SameContentAs is { } older
                        ? $"Saved as codebook v{saved.Version} (the same content as v{older}); re-coding is queued."
                        : $"Saved as codebook v{saved.Version}; re-coding is queued.";
                    return Redirect("/codebook");
                case OutcomeStatus.Invalid:
                    ModelState.AddModelError($"{prefix}.{char.ToUpperInvariant(outcome.Field![0])}{outcome.Field[1..]}", outcome.Message!);
                    break;
                default:
                    ModelState.AddModelError("", outcome.Message!);
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Current = await codebooks.VersionAsync(await codebooks.CurrentVersionAsync(ct), ct);
}
