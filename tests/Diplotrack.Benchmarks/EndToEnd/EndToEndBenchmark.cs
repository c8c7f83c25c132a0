using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Diplotrack.Data;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Stance;
using Diplotrack.Hosting;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diplotrack.Benchmarks.EndToEnd;

/// <summary>
/// The archive-scale benchmark (scripts/bench): on fresh databases of the server in DIPLOTRACK_DB, ingest a generated
/// archive through the bulk path, compare with a raw COPY of the very same rows, recompute stance, time the
/// example report queries, and repeat the ingest on the real corpus when DIPLOTRACK_CORPUS is set.
/// Prints figures; asserts nothing (speed targets are judged by people, not by CI).
/// </summary>
public static partial class EndToEndBenchmark
{
    // Tables in foreign-key order; the reference tables are copied to the floor database untimed (they are tiny).
    private static readonly string[] ReferenceTables = ["actors", "codebook_versions", "outlets", "speakers"];
    private static readonly string[] IngestTables = ["documents", "exchanges", "statements", "highlight_sources", "statement_codings", "coding_targets"];

    public static async Task<int> RunAsync(string[] args)
    {
        var docs = IntArg(args, "--docs") ?? 5000;
        var seed = (ulong)(IntArg(args, "--seed") ?? 1);
        var queryRuns = IntArg(args, "--query-runs") ?? 30;
        Writers = IntArg(args, "--writers") ?? new BulkOptions().Writers;
        var keep = args.Contains("--keep");
        var server = Environment.GetEnvironmentVariable(DiplotrackDatabase.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            await Console.Error.WriteLineAsync("DIPLOTRACK_DB is not set: run scripts/bench, which starts a throwaway PostgreSQL.");
            return 2;
        }
        var repo = FindRepository();
        Machine();

        var archive = Directory.CreateTempSubdirectory("diplotrack-archive-");
        try
        {
            var watch = Stopwatch.StartNew();
            long bytes = 0;
            foreach (var file in new SyntheticArchive(seed).Generate(docs))
            {
                await File.WriteAllBytesAsync(Path.Combine(archive.FullName, file.Name), file.Content);
                bytes += file.Content.Length;
            }
            Console.WriteLine($"archive: {docs} generated transcripts (seed {seed}), {bytes / 1048576.0:F1} MiB, written in {watch.Elapsed.TotalSeconds:F1} s");

            await using (var db = await BenchDatabase.CreateAsync(server, "archive"))
            {
                var paths = Directory.EnumerateFiles(archive.FullName).Order(StringComparer.Ordinal).ToList();
                var ingest = await IngestAsync(db, repo, paths, "generated archive");
                IngestPeak = Process.GetCurrentProcess().PeakWorkingSet64;
                await FloorAsync(server, db, ingest);
                await RecodeAsync(db, repo);
                await StanceAsync(db, repo);
                await SnapshotAsync(db, repo);
                await ReportQueriesAsync(db, repo, queryRuns);
                if (keep)
                {
                    db.Keep();
                    Console.WriteLine($"  --keep: the archive database is kept: {db.ConnectionString}");
                }
            }

            if (Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS") is { Length: > 0 } corpus)
            {
                await using var db = await BenchDatabase.CreateAsync(server, "corpus");
                var paths = CorpusTranscripts(corpus, "zh").ToList();
                Console.WriteLine();
                Console.WriteLine($"corpus: {paths.Count} zh transcripts from {corpus}");
                var ingest = await IngestAsync(db, repo, paths, "real corpus (zh)");
                await FloorAsync(server, db, ingest);
            }
            else
            {
                Console.WriteLine();
                Console.WriteLine("corpus: skipped (set DIPLOTRACK_CORPUS=/work/shared/corpus; scripts/bench does when ../shared/corpus exists)");
            }
        }
        finally
        {
            archive.Delete(recursive: true);
        }
        Console.WriteLine();
        // The working-set peak only grows: the first figure is the bulk ingest's (the issue's target), the second that of
        // everything after it too (the stance recompute holds its results in memory, and server GC keeps freed memory).
        Console.WriteLine($"peak memory (working set): bulk ingest of the generated archive {IngestPeak / 1048576.0:F0} MiB; " +
                          $"whole run {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        return 0;
    }

    private static int Writers { get; set; }

    private static long IngestPeak { get; set; }

    private sealed record IngestResult(BulkReport Report, TimeSpan Wall);

    private static async Task<IngestResult> IngestAsync(BenchDatabase db, string repo, IReadOnlyList<string> paths, string label)
    {
        await using var services = Services(db.ConnectionString, repo);
        var coder = await SeedCodebook.StoreAndGetCoderAsync(services, Environment.UserName, CancellationToken.None);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = await services.GetRequiredService<BulkIngestor>().IngestAsync(paths, coder.Code, new BulkOptions { User = "bench", Writers = Writers }, CancellationToken.None);
        var wall = watch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var s = wall.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"bulk ingest + coding, {label} ({Environment.ProcessorCount} parse/code workers, {Writers} batch writers):");
        Console.WriteLine($"  {report.Created} documents stored, {report.AlreadyPresent} already present, {report.Failed} failed");
        foreach (var f in report.Failures.Take(5)) Console.WriteLine($"    {f.Source}: {f.Error}");
        Console.WriteLine($"  {report.Exchanges:N0} exchanges, {report.Statements:N0} statements, {report.Codings:N0} codings, {report.Targets:N0} coding targets");
        Console.WriteLine($"  wall {s:F1} s: {report.Created / s:F0} documents/s, {report.Statements / s:F0} statements/s");
        Console.WriteLine($"  time inside the stages (summed over threads, overlapping): parse {report.Parsing.TotalSeconds:F1} s, " +
                          $"code {report.Coding.TotalSeconds:F1} s, batch transactions {report.Writing.TotalSeconds:F1} s");
        Console.WriteLine($"  CPU of this process {cpu.TotalSeconds:F1} s (parse + code + COPY client; PostgreSQL's own work is not in it)");
        Console.WriteLine($"  peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");

        // The same folder again: exactly-once means nothing is added.
        watch.Restart();
        var again = await services.GetRequiredService<BulkIngestor>().IngestAsync(paths, coder.Code, new BulkOptions { User = "bench" }, CancellationToken.None);
        Console.WriteLine($"  second run over the same files: {again.Created} stored, {again.AlreadyPresent} already present, in {watch.Elapsed.TotalSeconds:F1} s");
        return new IngestResult(report, wall);
    }

    /// <summary>
    /// The database's own limit: the rows the ingest wrote, exported to files, then loaded by plain binary COPY into a
    /// fresh migrated database (same indexes, constraints and foreign keys) in one transaction. No parsing, no coding.
    /// </summary>
    private static async Task FloorAsync(string server, BenchDatabase source, IngestResult ingest)
    {
        var dump = Directory.CreateTempSubdirectory("diplotrack-floor-");
        try
        {
            await using (var connection = await source.OpenAsync())
            {
                foreach (var table in ReferenceTables.Concat(IngestTables))
                {
                    await using var output = File.Create(Path.Combine(dump.FullName, table));
                    await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY app.{table} TO STDOUT (FORMAT BINARY)");
                    await copy.CopyToAsync(output);
                }
            }
            await using var floor = await BenchDatabase.CreateAsync(server, "floor");
            await using var target = await floor.OpenAsync();
            await CopyInAsync(target, dump.FullName, ReferenceTables);
            var watch = Stopwatch.StartNew();
            await using (var tx = await target.BeginTransactionAsync())
            {
                await CopyInAsync(target, dump.FullName, IngestTables);
                await tx.CommitAsync();
            }
            var floorTime = watch.Elapsed;
            var rows = await floor.ScalarAsync<long>(
                "SELECT (SELECT count(*) FROM app.documents) + (SELECT count(*) FROM app.exchanges) + (SELECT count(*) FROM app.statements) " +
                "+ (SELECT count(*) FROM app.highlight_sources) + (SELECT count(*) FROM app.statement_codings) + (SELECT count(*) FROM app.coding_targets)");
            var size = IngestTables.Sum(t => new FileInfo(Path.Combine(dump.FullName, t)).Length);
            Console.WriteLine($"  raw COPY floor (same {rows:N0} rows, {size / 1048576.0:F0} MiB, one transaction, all indexes and keys): {floorTime.TotalSeconds:F1} s " +
                              $"({rows / floorTime.TotalSeconds:F0} rows/s)");
            Console.WriteLine($"  ratio bulk ingest / floor: {ingest.Wall.TotalSeconds / floorTime.TotalSeconds:F2}x");
        }
        finally
        {
            dump.Delete(recursive: true);
        }
    }

    private static async Task CopyInAsync(NpgsqlConnection connection, string folder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            await using var input = File.OpenRead(Path.Combine(folder, table));
            await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY app.{table} FROM STDIN (FORMAT BINARY)");
            await input.CopyToAsync(copy);
        }
    }

