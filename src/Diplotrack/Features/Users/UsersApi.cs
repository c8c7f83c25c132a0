using System.Security.Claims;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Api;

namespace Diplotrack.Features.Users;

public sealed record CreatedUser(UserView User, string Password);

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(Policies.Admin).WithTags("Users");
        users.MapGet("/", async Task<Ok<IReadOnlyList<UserView>>> (UserAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct)));
        users.MapPost("/", async Task<Results<Ok<CreatedUser>, ValidationProblem>> (AddUserRequest request, UserAdmin admin, CancellationToken ct) =>
            {
                var result = await admin.AddAsync(request.Email!, request.Role!, null, ct);
                return result.Succeeded
                    ? TypedResults.Ok(new CreatedUser(result.User!, result.Password!))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = result.Errors.ToArray() });
            })
            .Validate<AddUserRequest>().WithSummary("Add a user; the generated password is in the answer, once.");
        users.MapPost("/{email}/disable", (string email, UserAdmin admin, CancellationToken ct) => SetDisabled(email, true, admin, ct));
        users.MapPost("/{email}/enable", (string email, UserAdmin admin, CancellationToken ct) => SetDisabled(email, false, admin, ct));

        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Admin).WithTags("Users");
        tokens.MapGet("/", async Task<Ok<IReadOnlyList<ApiTokenView>>> (ApiTokenService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        tokens.MapPost("/", async Task<Results<Ok<NewApiToken>, ValidationProblem>> (CreateTokenRequest request, ApiTokenService service,
                UserManager<AppUser> userManager, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var owner = await userManager.FindByNameAsync(string.IsNullOrWhiteSpace(request.UserEmail) ? user.Identity!.Name! : request.UserEmail.Trim());
                if (owner is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userEmail"] = ["No such user."] });
                return TypedResults.Ok((await service.CreateAsync(owner.Id, request.Name!, user.Identity?.Name, ct))!);
            })
            .Validate<CreateTokenRequest>().WithSummary("Create a token; the secret is in the answer, once (only its SHA-256 is stored).");
        tokens.MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, ApiTokenService service, CancellationToken ct) =>
            await service.RevokeAsync(id, ct)
                ? TypedResults.NoContent()
                : TypedResults.Problem($"There is no token {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found"));
        return api;
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem>> SetDisabled(string email, bool disabled, UserAdmin admin, CancellationToken ct)
    {
        var result = await admin.SetDisabledAsync(email, disabled, ct);
        return result.Succeeded
            ? TypedResults.Ok(result.User!)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = result.Errors.ToArray() });
    }
}
