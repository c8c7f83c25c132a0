using System.Security.Claims;
using Diplotrack.Data;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Coding.Corrections;

public sealed record ActorOption(string Id, string Kind, string NameEn, string NameZh);

public sealed record ThemeOption(string Id, string NameEn, string? NameZh);

public static class CodingsApi
{
    public static IServiceCollection AddCodingsFeature(this IServiceCollection services)
    {
        services.AddScoped<ReferenceIds>();
        services.AddScoped<CodingCommands>();
        return services;
    }

    public static RouteGroupBuilder MapCodingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statements/{id:long}/codings", async Task<Results<Ok<CodingHistory>, ProblemHttpResult>> (long id, CodingCommands codings, CancellationToken ct) =>
                await codings.HistoryAsync(id, ct) is { } history
                    ? TypedResults.Ok(history)
                    : TypedResults.Problem($"There is no statement {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .WithTags("Codings").WithSummary("Every coding of a statement, newest first, and the audited changes (who, when, before, after, why).");

        api.MapPost("/codings", async (CorrectCodingRequest request, CodingCommands codings, ClaimsPrincipal user, CancellationToken ct) =>
                (await codings.CorrectAsync(request, user.Identity?.Name, ct)).ToApi())
            .Validate<CorrectCodingRequest>().RequireAuthorization(Policies.Editor)
            .WithTags("Codings").WithSummary("Correct a statement's coding: a manual coding becomes current (409 when the one you read is stale).");

        api.MapGet("/actors", async Task<Ok<List<ActorOption>>> (DiplotrackDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Actors.AsNoTracking().OrderBy(a => a.Id).Select(a => new ActorOption(a.Id, a.Kind, a.NameEn, a.NameZh)).ToListAsync(ct)))
            .WithTags("Reference");
        api.MapGet("/themes", async Task<Ok<List<ThemeOption>>> (DiplotrackDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => new ThemeOption(t.Id, t.NameEn, t.NameZh)).ToListAsync(ct)))
            .WithTags("Reference");
        return api;
    }
}