    /// <summary>A codebook change (one more negator, a new version) makes every automatic coding stale: re-code them all.</summary>
    private static async Task RecodeAsync(BenchDatabase db, string repo)
    {
        await using var services = Services(db.ConnectionString, repo);
        await using (var scope = services.CreateAsyncScope())
        {
            var codebook = CodebookLoader.Load(Path.Combine(repo, "seed", "codebook"));
            await scope.ServiceProvider.GetRequiredService<CodebookService>()
                .StoreAsync(codebook with { Negators = [.. codebook.Negators, "未必见得"] }, "bench", "benchmark: a changed codebook", CancellationToken.None);
        }
        var coder = await SeedCodebook.CurrentCoderAsync(services, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var report = await services.GetRequiredService<BulkRecoder>().RecodeAsync(coder, new BulkOptions { User = "bench" }, CancellationToken.None);
        var s = watch.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"bulk recode after a codebook change (v{coder.CodebookVersion}): {report.Documents} documents, {report.Codings:N0} codings, " +
                          $"{report.Targets:N0} targets in {s:F1} s ({report.Codings / s:F0} statements/s)");
    }

    /// <summary>The full stance recompute (what <c>diplotrack recompute</c> and the nightly job run), over every document.</summary>
    private static async Task StanceAsync(BenchDatabase db, string repo)
    {
        await using var services = Services(db.ConnectionString, repo);
        await using var scope = services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<StanceJobs>();
        var watch = Stopwatch.StartNew();
        await jobs.RecomputeAllAsync(CancellationToken.None);
        var s = watch.Elapsed.TotalSeconds;
        var observations = await db.ScalarAsync<long>("SELECT count(*) FROM app.stance_observations");
        var changes = await db.ScalarAsync<long>("SELECT count(*) FROM app.stance_changes");
        Console.WriteLine();
        Console.WriteLine($"stance recompute (full): {s:F1} s; {observations:N0} observations, {changes:N0} changes");
    }

