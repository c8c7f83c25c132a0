using System.Security.Claims;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Diplotrack.Features.Coding.Codebooks;

public sealed record CodebookSummary(int Version, int Actors, int Aliases, int Themes, int ThemeCues, int StanceCues);

/// <summary><c>/api/v1/codebook</c>: reading needs any role; every edit is admin-only and creates a new version.</summary>
public static class CodebookApi
{
    public static IServiceCollection AddCodebookEditing(this IServiceCollection services) => services.AddScoped<CodebookEditor>();

    public static RouteGroupBuilder MapCodebookApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/codebook").WithTags("Codebook");
        group.MapGet("/", async Task<Ok<CodebookSummary>> (CodebookService codebooks, CancellationToken ct) =>
        {
            var version = await codebooks.CurrentVersionAsync(ct);
            var book = await codebooks.VersionAsync(version, ct);
            return TypedResults.Ok(new CodebookSummary(version, book.Actors.Count, book.Aliases.Count, book.Themes.Count, book.ThemeCues.Count, book.StanceCues.Count));
        }).WithSummary("The current codebook version (its number is the baseVersion of an edit).");

        var edits = group.MapGroup("/").RequireAuthorization(Policies.Admin);
        edits.MapPost("/actors", (SaveActorRequest r, CodebookEditor e, ClaimsPrincipal u, CancellationToken ct) => Run(e.SaveActorAsync(r, u.Identity?.Name, ct)))
            .Validate<SaveActorRequest>().WithSummary("Add an actor or edit one's names and aliases; creates a new codebook version and queues re-coding.");
        edits.MapPost("/theme-cues", (AddThemeCueRequest r, CodebookEditor e, ClaimsPrincipal u, CancellationToken ct) => Run(e.AddThemeCueAsync(r, u.Identity?.Name, ct)))
            .Validate<AddThemeCueRequest>().WithSummary("Add a theme cue; creates a new codebook version and queues re-coding.");
        edits.MapPost("/theme-cues/remove", (RemoveThemeCueRequest r, CodebookEditor e, ClaimsPrincipal u, CancellationToken ct) => Run(e.RemoveThemeCueAsync(r, u.Identity?.Name, ct)))
            .Validate<RemoveThemeCueRequest>().WithSummary("Remove a theme cue; creates a new codebook version and queues re-coding.");
        edits.MapPost("/stance-cues", (AddStanceCueRequest r, CodebookEditor e, ClaimsPrincipal u, CancellationToken ct) => Run(e.AddStanceCueAsync(r, u.Identity?.Name, ct)))
            .Validate<AddStanceCueRequest>().WithSummary("Add a stance cue (weight −2..2); creates a new codebook version and queues re-coding.");
        edits.MapPost("/stance-cues/remove", (RemoveStanceCueRequest r, CodebookEditor e, ClaimsPrincipal u, CancellationToken ct) => Run(e.RemoveStanceCueAsync(r, u.Identity?.Name, ct)))
            .Validate<RemoveStanceCueRequest>().WithSummary("Remove a stance cue; creates a new codebook version and queues re-coding.");
        return api;
    }

    private static async Task<Results<Ok<CodebookEdited>, ProblemHttpResult, ValidationProblem>> Run(Task<Outcome<CodebookEdited>> edit) =>
        (await edit).ToApi();
}
