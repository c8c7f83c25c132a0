using System.Security.Claims;
using Diplotrack.Features.Api;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Diplotrack.Features.Documents;

public static class DocumentsApi
{
    public static IServiceCollection AddDocumentsFeature(this IServiceCollection services)
    {
        services.AddScoped<DocumentQueries>();
        services.AddScoped<DocumentCommands>();
        return services;
    }

    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");

        documents.MapGet("/", async Task<Ok<PageOf<DocumentSummary>>> ([AsParameters] DocumentFilter filter, DocumentQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(filter, ct)))
            .Validate<DocumentFilter>().WithSummary("Documents, newest first, filtered and paged.");

        documents.MapGet("/{id:long}", async Task<Results<Ok<DocumentDetail>, ProblemHttpResult>> (long id, DocumentQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } detail
                    ? TypedResults.Ok(detail)
                    : TypedResults.Problem($"There is no document {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found"))
            .WithSummary("One document with its exchanges, statements and current codings.");

        documents.MapPost("/preview", async (CreateDocumentRequest request, DocumentCommands commands, CancellationToken ct) =>
                (await commands.PreviewAsync(request, ct)).ToApi())
            .Validate<CreateDocumentRequest>().RequireAuthorization(Policies.Editor)
            .WithSummary("Parse a transcript without saving it.");

        documents.MapPost("/", async Task<Results<Created<CreatedDocument>, Ok<CreatedDocument>, ProblemHttpResult, ValidationProblem>> (
                    CreateDocumentRequest request, DocumentCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
                {
                    var outcome = await commands.CreateAsync(request, user.Identity?.Name, ct);
                    if (outcome.Status == OutcomeStatus.Invalid) return ApiResults.Invalid(outcome);
                    if (outcome.Status != OutcomeStatus.Ok) return ApiResults.Problem(outcome);
                    var created = outcome.Value!;
                    // The same text twice is one document: the second request answers 200 with the existing one.
                    return created.Created ? TypedResults.Created($"/api/v1/documents/{created.Id}", created) : TypedResults.Ok(created);
                })
            .Validate<CreateDocumentRequest>().RequireAuthorization(Policies.Editor)
            .WithSummary("Parse and store a transcript (pasted text or base64 file) with metadata.");

        documents.MapPut("/{id:long}", async (long id, UpdateDocumentRequest request, DocumentCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
                (await commands.UpdateAsync(id, request, user.Identity?.Name, ct)).ToApi())
            .Validate<UpdateDocumentRequest>().RequireAuthorization(Policies.Editor)
            .WithSummary("Edit a document's metadata; send the version you read (409 when stale).");

        documents.MapDelete("/{id:long}", async (long id, [FromBody] DeleteDocumentRequest request, DocumentCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
                (await commands.DeleteAsync(id, request, user.Identity?.Name, ct)).ToApi())
            .Validate<DeleteDocumentRequest>().RequireAuthorization(Policies.Admin)
            .WithSummary("Delete a document with its statements and codings (admin; reason required, audited).");

        api.MapGet("/review-queue", async Task<Ok<IReadOnlyList<ReviewItem>>> (DocumentQueries queries, CancellationToken ct, int take = 50) =>
                TypedResults.Ok(await queries.ReviewQueueAsync(Math.Clamp(take, 1, 200), ct)))
            .WithTags("Codings").WithSummary("Current automatic codings, least confident first.");

        return api;
    }
}