    /// <summary>
    /// The reporting snapshots behind reporting.codings, statement_themes and formula_matches, refreshed as the jobs do at
    /// their end (ReportingSnapshot). Without it the report queries would time an empty or stale snapshot. The first
    /// refresh takes in the ingest and recode; the second, with nothing changed, is what every per-document stance
    /// job pays on an archive of this size.
    /// </summary>
    private static async Task SnapshotAsync(BenchDatabase db, string repo)
    {
        await using var services = Services(db.ConnectionString, repo);
        // A server mirrors the codebook's formula ladder into app.formulas when it seeds on start; this database is only
        // migrated, and without the ladder formula_matches (example 3, and part of the refresh) would be empty.
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FormulaLadder>().SyncAsync(CancellationToken.None);
        Console.WriteLine();
        foreach (var label in new[] { "after the ingest and recode", "again, nothing changed (what each stance job pays)" })
        {
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var each = await scope.ServiceProvider.GetRequiredService<ReportingSnapshot>().RefreshAsync(CancellationToken.None);
            Console.WriteLine($"reporting snapshots refresh, {label}: {watch.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine("  " + string.Join(", ", each.Select(e => $"{e.Snapshot.Replace("app.reporting_", "")} {e.Elapsed.TotalSeconds:F2} s ({e.RowsChanged:N0} rows)")));
        }
        var rows = await db.ScalarAsync<string>(
            "SELECT format('%s current coding targets, %s statement themes, %s formula matches, %s document targets, %s exchanges', " +
            "(SELECT count(*) FROM reporting.codings), (SELECT count(*) FROM reporting.statement_themes), (SELECT count(*) FROM reporting.formula_matches), " +
            "(SELECT count(*) FROM reporting.document_targets), (SELECT count(*) FROM reporting.exchange_stance))");
        Console.WriteLine($"  snapshots hold {rows}");
    }

    /// <summary>p50/p95 of every SQL example of docs/reporting.md, when the reporting feature is in this build.</summary>
    private static async Task ReportQueriesAsync(BenchDatabase db, string repo, int runs)
    {
        Console.WriteLine();
        var doc = Path.Combine(repo, "docs", "reporting.md");
        if (!File.Exists(doc))
        {
            Console.WriteLine("report queries: not measured: docs/reporting.md is not in this build (branch `reporting` is not merged into main yet)");
            return;
        }
        var queries = SqlBlock().Matches(await File.ReadAllTextAsync(doc)).Select((m, i) => (Name: QueryName(m.Groups[1].Value, i), Sql: m.Groups[1].Value)).ToList();
        Console.WriteLine($"report queries: {queries.Count} examples of docs/reporting.md, {runs} runs each after one warm-up");
        await using var connection = await db.OpenAsync();
        foreach (var (name, sql) in queries)
        {
            var times = new List<double>();
            try
            {
                for (var i = 0; i <= runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await using var command = new NpgsqlCommand(sql, connection);
                    await using (var reader = await command.ExecuteReaderAsync())
                        while (await reader.ReadAsync()) { }
                    if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine($"  {name}: p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms");
            }
            catch (PostgresException ex)
            {
                Console.WriteLine($"  {name}: failed: {ex.MessageText}");
            }
        }
    }

    private static string QueryName(string sql, int index)
    {
        var first = sql.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("--", StringComparison.Ordinal) && !l.Contains("Returns rows when", StringComparison.Ordinal));
        // The view the query reads, not the one its "Returns rows when" comment checks.
        var body = string.Join('\n', sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        var from = Regex.Match(body, @"FROM\s+reporting\.(\w+)", RegexOptions.IgnoreCase);
        return $"#{index + 1}" + (first is not null ? " " + first.TrimStart('-', ' ') : from.Success ? $" (reporting.{from.Groups[1].Value})" : "");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [GeneratedRegex(@"```sql\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    private static IEnumerable<string> CorpusTranscripts(string corpus, string language)
    {
        var root = Path.Combine(corpus, "fmprc");
        // path,url,kind,lang,...: the first four columns never hold commas (the title, later, may).
        var list = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(root, "manifest.csv")).Skip(1))
        {
            var f = line.Split(',', 5);
            if (f.Length == 5 && f[2] == "transcript" && f[3] == language) list.Add(Path.Combine(root, f[0]));
        }
        return list;
    }

    private static ServiceProvider Services(string connectionString, string repo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DiplotrackDatabase.EnvironmentVariable] = connectionString,
            ["Seed:Directory"] = Path.Combine(repo, "seed"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDiplotrackCore(configuration);
        return services.BuildServiceProvider();
    }

    private static void Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F0} GiB, " +
                          $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"load average at start (other work on the machine slows every figure): {load}");
    }

    private static int? IntArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Diplotrack.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Diplotrack.slnx) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh migrated database on the benchmark server, dropped when disposed.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;
    private bool _keep;

    private BenchDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string server, string purpose)
    {
        var db = new BenchDatabase(server, $"bench_{purpose}_{Guid.NewGuid():N}"[..30]);
        await db.OnServerAsync($"CREATE DATABASE \"{db._name}\"");
        var builder = new DbContextOptionsBuilder<DiplotrackDbContext>();
        builder.UseDiplotrack(db.ConnectionString);
        var options = builder.Options;
        await using (var context = new DiplotrackDbContext(options)) await context.Database.MigrateAsync();
        return db;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Leave the database on the server when disposed (bench --keep), to time queries on it afterwards.</summary>
    public void Keep() => _keep = true;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_keep) return;
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
