using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Documents;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Documents;

[Authorize(Policy = Policies.Editor)]
public sealed class NewModel(DocumentCommands commands) : PageModel
{
    [BindProperty] public CreateDocumentRequest Input { get; set; } = new();
    public DocumentPreview? Preview { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!await PrepareAsync(upload, ct)) return Page();
        var outcome = await commands.PreviewAsync(Input, ct);
        if (outcome.Status == OutcomeStatus.Ok) Preview = outcome.Value;
        else AddError(outcome);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(IFormFile? upload, CancellationToken ct)
    {
        if (!await PrepareAsync(upload, ct)) return Page();
        var outcome = await commands.CreateAsync(Input, User.Identity?.Name, ct);
        if (outcome.Status != OutcomeStatus.Ok)
        {
            AddError(outcome);
            return Page();
        }
        TempData["Message"] = outcome.Value!.Created
            ? $"Saved as document {outcome.Value.Id}."
            : $"This text was already stored as document {outcome.Value.Id}; nothing changed.";
        return Redirect($"/documents/{outcome.Value.Id}");
    }

    /// <summary>A new upload wins; else pasted text; else the file kept from the preview.</summary>
    private async Task<bool> PrepareAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is { Length: > 0 })
        {
            if (upload.Length > CreateDocumentValidator.MaxBytes)
            {
                ModelState.AddModelError("Input.ContentBase64", $"The file is larger than {CreateDocumentValidator.MaxBytes / 1024 / 1024} MB.");
                return false;
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, ct);
            Input.ContentBase64 = Convert.ToBase64String(buffer.ToArray());
            Input.FileName = Path.GetFileName(upload.FileName);
            Input.Text = null;
        }
        else if (!string.IsNullOrWhiteSpace(Input.Text))
        {
            Input.ContentBase64 = null;
            Input.FileName = null;
        }
        ModelState.Remove("Input.ContentBase64");
        ModelState.Remove("Input.FileName");
        ModelState.Remove("Input.Text");
        return await ModelState.ValidateAsync(HttpContext.RequestServices, Input, "Input", ct);
    }

    private void AddError<T>(Outcome<T> outcome) => ModelState.AddModelError($"Input.{outcome.Field}", outcome.Message!);
}
