using System.Diagnostics;
using System.Threading.Channels;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Diplotrack.Features.Database;
using Npgsql;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>Codes a parsed document; null leaves it uncoded. Called from several threads at once.</summary>
public delegate CodedDocument? DocumentCoder(ParsedDocument document);

public sealed record BulkFailure(string Source, string Error);

public sealed record BulkReport(
    int Files, int Created, int AlreadyPresent, IReadOnlyList<BulkFailure> Failures,
    long Exchanges, long Statements, long Codings, long Targets, TimeSpan Elapsed)
{
    /// <summary>Summed over workers: time spent parsing, coding, and in batch transactions (for tuning; they overlap).</summary>
    public TimeSpan Parsing { get; init; }
    public TimeSpan Coding { get; init; }
    public TimeSpan Writing { get; init; }

    public int Failed => Failures.Count;
}

/// <summary>
/// Loads a folder of transcripts at archive scale: a bounded pipeline of one reader, parse+code workers on every core,
/// and batch writers (two by default) that store batches with binary COPY, each batch in one transaction. Exactly-once per content:
/// known hashes are skipped before coding, and documents go through a staging table with
/// <c>ON CONFLICT (sha256) DO NOTHING</c>, so a concurrent loader of the same file cannot make a duplicate.
/// The single-document path (<see cref="DocumentStore"/>) stays on EF Core. See docs/decisions/0011-bulk-ingestion.md.
/// </summary>
public sealed class BulkIngestor(NpgsqlDataSource dataSource, TranscriptReader reader, TimeProvider clock)
{
    private sealed record Work(string Source, ParsedDocument? Parsed, CodedDocument? Coded, string? Error, bool Known);

    /// <summary>Per run (the ingestor is shared), added to from every worker.</summary>
    private sealed class StageTimes
    {
        public long ParseTicks;
        public long CodeTicks;
    }

    public Task<BulkReport> IngestDirectoryAsync(string directory, DocumentCoder? coder, BulkOptions options, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"no such folder: {directory}");
        // Only names are listed up front; contents are read as the pipeline asks for them.
        var paths = Directory.EnumerateFiles(directory)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal);
        return IngestAsync(paths, coder, options, ct);
    }

    public async Task<BulkReport> IngestAsync(IEnumerable<string> paths, DocumentCoder? coder, BulkOptions options, CancellationToken ct)
    {
        var clockStart = Stopwatch.StartNew();
        var times = new StageTimes();
        var known = await KnownHashesAsync(ct);
        var workers = Math.Max(1, options.Parallelism);
        var files = Channel.CreateBounded<SourceFile>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var results = Channel.CreateBounded<Work>(new BoundedChannelOptions(workers * 8) { SingleReader = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;

        var fileCount = 0;
        var readTask = Task.Run(async () =>
        {
            try
            {
                foreach (var path in paths)
                {
                    byte[] bytes;
                    try
                    {
                        bytes = await File.ReadAllBytesAsync(path, token);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // An unreadable file is a failure of that file, reported like a parse error.
                        await results.Writer.WriteAsync(new Work(Path.GetFileName(path), null, null, "cannot read: " + ex.Message, false), token);
                        fileCount++;
                        continue;
                    }
                    fileCount++;
                    await files.Writer.WriteAsync(new SourceFile(Path.GetFileName(path), bytes), token);
                }
            }
            finally
            {
                files.Writer.Complete();
            }
        }, token);

        var workerTasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var file in files.Reader.ReadAllAsync(token))
                await results.Writer.WriteAsync(Prepare(file, coder, known, times), token);
        }, token)).ToArray();

        var completion = Task.WhenAll(workerTasks.Append(readTask)).ContinueWith(
            t => results.Writer.Complete(t.Exception?.GetBaseException()), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // Several writers: while one batch waits on PostgreSQL (key checks, index updates), another is sent.
        var writers = Enumerable.Range(0, Math.Max(1, options.Writers)).Select(_ => new BatchWriter(dataSource, clock, options)).ToArray();
        var batches = Channel.CreateBounded<List<(string, ParsedDocument, CodedDocument?)>>(new BoundedChannelOptions(1) { SingleWriter = true });
        var writerTasks = writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await foreach (var b in batches.Reader.ReadAllAsync(token)) await w.WriteAsync(b, token);
            }
            catch
            {
                // E.g. the server went away: stop the whole pipeline instead of waiting for a writer that is gone.
                await cts.CancelAsync();
                throw;
            }
        }, token)).ToArray();
        var failures = new List<BulkFailure>();
        var present = 0;
        try
        {
            var batch = new List<(string, ParsedDocument, CodedDocument?)>(options.BatchDocuments);
            var statements = 0;
            await foreach (var work in results.Reader.ReadAllAsync(token))
            {
                if (work.Error is not null) failures.Add(new BulkFailure(work.Source, work.Error));
                else if (work.Known) present++;
                else
                {
                    batch.Add((work.Source, work.Parsed!, work.Coded));
                    statements += work.Parsed!.Statements.Count;
                    if (batch.Count >= options.BatchDocuments || statements >= options.BatchStatements)
                    {
                        await batches.Writer.WriteAsync(batch, token);
                        batch = new List<(string, ParsedDocument, CodedDocument?)>(options.BatchDocuments);
                        statements = 0;
                    }
                }
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync(batch, token);
            batches.Writer.Complete();
            await Task.WhenAll(writerTasks);
            await completion;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            batches.Writer.TryComplete();
            await Task.WhenAll(writerTasks); // rethrows the writer's own error, which says what went wrong
            throw;
        }
        catch
        {
            batches.Writer.TryComplete();
            await cts.CancelAsync();
            throw;
        }
        return BatchWriter.Combine(writers, failures, present, fileCount, clockStart.Elapsed) with
        {
            Parsing = TimeSpan.FromTicks(Interlocked.Read(ref times.ParseTicks)),
            Coding = TimeSpan.FromTicks(Interlocked.Read(ref times.CodeTicks)),
        };
    }

    private Work Prepare(SourceFile file, DocumentCoder? coder, HashSet<string> known, StageTimes times)
    {
        ParsedDocument parsed;
        try
        {
            var started = Stopwatch.GetTimestamp();
            parsed = reader.Read(file);
            Interlocked.Add(ref times.ParseTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
        catch (DocumentRejectedException ex)
        {
            return new Work(file.Name, null, null, ex.Reason, false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A parser defect on one file must not stop an archive load: that file is reported, the rest go on.
            return new Work(file.Name, null, null, $"could not be parsed ({ex.GetType().Name}: {ex.Message})", false);
        }
        // Known content is not coded again: a second run over the same folder costs parsing only. Two copies of the
        // same new text in one run both go to the writers: the unique hash stores one, whichever batch commits.
        if (known.Contains(parsed.Sha256)) return new Work(file.Name, null, null, null, true);
        CodedDocument? coded;
        try
        {
            var started = Stopwatch.GetTimestamp();
            coded = coder?.Invoke(parsed);
            Interlocked.Add(ref times.CodeTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new Work(file.Name, null, null, "coding failed: " + ex.Message, false);
        }
        return new Work(file.Name, parsed, coded, null, false);
    }

    private async Task<HashSet<string>> KnownHashesAsync(CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT sha256 FROM app.documents");
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) known.Add(rows.GetString(0));
        return known;
    }
}
