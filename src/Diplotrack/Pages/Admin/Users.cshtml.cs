using Diplotrack.Data.Identity;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Users;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diplotrack.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserAdmin users, ApiTokenService tokens, UserManager<AppUser> userManager) : PageModel
{
    [BindProperty] public AddUserRequest NewUser { get; set; } = new();
    [BindProperty] public CreateTokenRequest NewToken { get; set; } = new();
    public IReadOnlyList<UserView> Users { get; private set; } = [];
    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];
    /// <summary>A generated password or token secret: rendered in this one response, never stored or redirected.</summary>
    public string? Secret { get; private set; }
    public string? SecretLabel { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddUserAsync(CancellationToken ct)
    {
        ModelState.Clear(); // the other form's fields are not part of this post
        if (await ModelState.ValidateAsync(HttpContext.RequestServices, NewUser, nameof(NewUser), ct))
        {
            var result = await users.AddAsync(NewUser.Email!, NewUser.Role!, null, ct);
            if (result.Succeeded)
            {
                (Secret, SecretLabel) = (result.Password, $"Password of {result.User!.Email}");
                NewUser = new AddUserRequest();
            }
            else foreach (var error in result.Errors) ModelState.AddModelError("NewUser.Email", error);
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string email, CancellationToken ct) => SetDisabledAsync(email, true, ct);

    public Task<IActionResult> OnPostEnableAsync(string email, CancellationToken ct) => SetDisabledAsync(email, false, ct);

    public async Task<IActionResult> OnPostCreateTokenAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (await ModelState.ValidateAsync(HttpContext.RequestServices, NewToken, nameof(NewToken), ct))
        {
            var owner = await userManager.FindByNameAsync(string.IsNullOrWhiteSpace(NewToken.UserEmail) ? User.Identity!.Name! : NewToken.UserEmail.Trim());
            if (owner is null) ModelState.AddModelError("NewToken.UserEmail", "No such user.");
            else
            {
                var created = await tokens.CreateAsync(owner.Id, NewToken.Name!, User.Identity?.Name, ct);
                (Secret, SecretLabel) = (created!.Secret, $"Token “{created.Token.Name}” for {created.Token.UserName}");
                NewToken = new CreateTokenRequest();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId, CancellationToken ct)
    {
        await tokens.RevokeAsync(tokenId, ct);
        TempData["Message"] = "Token revoked.";
        return Redirect("/admin/users");
    }

    private async Task<IActionResult> SetDisabledAsync(string email, bool disabled, CancellationToken ct)
    {
        var result = await users.SetDisabledAsync(email, disabled, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            foreach (var error in result.Errors) ModelState.AddModelError("", error);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = $"{email} {(disabled ? "disabled" : "enabled")}.";
        return Redirect("/admin/users");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(ct);
        Tokens = await tokens.ListAsync(ct);
    }
}
