using System.Security.Cryptography;
using Diplotrack.Data;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Ingestion;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion.Inbox;

public sealed record InboxFileResult(string FileName, string Outcome, long? DocumentId, string? Error, string MovedTo);

public sealed record InboxRunResult(long RunId, IReadOnlyList<InboxFileResult> Files)
{
    public int Created => Files.Count(f => f.Outcome == InboxIngestion.Created);
    public int Duplicates => Files.Count(f => f.Outcome == InboxIngestion.Duplicate);
    public int Failed => Files.Count(f => f.Outcome == InboxIngestion.Failed);
}

/// <summary>
/// Ingests every file of an inbox folder, each in its own transaction, and files it under <c>processed/</c> or
/// <c>failed/</c> (never deleted; a name already taken there gets a suffix). Used by the recurring inbox job and
/// by <c>diplotrack ingest --dir</c>.
/// <para>
/// Claiming: a file is first renamed into <c>processing/</c> under a name unique to the run. rename(2) is atomic,
/// so when two runs race for one file exactly one rename succeeds and the other sees it gone. (File.Move without
/// overwrite is link+unlink on Unix, where both racers can win; the unique target name is what makes overwrite safe.)
/// </para>
/// </summary>
public sealed class InboxIngestion(
    IServiceScopeFactory scopes, IOptions<InboxOptions> options, TimeProvider clock, ILogger<InboxIngestion> log, IHostEnvironment? environment = null)
{
    public const string Created = "created";
    public const string Duplicate = "duplicate";
    public const string Failed = "failed";
    public const string ProcessingFolder = "processing";
    public const string ProcessedFolder = "processed";
    public const string FailedFolder = "failed";

    /// <summary>The configured inbox folder, resolved against the content root.</summary>
    public string ConfiguredPath =>
        Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), options.Value.Path));

    public async Task<InboxRunResult> RunAsync(string inbox, string trigger, string? jobId, string? user, CancellationToken ct)
    {
        inbox = Path.GetFullPath(inbox);
        foreach (var folder in new[] { inbox, Sub(inbox, ProcessingFolder), Sub(inbox, ProcessedFolder), Sub(inbox, FailedFolder) })
            Directory.CreateDirectory(folder);

        var runId = await StartRunAsync(trigger, jobId, ct);
        var results = new List<InboxFileResult>();
        try
        {
            await RecoverStaleClaimsAsync(inbox, ct);
            foreach (var path in Candidates(inbox))
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetFileName(path);
                var claimed = Path.Combine(Sub(inbox, ProcessingFolder), ClaimName(runId, name));
                try
                {
                    File.Move(path, claimed, overwrite: true);
                }
                catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
                {
                    continue; // another run claimed it first
                }
                results.Add(await IngestClaimedAsync(inbox, runId, name, claimed, user, ct));
            }
            await FinishRunAsync(runId, "succeeded", results, null, CancellationToken.None);
            return new InboxRunResult(runId, results);
        }
        catch (Exception ex)
        {
            await FinishRunAsync(runId, "failed", results, ex.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Files waiting in the inbox itself: hidden and partial files (<c>.tmp</c>, <c>.part</c>) are being written and wait.</summary>
    private static IEnumerable<string> Candidates(string inbox) =>
        Directory.EnumerateFiles(inbox)
            .Where(p =>
            {
                var name = Path.GetFileName(p);
                return !name.StartsWith('.') && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
                    && !name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);
            })
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<InboxFileResult> IngestClaimedAsync(string inbox, long runId, string name, string claimed, string? user, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(claimed, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        // A fresh scope per file: a rolled-back file must not leave tracked entities (or cached outlets) behind.
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DiplotrackDbContext>();
        InboxFileResult result;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                var (outcome, documentId, error) = await StoreAsync(services, name, bytes, user, ct);
                var folder = outcome == Failed ? FailedFolder : ProcessedFolder;
                var movedTo = Path.Combine(folder, FreeName(Sub(inbox, folder), name));
                db.IngestionFiles.Add(new IngestionFile
                {
                    RunId = runId, FileName = name, Sha256 = sha, Bytes = bytes.LongLength, Outcome = outcome,
                    DocumentId = documentId, Error = error, MovedTo = movedTo, At = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                result = new InboxFileResult(name, outcome, documentId, error, movedTo);
            }
            catch
            {
                // Not the file's fault (database down, cancelled): put it back for the retry.
                await tx.RollbackAsync(CancellationToken.None);
                File.Move(claimed, Path.Combine(inbox, FreeName(inbox, name)));
                throw;
            }
        }
        result = result with { MovedTo = await MoveToAsync(db, inbox, runId, name, claimed, result.MovedTo) };
        if (result.Outcome == Failed) log.LogWarning("Inbox file {File} refused: {Error}", name, result.Error);
        return result;
    }

    /// <summary>Parses and stores; a file the pipeline refuses is an outcome, anything else (the database) is thrown.</summary>
    private static async Task<(string Outcome, long? DocumentId, string? Error)> StoreAsync(
        IServiceProvider services, string name, byte[] bytes, string? user, CancellationToken ct)
    {
        ParsedDocument parsed;
        try
        {
            if (bytes.Length == 0) throw new DocumentRejectedException("empty file");
            parsed = services.GetRequiredService<TranscriptReader>().Read(new SourceFile(name, bytes));
        }
        catch (DocumentRejectedException ex)
        {
            return (Failed, null, ex.Reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A parser bug on odd input: still this file's problem, recorded so it can be looked at.
            return (Failed, null, $"parser error: {ex.GetType().Name}: {ex.Message}");
        }
        var stored = await services.GetRequiredService<DocumentStore>().SaveAsync(parsed, user, ct);
        return (stored.Outcome == StoreOutcome.Created ? Created : Duplicate, stored.DocumentId, null);
    }

    /// <summary>Moves a claimed file to its recorded place; if another run took that name meanwhile, to a free one (and records it).</summary>
    private static async Task<string> MoveToAsync(DiplotrackDbContext db, string inbox, long runId, string name, string claimed, string movedTo)
    {
        var folder = Path.GetDirectoryName(movedTo)!;
        var target = movedTo;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // No overwrite: link(2) fails when the name exists, so a processed file is never replaced.
                File.Move(claimed, Path.Combine(inbox, target), overwrite: false);
                break;
            }
            catch (IOException) when (File.Exists(Path.Combine(inbox, target)) && attempt < 100)
            {
                target = Path.Combine(folder, FreeName(Sub(inbox, folder), name));
            }
        }
        if (target != movedTo)
            await db.IngestionFiles.Where(f => f.RunId == runId && f.FileName == name)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.MovedTo, target));
        return target;
    }

    /// <summary>
    /// Files left in <c>processing/</c> by a run that is over or presumed dead: those already recorded are moved to
    /// where the record says, the others go back to the inbox to be ingested again.
    /// </summary>
    private async Task RecoverStaleClaimsAsync(string inbox, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>();
        var staleBefore = clock.GetUtcNow().AddMinutes(-options.Value.StaleClaimMinutes);
        foreach (var claimed in Directory.EnumerateFiles(Sub(inbox, ProcessingFolder)).ToList())
        {
            if (!TryParseClaim(Path.GetFileName(claimed), out var runId, out var name)) continue;
            var run = await db.IngestionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
            if (run is not null && run.Status == "running" && run.StartedAt > staleBefore) continue;
            var recorded = await db.IngestionFiles.AsNoTracking().Where(f => f.RunId == runId && f.FileName == name)
                .Select(f => f.MovedTo).FirstOrDefaultAsync(ct);
            try
            {
                if (recorded is not null) await MoveToAsync(db, inbox, runId, name, claimed, recorded);
                else File.Move(claimed, Path.Combine(inbox, FreeName(inbox, name)));
                log.LogWarning("Inbox: recovered {File} left in processing/ by run {Run}", name, runId);
            }
            catch (FileNotFoundException)
            {
                // Another run recovered it first.
            }
        }
    }

    private static string ClaimName(long runId, string name) => $"run{runId}~{name}";

    private static bool TryParseClaim(string claimName, out long runId, out string name)
    {
        runId = 0;
        name = "";
        var tilde = claimName.IndexOf('~');
        if (!claimName.StartsWith("run", StringComparison.Ordinal) || tilde < 4 || !long.TryParse(claimName[3..tilde], out runId)) return false;
        name = claimName[(tilde + 1)..];
        return true;
    }

    /// <summary><c>name</c>, else <c>name (2).ext</c>, <c>name (3).ext</c>, ...: the first that does not exist in <paramref name="folder"/>.</summary>
    internal static string FreeName(string folder, string name)
    {
        if (!File.Exists(Path.Combine(folder, name))) return name;
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        for (var i = 2; ; i++)
        {
            var candidate = $"{stem} ({i}){ext}";
            if (!File.Exists(Path.Combine(folder, candidate))) return candidate;
        }
    }

    private static string Sub(string inbox, string folder) => Path.Combine(inbox, folder);

    private async Task<long> StartRunAsync(string trigger, string? jobId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>();
        var run = new IngestionRun { Trigger = trigger, JobId = jobId, StartedAt = clock.GetUtcNow(), Status = "running" };
        db.IngestionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private async Task FinishRunAsync(long runId, string status, List<InboxFileResult> files, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>();
        var now = clock.GetUtcNow();
        int created = files.Count(f => f.Outcome == Created), duplicates = files.Count(f => f.Outcome == Duplicate), failed = files.Count(f => f.Outcome == Failed);
        await db.IngestionRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.Created, created)
            .SetProperty(r => r.Duplicates, duplicates)
            .SetProperty(r => r.Failed, failed)
            .SetProperty(r => r.Error, error), ct);
    }
}
