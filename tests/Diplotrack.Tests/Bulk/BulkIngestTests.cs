using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Generation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Diplotrack.Text.Learning;

namespace Diplotrack.Tests.Bulk;

/// <summary>The bulk path against a real PostgreSQL: same rows as the single-document path, exactly once, clean rollback.</summary>
public sealed class BulkIngestTests : IAsyncLifetime
{
    private const int Docs = 30;
    private readonly TestDatabase _db = new();
    private readonly DirectoryInfo _archive = Directory.CreateTempSubdirectory("diplotrack-bulk-test-");
    private ServiceProvider _services = null!;
    private CombinedCoder _coder = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _services = AppServices.Create(_db);
        foreach (var file in new SyntheticArchive(11).Generate(Docs))
            await File.WriteAllBytesAsync(Path.Combine(_archive.FullName, file.Name), file.Content);
        _coder = await SeedCodebook.StoreAndGetCoderAsync(_services, Environment.UserName, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
        _archive.Delete(recursive: true);
    }

    private BulkIngestor Ingestor => _services.GetRequiredService<BulkIngestor>();

    private static BulkOptions SmallBatches => new() { BatchDocuments = 7, User = "test" };

    [Fact]
    public async Task StoresTheSameDocumentsAndStatementsAsTheSingleDocumentPath()
    {
        var report = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        Assert.Empty(report.Failures);
        Assert.Equal(Docs, report.Created);

        // The reference: every file through DocumentIngestor (EF Core, one transaction per document) in another database.
        var single = new TestDatabase();
        await single.InitializeAsync();
        try
        {
            await using (var services = AppServices.Create(single))
            {
                await SeedCodebook.StoreAndGetCoderAsync(services, Environment.UserName, CancellationToken.None);
                await using var scope = services.CreateAsyncScope();
                var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
                foreach (var path in Directory.EnumerateFiles(_archive.FullName).Order(StringComparer.Ordinal))
                    Assert.True((await ingestor.IngestFileAsync(path, "test", CancellationToken.None)).Succeeded, path);
            }
            foreach (var table in new[] { "documents", "exchanges", "statements", "highlight_sources", "speakers", "outlets", "statement_codings", "coding_targets" })
                Assert.Equal(await single.ScalarAsync<long>($"SELECT count(*) FROM app.{table}"), await _db.ScalarAsync<long>($"SELECT count(*) FROM app.{table}"));
            Assert.True(await _db.ScalarAsync<long>("SELECT count(*) FROM app.highlight_sources") > 0, "the archive's articles have highlights");

            // Row by row for every document, compared by content hash (ids differ between the two databases).
            const string rows =
                """
                SELECT string_agg(concat_ws('|', d.sha256, d.title, d.date, d.kind, d.place, d.occasion, d.format, length(d.normalised_text),
                                            s.ordinal, s.kind, s.span_start, s.span_end, s.text, s.section, x.ordinal, o.name, sp.name, sp.role, sp.actor_id,
                                            (SELECT string_agg(r.ordinal::text, ',' ORDER BY r.ordinal) FROM app.highlight_sources h
                                             JOIN app.statements r ON r.id = h.source_statement_id WHERE h.highlight_id = s.id)),
                                  E'\n' ORDER BY d.sha256, s.ordinal)
                FROM app.documents d JOIN app.statements s ON s.document_id = d.id
                LEFT JOIN app.exchanges x ON x.id = s.exchange_id LEFT JOIN app.outlets o ON o.id = x.outlet_id
                LEFT JOIN app.speakers sp ON sp.id = s.speaker_id
                """;
            Assert.Equal(await single.ScalarAsync<string>(rows), await _db.ScalarAsync<string>(rows));
            // And the codings: themes, targets, stances and evidence of every statement.
            const string codings =
                """
                SELECT string_agg(concat_ws('|', d.sha256, s.ordinal, c.origin, c.codebook_version_id, c.themes::text, c.is_current,
                                            t.actor_id, t.stance, t.source, t.confidence, t.phrase, t.evidence::text), E'\n'
                                  ORDER BY d.sha256, s.ordinal, t.actor_id)
                FROM app.documents d JOIN app.statements s ON s.document_id = d.id
                JOIN app.statement_codings c ON c.statement_id = s.id LEFT JOIN app.coding_targets t ON t.statement_coding_id = c.id
                """;
            Assert.Equal(await single.ScalarAsync<string>(codings), await _db.ScalarAsync<string>(codings));
        }
        finally
        {
            await single.DisposeAsync();
        }
    }

