using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public const string FailedMessage =
        "Wrong e-mail or password, or the account is disabled. After repeated failures sign-in pauses for a few minutes.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your e-mail and password.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            // Only local addresses: a crafted link must not bounce a fresh session to another site.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        // One answer for every refusal: a lockout shown only to existing accounts told anyone which addresses have one
        // (issue 17, item 9). Whoever owns the account learns of the pause from this same sentence.
        Error = FailedMessage;
        return Page();
    }
}
