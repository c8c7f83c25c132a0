using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Preferences;

/// <summary>The header's 中文 / English switch: stores the choice in a cookie and returns to the page it was made on.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        DisplayLanguage.Set(Response, language == DisplayLanguage.English ? DisplayLanguage.English : DisplayLanguage.Chinese);
        // Only back to a page of ours: the form field is user input (an open redirect otherwise).
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