    [Fact]
    public async Task WritesOneCurrentAutomaticCodingPerStatement_WithEvidenceAsJson()
    {
        var report = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        Assert.Empty(report.Failures);
        var statements = await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements");
        Assert.Equal(statements, report.Codings);
        Assert.Equal(statements, await _db.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings WHERE is_current AND origin = 'auto'"));
        Assert.Equal(report.Targets, await _db.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets"));
        // Evidence spans point at the document's own characters: the term is exactly what the span covers.
        Assert.Equal(0L, await _db.ScalarAsync<long>(
            """
            SELECT count(*) FROM app.coding_targets t
            JOIN app.statement_codings c ON c.id = t.statement_coding_id JOIN app.statements s ON s.id = c.statement_id
            JOIN app.documents d ON d.id = s.document_id, jsonb_array_elements(t.evidence) e
            WHERE substr(d.normalised_text, (e->>'start')::int + 1, (e->>'end')::int - (e->>'start')::int) <> e->>'term'
            """));
        Assert.True(await _db.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets WHERE stance < 0") > 0);
        Assert.True(await _db.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets WHERE stance > 0") > 0);
    }

    [Fact]
    public async Task RunningTwiceAddsNothing_NorDoTwoLoadersAtOnce()
    {
        var first = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        var counts = await CountsAsync();
        var second = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        Assert.Equal((Docs, 0), (first.Created, first.AlreadyPresent));
        Assert.Equal((0, Docs), (second.Created, second.AlreadyPresent));
        Assert.Equal(counts, await CountsAsync());

        // Two loaders that both believe the documents are new: the unique hash decides, each document lands once.
        var other = new TestDatabase();
        await other.InitializeAsync();
        try
        {
            await using var services = AppServices.Create(other);
            await SeedCodebook.StoreAndGetCoderAsync(services, Environment.UserName, CancellationToken.None);
            var a = new BulkIngestor(services.GetRequiredService<BulkDatabase>().Source, Text.Parsing.TranscriptReader.Default, TimeProvider.System);
            var b = new BulkIngestor(services.GetRequiredService<BulkDatabase>().Source, Text.Parsing.TranscriptReader.Default, TimeProvider.System);
            var runs = await Task.WhenAll(
                a.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None),
                b.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None));
            Assert.Equal(Docs, runs.Sum(r => r.Created));
            Assert.Equal(Docs, runs.Sum(r => r.AlreadyPresent));
            Assert.Equal(Docs, await other.ScalarAsync<long>("SELECT count(*) FROM app.documents"));
            Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements"), await other.ScalarAsync<long>("SELECT count(*) FROM app.statements"));
            Assert.Equal(await other.ScalarAsync<long>("SELECT count(*) FROM app.statements"),
                await other.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings"));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoCopiesOfOneTextInTheFolder_AreStoredOnce()
    {
        var first = Directory.EnumerateFiles(_archive.FullName).Order(StringComparer.Ordinal).First();
        File.Copy(first, Path.Combine(_archive.FullName, "99999-copy.shtml"));
        var report = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        Assert.Empty(report.Failures);
        Assert.Equal((Docs, 1), (report.Created, report.AlreadyPresent));
        Assert.Equal(Docs, await _db.ScalarAsync<long>("SELECT count(*) FROM app.documents"));
        Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements"), report.Statements);
    }

    [Fact]
    public async Task ACorruptFileIsReportedWithItsError_AndTheOthersAreStored()
    {
        await File.WriteAllBytesAsync(Path.Combine(_archive.FullName, "00007-broken.shtml"), [0x3c, 0x68, 0x00, 0x01, 0x02, 0x00, 0xff]);
        await File.WriteAllTextAsync(Path.Combine(_archive.FullName, "00008-not-a-briefing.txt"), "只有一句话，没有发言人，也没有日期。");
        var report = await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        Assert.Equal(Docs, report.Created);
        Assert.Equal(Docs + 2, report.Files);
        var broken = Assert.Single(report.Failures, f => f.Source == "00007-broken.shtml");
        Assert.Contains("binary file", broken.Error, StringComparison.Ordinal);
        Assert.Single(report.Failures, f => f.Source == "00008-not-a-briefing.txt" && f.Error.Length > 0);
        Assert.Equal(Docs, await _db.ScalarAsync<long>("SELECT count(*) FROM app.documents"));
    }

    [Fact]
    public async Task AParserDefectOnOneFileIsReported_AndTheRunGoesOn()
    {
        await File.WriteAllTextAsync(Path.Combine(_archive.FullName, "00009-defect.txt"), "BOOM");
        var reader = new Text.Parsing.TranscriptReader([new ThrowingFormat(), .. Text.Parsing.TranscriptFormats.All]);
        var ingestor = new BulkIngestor(_services.GetRequiredService<BulkDatabase>().Source, reader, TimeProvider.System);
        var report = await ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("00009-defect.txt", failure.Source);
        Assert.Contains("IndexOutOfRangeException", failure.Error, StringComparison.Ordinal);
        Assert.Equal(Docs, report.Created);
    }

    /// <summary>A format with a bug: it claims a file and then throws something other than a rejection.</summary>
    private sealed class ThrowingFormat : Text.Parsing.ITranscriptFormat
    {
        public string Id => "defective";
        public bool Recognises(Text.Parsing.SourceFile file, string text) => text == "BOOM";
        public ParsedDocument Parse(Text.Parsing.SourceFile file, string text) => throw new IndexOutOfRangeException("a parser bug");
    }

    [Fact]
    public async Task AFailureInsideABatchRollsBackTheWholeBatch()
    {
        // A coder that produces a stance outside −2..+2 for one document: the database refuses its coding_targets
        // row, which is written last, after the batch's documents, exchanges, statements and codings.
        var poisoned = Path.GetFileName(Directory.EnumerateFiles(_archive.FullName).Order(StringComparer.Ordinal).ElementAt(3));
        var poisonedSha = TranscriptReaderSha(Path.Combine(_archive.FullName, poisoned));
        CodedDocument? Poison(ParsedDocument d)
        {
            var coded = _coder.Code(d);
            if (d.Sha256 != poisonedSha) return coded;
            var first = coded.Statements.First(s => s.Targets.Count > 0);
            var bad = first with { Targets = [first.Targets[0] with { Stance = 5 }, .. first.Targets.Skip(1)] };
            return coded with { Statements = coded.Statements.Select(s => s == first ? bad : s).ToList() };
        }

        var outlets = await _db.ScalarAsync<long>("SELECT count(*) FROM app.outlets");
        var once = await Ingestor.IngestDirectoryAsync(_archive.FullName, Poison,
            new BulkOptions { BatchDocuments = 1000, RetryFailedBatchPerDocument = false, User = "test" }, CancellationToken.None);
        Assert.Equal(Docs, once.Failed);
        Assert.Contains("ck_coding_targets_stance", once.Failures[0].Error, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L, 0L, 0L, 0L, 0L), await CountsAsync());
        // Outlets the batch added (the archive has some the codebook lacks) went with it.
        Assert.Equal(outlets, await _db.ScalarAsync<long>("SELECT count(*) FROM app.outlets"));

        // With per-document retry (the default), only the poisoned document is refused, and it leaves nothing behind.
        var retried = await Ingestor.IngestDirectoryAsync(_archive.FullName, Poison,
            new BulkOptions { BatchDocuments = 1000, User = "test" }, CancellationToken.None);
        var failure = Assert.Single(retried.Failures);
        Assert.Equal(poisoned, failure.Source);
        Assert.Equal(Docs - 1, retried.Created);
        Assert.Equal(0L, await _db.ScalarAsync<long>($"SELECT count(*) FROM app.documents WHERE sha256 = '{poisonedSha}'"));
        Assert.Equal(await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements"), await _db.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings"));
    }

    [Fact]
    public async Task RecodeSupersedesAutomaticCodings_ButAPersonsCodingStaysCurrent()
    {
        await Ingestor.IngestDirectoryAsync(_archive.FullName, _coder.Code, SmallBatches, CancellationToken.None);
        var statements = await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements");
        var manualStatement = await _db.ScalarAsync<long>("SELECT min(id) FROM app.statements WHERE kind = 'answer'");
        await ExecuteAsync(
            $"""
            UPDATE app.statement_codings SET is_current = false, superseded_at = now() WHERE statement_id = {manualStatement} AND is_current;
            INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at, created_by, reason)
            SELECT {manualStatement}, 'manual', max(id), ARRAY['trade'], true, now(), 'analyst', 'checked by hand' FROM app.codebook_versions;
            """);

        // A codebook change: one more negator makes a new version, so every automatic coding is stale.
        await using (var scope = _services.CreateAsyncScope())
        {
            var codebooks = scope.ServiceProvider.GetRequiredService<CodebookService>();
            var changed = CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook"));
            changed = changed with { Negators = [.. changed.Negators, "未必见得"] };
            Assert.True((await codebooks.StoreAsync(changed, "test", "a changed codebook", CancellationToken.None)).Created);
        }
        var coder = await SeedCodebook.CurrentCoderAsync(_services, CancellationToken.None);
        Assert.NotEqual(_coder.CodebookVersion, coder.CodebookVersion);

        var recoder = _services.GetRequiredService<BulkRecoder>();
        var report = await recoder.RecodeAsync(coder, new BulkOptions { BatchDocuments = 4 }, CancellationToken.None);
        Assert.Equal(Docs, report.Documents);
        Assert.Equal(statements, report.Codings);
        Assert.Equal(1, report.KeptManual);
        Assert.Equal(statements, await _db.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings WHERE is_current"));
        Assert.Equal(2 * statements + 1, await _db.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings"));
        Assert.Equal("manual", await _db.ScalarAsync<string>($"SELECT origin FROM app.statement_codings WHERE statement_id = {manualStatement} AND is_current"));
        Assert.Equal(statements, await _db.ScalarAsync<long>($"SELECT count(*) FROM app.statement_codings WHERE origin = 'auto' AND codebook_version_id = {coder.CodebookVersion}"));
        // Running it again finds nothing stale.
        var again = await recoder.RecodeAsync(coder, new BulkOptions { BatchDocuments = 4 }, CancellationToken.None);
        Assert.Equal((0, 0L), (again.Documents, again.Codings));
        // A negator that never occurs changes no coding: re-coding reproduces the first coding's targets.
        Assert.Equal(
            await _db.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets t JOIN app.statement_codings c ON c.id = t.statement_coding_id WHERE c.superseded_at IS NOT NULL AND c.origin = 'auto'"),
            await _db.ScalarAsync<long>($"SELECT count(*) FROM app.coding_targets t JOIN app.statement_codings c ON c.id = t.statement_coding_id WHERE c.superseded_at IS NULL AND c.origin = 'auto'"));
    }

    private static string TranscriptReaderSha(string path) =>
        Text.Parsing.TranscriptReader.Default.Read(new Text.Parsing.SourceFile(Path.GetFileName(path), File.ReadAllBytes(path))).Sha256;

    private async Task<(long, long, long, long, long, long, long)> CountsAsync() => (
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.documents"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.exchanges"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.statements"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.highlight_sources"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.statement_codings"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.coding_targets"),
        await _db.ScalarAsync<long>("SELECT count(*) FROM app.speakers"));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
