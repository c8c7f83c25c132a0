using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Diplotrack.Data;
using Diplotrack.Data.Documents;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Ingestion;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion.Sources;

/// <summary>A page that could not be fetched or read, and why.</summary>
public sealed record PageProblem(string Url, int? Status, string Reason);

public sealed class CrawlResult
{
    public long RunId { get; set; }
    public int ListingPages { get; set; }
    public int Discovered { get; set; }
    public int Created { get; set; }
    public int Duplicates { get; set; }
    public int NewVersions { get; set; }
    public int Unchanged { get; set; }
    public List<PageProblem> Problems { get; } = [];
}

/// <summary>
/// Polls sources (listing pages → new transcript links → fetch, snapshot, parse, store) and re-fetches stored pages
/// to turn the site's later edits into new document versions. Every page is handled in its own transaction; a
/// page the site or the parser fails on is recorded on its <c>source_pages</c> row with a retry time and never
/// stops the run. Only database failures end a run (the job then fails and Hangfire retries it).
/// </summary>
public sealed class SourceCrawler(
    IServiceScopeFactory scopes, PageFetcher fetcher, IListingParser listingParser, IOptions<SourcesOptions> options,
    TimeProvider clock, ILogger<SourceCrawler> log)
{
    public const string ListingKind = "listing";
    public const string TranscriptKind = "transcript";
    /// <summary>Who stored or edited a document the crawler brought (documents.ingested_by, the audit trail).</summary>
    public const string CrawlerUser = "crawler";
    private SourcesOptions Options => options.Value;

    /// <summary>Polls every enabled source (creating the configured ones first).</summary>
    public async Task<CrawlResult> PollAsync(string trigger, string? jobId, CancellationToken ct)
    {
        await EnsureConfiguredSourcesAsync(ct);
        return await TrackRunAsync(trigger, jobId, async result =>
        {
            List<int> sourceIds;
            await using (var scope = scopes.CreateAsyncScope())
                sourceIds = await Db(scope).Sources.Where(s => s.Enabled).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
            foreach (var id in sourceIds) await PollSourceAsync(id, result, ct);
        }, ct);
    }

    /// <summary>Fetches stored transcript pages whose last fetch is older than <see cref="SourcesOptions.RefetchAfterHours"/>.</summary>
    public async Task<CrawlResult> RefetchAsync(string trigger, string? jobId, CancellationToken ct)
    {
        return await TrackRunAsync(trigger, jobId, async result =>
        {
            var due = clock.GetUtcNow().AddHours(-Options.RefetchAfterHours);
            List<long> pageIds;
            await using (var scope = scopes.CreateAsyncScope())
                pageIds = await Db(scope).SourcePages
                    .Where(p => p.Kind == TranscriptKind && p.DocumentId != null && p.LastFetchedAt <= due && p.Source!.Enabled)
                    .OrderBy(p => p.LastFetchedAt).ThenBy(p => p.Id).Take(Options.MaxRefetchPerRun).Select(p => p.Id).ToListAsync(ct);
            foreach (var id in pageIds) await RefetchPageAsync(id, result, ct);
        }, ct);
    }

    /// <summary>Records a run around <paramref name="work"/>: started, then succeeded or failed with its error (and rethrown for Hangfire's retry).</summary>
    private async Task<CrawlResult> TrackRunAsync(string trigger, string? jobId, Func<CrawlResult, Task> work, CancellationToken ct)
    {
        var result = new CrawlResult { RunId = await StartRunAsync(trigger, jobId, ct) };
        try
        {
            await work(result);
            await FinishRunAsync(result, "succeeded", null);
            return result;
        }
        catch (Exception ex)
        {
            await FinishRunAsync(result, "failed", ex.Message);
            throw;
        }
    }

    private async Task PollSourceAsync(int sourceId, CrawlResult result, CancellationToken ct)
    {
        Source source;
        await using (var scope = scopes.CreateAsyncScope())
            source = await Db(scope).Sources.AsNoTracking().SingleAsync(s => s.Id == sourceId, ct);
        Regex pattern;
        try
        {
            pattern = new Regex(source.LinkPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            await SetSourceStateAsync(sourceId, "failing", $"invalid link pattern: {ex.Message}", ct);
            result.Problems.Add(new PageProblem(source.ListingUrl, null, $"invalid link pattern: {ex.Message}"));
            return;
        }

        // 1. Walk the listing: record every transcript link (pending) so that discovery survives an interrupted run.
        var incremental = source.State == "ok";
        var queue = new Queue<Uri>([new Uri(source.ListingUrl)]);
        var visited = new HashSet<string>();
        var knownInARow = 0;
        var complete = true;
        string? listingError = null;
        while (queue.TryDequeue(out var listingUrl))
        {
            if (!visited.Add(listingUrl.AbsoluteUri)) continue;
            if (visited.Count > Options.MaxListingPages) { complete = false; break; }
            ct.ThrowIfCancellationRequested();
            var fetched = await fetcher.FetchAsync(listingUrl, ct);
            ListingPage? page = null;
            string? error = fetched.Error;
            if (fetched.Succeeded)
            {
                try
                {
                    page = listingParser.Parse(listingUrl, fetched.Body!, pattern);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    error = $"listing not readable: {ex.Message}";
                }
            }
            var added = await RecordListingAsync(sourceId, listingUrl, fetched, error, page, ct);
            result.ListingPages++;
            if (error is not null)
            {
                complete = false;
                listingError ??= $"{listingUrl}: {error}";
                result.Problems.Add(new PageProblem(listingUrl.AbsoluteUri, fetched.Status, error));
                continue;
            }
            result.Discovered += added;
            knownInARow = added == 0 ? knownInARow + 1 : 0;
            // Once the whole listing has been walked, new transcripts appear on its first pages only.
            if (incremental && knownInARow >= Options.StopAfterKnownListingPages) { complete = false; break; }
            foreach (var more in page!.MorePages) queue.Enqueue(more);
        }
        // "ok" once the walk has reached the last listing page without an error: from then on polls are incremental.
        // A walk cut short keeps the state it had, so a source that never finished is walked in full again.
        var firstPageFailed = listingError is not null && listingError.StartsWith(new Uri(source.ListingUrl).AbsoluteUri + ":", StringComparison.Ordinal);
        var state = firstPageFailed ? "failing" : complete && listingError is null ? "ok" : source.State == "failing" ? "new" : source.State;
        await SetSourceStateAsync(sourceId, state, listingError, ct);

        // 2. Fetch the pending transcript pages (new ones, and failed ones whose retry time has come).
        List<long> pending;
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
            pending = await Db(scope).SourcePages
                .Where(p => p.SourceId == sourceId && p.Kind == TranscriptKind && p.DocumentId == null && p.NextRetryAt != null && p.NextRetryAt <= now)
                .OrderBy(p => p.Id).Take(Options.MaxPagesPerPoll).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in pending) await FetchTranscriptAsync(id, source.Format, result, ct);
    }

    /// <summary>Records the listing page's fetch (and snapshot) and inserts its not-yet-seen links; returns how many were new.</summary>
    private async Task<int> RecordListingAsync(int sourceId, Uri url, FetchResult fetched, string? error, ListingPage? page, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await PageRowAsync(db, sourceId, url, ListingKind, ct);
        var sha = fetched.Body is null ? null : await SnapshotAsync(db, url, fetched, ct);
        Record(row, fetched, sha, error);
        if (error is not null) ScheduleRetry(row);
        await db.SaveChangesAsync(ct);
        var added = 0;
        var now = clock.GetUtcNow();
        foreach (var link in page?.Links ?? [])
            added += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO app.source_pages (source_id, url, kind, first_seen_at, retry_count, next_retry_at)
                VALUES ({sourceId}, {link.Url.AbsoluteUri}, 'transcript', {now}, 0, {now})
                ON CONFLICT (url) DO NOTHING
                """, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    private async Task FetchTranscriptAsync(long pageId, string format, CrawlResult result, CancellationToken ct)
    {
        string url;
        await using (var scope = scopes.CreateAsyncScope())
            url = await Db(scope).SourcePages.Where(p => p.Id == pageId).Select(p => p.Url).SingleAsync(ct);
        var fetched = await fetcher.FetchAsync(new Uri(url), ct);

        await using var pageScope = scopes.CreateAsyncScope();
        var services = pageScope.ServiceProvider;
        var db = Db(pageScope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.SourcePages.SingleAsync(p => p.Id == pageId, ct);
        if (row.DocumentId is not null) return; // another poll got it meanwhile
        string? sha = null, error = fetched.Error;
        ParsedDocument? parsed = null;
        if (fetched.Succeeded)
        {
            sha = await SnapshotAsync(db, new Uri(url), fetched, ct);
            (parsed, error) = Read(services, url, fetched.Body!, format);
        }
        Record(row, fetched, sha, error);
        if (parsed is null)
        {
            ScheduleRetry(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            result.Problems.Add(new PageProblem(url, fetched.Status, error!));
            log.LogWarning("Source page {Url} refused: {Error}", url, error);
            return;
        }

        var stored = await services.GetRequiredService<DocumentStore>().SaveAsync(parsed, CrawlerUser, ct);
        row.DocumentId = stored.DocumentId;
        if (stored.Outcome == StoreOutcome.Created)
        {
            db.DocumentVersions.Add(new DocumentVersion
            {
                DocumentId = stored.DocumentId, Version = 1, Sha256 = parsed.Sha256, NormalisedText = parsed.NormalisedText,
                FetchedAt = clock.GetUtcNow(), SnapshotSha256 = sha,
            });
        }
        await db.SaveChangesAsync(ct);
        if (stored.Outcome == StoreOutcome.Created) result.Created++;
        else result.Duplicates++;
        await tx.CommitAsync(ct);
    }

    private async Task RefetchPageAsync(long pageId, CrawlResult result, CancellationToken ct)
    {
        string url, format;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var target = await Db(scope).SourcePages.Where(p => p.Id == pageId).Select(p => new { p.Url, p.Source!.Format }).SingleAsync(ct);
            (url, format) = (target.Url, target.Format);
        }
        var fetched = await fetcher.FetchAsync(new Uri(url), ct);

        await using var pageScope = scopes.CreateAsyncScope();
        var services = pageScope.ServiceProvider;
        var db = Db(pageScope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.SourcePages.SingleAsync(p => p.Id == pageId, ct);
        var documentId = row.DocumentId!.Value;
        var previousSha = row.LastSha256;
        string? sha = null, error = fetched.Error;
        ParsedDocument? parsed = null;
        if (fetched.Succeeded)
        {
            sha = await SnapshotAsync(db, new Uri(url), fetched, ct);
            if (sha != previousSha) (parsed, error) = Read(services, url, fetched.Body!, format);
        }
        Record(row, fetched, sha ?? previousSha, error);
        // The stored document stays as it is when the page is gone or unreadable; the next re-fetch tries again.
        row.RetryCount = error is null ? 0 : row.RetryCount + 1;
        var document = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        if (error is not null || parsed is null || parsed.Sha256 == document.Sha256)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (error is not null) result.Problems.Add(new PageProblem(url, fetched.Status, error));
            else result.Unchanged++;
            return;
        }
        if (await db.Documents.Where(d => d.Sha256 == parsed.Sha256).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct) is { } other)
        {
            row.Error = $"the page's new text is already stored as document {other}";
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            result.Problems.Add(new PageProblem(url, fetched.Status, row.Error));
            return;
        }

        var version = await NewVersionAsync(db, services, document, parsed, sha, previousSha, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        result.NewVersions++;
        log.LogInformation("Document {Document} changed at {Url}: version {Version}", documentId, url, version);
    }

    /// <summary>Records the difference, replaces the document's units and adds the version row; returns the new version number.</summary>
    private async Task<int> NewVersionAsync(DiplotrackDbContext db, IServiceProvider services, Document document, ParsedDocument parsed,
        string? snapshotSha, string? previousSnapshotSha, CancellationToken ct)
    {
        var oldStatements = await db.Statements.Where(s => s.DocumentId == document.Id).OrderBy(s => s.Ordinal)
            .Select(s => new DiffUnit(s.Ordinal, s.Text)).ToListAsync(ct);
        var oldExchanges = (await db.Exchanges.Where(e => e.DocumentId == document.Id).OrderBy(e => e.Ordinal)
            .Select(e => new { e.Ordinal, e.SpanStart, e.SpanEnd }).ToListAsync(ct))
            .Select(e => new DiffUnit(e.Ordinal, document.NormalisedText[e.SpanStart..e.SpanEnd])).ToList();
        var diff = DocumentDiff.Compute(
            oldExchanges, parsed.Exchanges.OrderBy(e => e.Index).Select(e => new DiffUnit(e.Index, parsed.NormalisedText[e.Start..e.End])).ToList(),
            oldStatements, parsed.Statements.OrderBy(s => s.Index).Select(s => new DiffUnit(s.Index, s.Text)).ToList());

        var last = await db.DocumentVersions.Where(v => v.DocumentId == document.Id).MaxAsync(v => (int?)v.Version, ct);
        if (last is null)
        {
            // Stored before versions were kept (e.g. from the inbox): its current text is version 1.
            db.DocumentVersions.Add(new DocumentVersion
            {
                DocumentId = document.Id, Version = 1, Sha256 = document.Sha256, NormalisedText = document.NormalisedText,
                FetchedAt = document.IngestedAt, SnapshotSha256 = previousSnapshotSha,
            });
            last = 1;
        }
        await services.GetRequiredService<DocumentStore>().ReplaceAsync(document.Id, parsed, CrawlerUser, ct);
        var version = last.Value + 1;
        db.DocumentVersions.Add(new DocumentVersion
        {
            DocumentId = document.Id, Version = version, Sha256 = parsed.Sha256, NormalisedText = parsed.NormalisedText,
            FetchedAt = clock.GetUtcNow(), SnapshotSha256 = snapshotSha,
            ExchangesAdded = diff.Exchanges.Added, ExchangesRemoved = diff.Exchanges.Removed, ExchangesChanged = diff.Exchanges.Changed,
            StatementsAdded = diff.Statements.Added, StatementsRemoved = diff.Statements.Removed, StatementsChanged = diff.Statements.Changed,
            Diff = diff.ToJson(),
        });
        return version;
    }

    /// <summary>Parses a fetched page in the source's format; a refusal is a reason, not an exception.</summary>
    private static (ParsedDocument? Parsed, string? Error) Read(IServiceProvider services, string url, byte[] body, string format)
    {
        try
        {
            var name = Path.GetFileName(new Uri(url).AbsolutePath);
            var parsed = services.GetRequiredService<TranscriptReader>()
                .Read(new SourceFile(name.Length == 0 ? url : name, body, new DocumentMetadataOverrides { Source = url }));
            if (parsed.Format != format) return (null, $"read as format '{parsed.Format}', but the source's pages are '{format}'");
            // The URL is the document's source whatever the page says about itself.
            return (parsed with { Metadata = parsed.Metadata with { Source = url } }, null);
        }
        catch (DocumentRejectedException ex)
        {
            return (null, $"refused: {ex.Reason}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, $"parser error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Record(SourcePage row, FetchResult fetched, string? sha, string? error)
    {
        row.LastFetchedAt = clock.GetUtcNow();
        row.LastStatus = fetched.Status;
        if (sha is not null) row.LastSha256 = sha;
        row.Error = error;
        if (error is null)
        {
            row.RetryCount = 0;
            row.NextRetryAt = null;
        }
    }

    /// <summary>Exponential back-off: 15 min, 30 min, 1 h, ...; after <see cref="SourcesOptions.MaxRetries"/> the page is left alone (its error stays).</summary>
    private void ScheduleRetry(SourcePage row)
    {
        row.RetryCount++;
        row.NextRetryAt = row.RetryCount > Options.MaxRetries
            ? null
            : clock.GetUtcNow().AddMinutes(Options.RetryBaseMinutes * Math.Pow(2, row.RetryCount - 1));
    }

    /// <summary>Stores the body once per distinct content; returns its SHA-256.</summary>
    private async Task<string> SnapshotAsync(DiplotrackDbContext db, Uri url, FetchResult fetched, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(fetched.Body!));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO app.page_snapshots (url, sha256, fetched_at, http_status, content_type, content)
            VALUES ({url.AbsoluteUri}, {sha}, {clock.GetUtcNow()}, {fetched.Status ?? 200}, {fetched.ContentType}, {fetched.Body!})
            ON CONFLICT (sha256) DO NOTHING
            """, ct);
        return sha;
    }

    private async Task<SourcePage> PageRowAsync(DiplotrackDbContext db, int sourceId, Uri url, string kind, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO app.source_pages (source_id, url, kind, first_seen_at, retry_count)
            VALUES ({sourceId}, {url.AbsoluteUri}, {kind}, {clock.GetUtcNow()}, 0)
            ON CONFLICT (url) DO NOTHING
            """, ct);
        return await db.SourcePages.SingleAsync(p => p.Url == url.AbsoluteUri, ct);
    }

    private async Task SetSourceStateAsync(int sourceId, string state, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        await Db(scope).Sources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, state).SetProperty(x => x.LastError, error).SetProperty(x => x.LastPolledAt, now), ct);
    }

    /// <summary>Creates the sources listed in configuration (<c>Sources:Seed</c>) that do not exist yet; existing ones are the CLI's to change.</summary>
    public async Task EnsureConfiguredSourcesAsync(CancellationToken ct)
    {
        if (Options.Seed.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        foreach (var s in Options.Seed)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO app.sources (name, listing_url, link_pattern, format, enabled, state)
                VALUES ({s.Name}, {s.ListingUrl}, {s.LinkPattern}, {s.Format}, {s.Enabled}, 'new')
                ON CONFLICT (name) DO NOTHING
                """, ct);
    }

    private async Task<long> StartRunAsync(string trigger, string? jobId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Db(scope);
        var run = new IngestionRun { Trigger = trigger, JobId = jobId, StartedAt = clock.GetUtcNow(), Status = "running" };
        db.IngestionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private async Task FinishRunAsync(CrawlResult result, string status, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        await Db(scope).IngestionRuns.Where(r => r.Id == result.RunId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.Created, result.Created).SetProperty(r => r.Duplicates, result.Duplicates)
            .SetProperty(r => r.Updated, result.NewVersions).SetProperty(r => r.Failed, result.Problems.Count)
            .SetProperty(r => r.Error, error));
    }

    private static DiplotrackDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>();
}
