using System.Globalization;
using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Auditing;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Api;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Ingestion.Inbox;

public sealed record RetryFailedFileRequest(uint? Version);

public sealed record DiscardFailedFileRequest(uint? Version, string? Reason);

public sealed record ResolvedFile(long Id, string Resolution, string MovedTo);

public sealed class RetryFailedFileRequestValidator : AbstractValidator<RetryFailedFileRequest>
{
    public RetryFailedFileRequestValidator() =>
        RuleFor(x => x.Version).NotNull().WithMessage("Say which version of the file's record you acted on (version).");
}

public sealed class DiscardFailedFileRequestValidator : AbstractValidator<DiscardFailedFileRequest>
{
    public DiscardFailedFileRequestValidator()
    {
        RuleFor(x => x.Version).NotNull().WithMessage("Say which version of the file's record you acted on (version).");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the file is discarded.").MaximumLength(2000);
    }
}

/// <summary>
/// What a person does about a file the inbox could not ingest: retry it (back to the inbox root, where the next
/// inbox run picks it up) or discard it with a reason (to <c>discarded/</c>). Files are only ever moved, never deleted.
/// </summary>
public sealed class FailedFiles(DiplotrackDbContext db, InboxIngestion inbox, TimeProvider clock)
{
    public const string DiscardedFolder = "discarded";
    public const string Retried = "retried";
    public const string Discarded = "discarded";

    public Task<Outcome<ResolvedFile>> RetryAsync(long id, RetryFailedFileRequest request, string? user, CancellationToken ct) =>
        ResolveAsync(id, request.Version!.Value, Retried, null, user, ct);

    public Task<Outcome<ResolvedFile>> DiscardAsync(long id, DiscardFailedFileRequest request, string? user, CancellationToken ct) =>
        ResolveAsync(id, request.Version!.Value, Discarded, request.Reason!.Trim(), user, ct);

    private async Task<Outcome<ResolvedFile>> ResolveAsync(long id, uint version, string resolution, string? reason, string? user, CancellationToken ct)
    {
        var file = await db.IngestionFiles.SingleOrDefaultAsync(f => f.Id == id && f.Outcome == InboxIngestion.Failed, ct);
        if (file is null) return Outcome<ResolvedFile>.NotFound($"There is no failed file {id}.");
        if (file.RowVersion != version || file.Resolution is not null)
            return Outcome<ResolvedFile>.Conflict($"{file.FileName} was already {file.Resolution ?? "changed"} by {file.ResolvedBy ?? "someone else"}. Reload the page.");

        var root = inbox.ConfiguredPath;
        var source = Path.GetFullPath(Path.Combine(root, file.MovedTo));
        // moved_to comes from the database, but a path outside failed/ must never be moved from here.
        if (!source.StartsWith(Path.Combine(root, InboxIngestion.FailedFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return Outcome<ResolvedFile>.Conflict($"{file.FileName} is recorded at {file.MovedTo}, which is not in the inbox's failed/ folder.");
        if (!File.Exists(source))
            return Outcome<ResolvedFile>.Conflict($"{file.FileName} is no longer at {file.MovedTo} (moved by hand?); nothing was changed.");

        var folder = resolution == Retried ? "" : DiscardedFolder;
        Directory.CreateDirectory(Path.Combine(root, folder));
        var target = Path.Combine(folder, InboxIngestion.FreeName(Path.Combine(root, folder), file.FileName));
        var before = JsonSerializer.Serialize(new { movedTo = file.MovedTo, resolution = (string?)null });
        var now = clock.GetUtcNow();
        file.Resolution = resolution;
        file.ResolvedAt = now;
        file.ResolvedBy = user;
        file.ResolutionReason = reason;
        file.MovedTo = target;
        db.AuditLog.Add(new AuditEntry
        {
            At = now, UserName = user, Action = $"ingestion-file.{(resolution == Retried ? "retry" : "discard")}", EntityType = "ingestion_file",
            EntityId = id.ToString(CultureInfo.InvariantCulture), Before = before,
            After = JsonSerializer.Serialize(new { movedTo = target, resolution }), Reason = reason,
        });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // The row first (its xmin check refuses a concurrent resolution), then the file, then commit; a failed
            // move rolls the row back, a failed commit moves the file back: row and file always agree.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ResolvedFile>.Conflict($"{file.FileName} was changed by someone else at the same time. Reload the page.");
        }
        File.Move(source, Path.Combine(root, target), overwrite: false);
        try
        {
            await tx.CommitAsync(CancellationToken.None);
        }
        catch
        {
            File.Move(Path.Combine(root, target), source, overwrite: false);
            throw;
        }
        return Outcome<ResolvedFile>.Ok(new ResolvedFile(id, resolution, target));
    }
}

public static class FailedFilesApi
{
    public static IServiceCollection AddFailedFiles(this IServiceCollection services) => services.AddScoped<FailedFiles>();

    /// <summary><c>/api/v1/ingestion/files/{id}/retry|discard</c>, for editors and admins.</summary>
    public static RouteGroupBuilder MapFailedFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/ingestion/files").RequireAuthorization(Auth.Policies.Editor).WithTags("Ingestion");
        files.MapPost("/{id:long}/retry", async (long id, RetryFailedFileRequest request, FailedFiles service, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
                (await service.RetryAsync(id, request, user.Identity?.Name, ct)).ToApi())
            .Validate<RetryFailedFileRequest>().WithSummary("Move a failed file from failed/ back to the inbox root; the next inbox run ingests it again.");
        files.MapPost("/{id:long}/discard", async (long id, DiscardFailedFileRequest request, FailedFiles service, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
                (await service.DiscardAsync(id, request, user.Identity?.Name, ct)).ToApi())
            .Validate<DiscardFailedFileRequest>().WithSummary("Mark a failed file discarded with a reason and move it to discarded/ (never deleted).");
        return api;
    }
}
