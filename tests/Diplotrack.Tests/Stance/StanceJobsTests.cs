using Diplotrack.Features.Stance;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Stance;

/// <summary>What the scheduler relies on: re-runs change nothing, a failed run leaves the old rows, incremental = full.</summary>
public class StanceJobsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly StanceFixture _fixture = new(database);
    private readonly List<long> _documents = [];
    private readonly List<long> _statements = [];

    public async Task InitializeAsync()
    {
        await _fixture.ResetAsync();
        // Four months of briefings by China's spokesperson, and one press conference by the minister.
        var stances = new[] { 2, 1, 0, -1, -2, 1, 1, 0 };
        for (var month = 1; month <= 4; month++)
            foreach (var day in new[] { 4, 18 })
            {
                var k = month * 3 + day;
                var (doc, ids) = await _fixture.AddDocumentAsync(new DateOnly(2023, month, day), StanceFixture.Briefing,
                [
                    FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", stances[k % 8], "trade"),
                    FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", stances[(k + 3) % 8], "relations"),
                    FixtureStatement.Answer(_fixture.ChinaSpokesperson, month % 2 == 0 ? "JP" : "RU", stances[(k + 5) % 8], "security"),
                    new FixtureStatement(_fixture.ChinaSpokesperson, "answer", [("US", -1), ("RU", (short)(month - 2))], ["security", "mediation"]),
                ]);
                _documents.Add(doc);
                _statements.AddRange(ids);
            }
        var (npc, npcIds) = await _fixture.AddDocumentAsync(new DateOnly(2023, 3, 7), StanceFixture.PressConference,
            [FixtureStatement.Answer(_fixture.ChinaMinister, "US", -1, "relations"), FixtureStatement.Answer(_fixture.ChinaMinister, "RU", 2, "relations")]);
        _documents.Add(npc);
        _statements.AddRange(npcIds);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Running_the_full_recompute_again_writes_nothing()
    {
        await _fixture.RecomputeAllAsync();
        var first = await _fixture.PhysicalSnapshotAsync();
        Assert.NotEmpty(first);

        await _fixture.RecomputeAllAsync();
        await _fixture.RecomputeForDocumentsAsync(_documents[2], _documents[^1]);

        // Same ids, same computed_at, same xmin: not one row was rewritten.
        Assert.Equal(first, await _fixture.PhysicalSnapshotAsync());
    }

    [Fact]
    public async Task The_same_input_gives_the_same_rows_when_computed_from_scratch()
    {
        await _fixture.RecomputeAllAsync();
        var first = await _fixture.ContentSnapshotAsync();
        await _fixture.ExecuteAsync("TRUNCATE app.stance_changes, app.stance_observations");

        await _fixture.RecomputeAllAsync();

        Assert.Equal(first, await _fixture.ContentSnapshotAsync());
    }

    [Fact]
    public async Task A_run_that_fails_midway_leaves_the_previous_rows_intact_and_a_retry_completes_it()
    {
        await _fixture.RecomputeAllAsync();
        var before = await _fixture.PhysicalSnapshotAsync();
        // New input that changes rows, then a failure at the very last step (writing the changes with their evidence),
        // after the old observations and changes of the scope were already deleted inside the transaction.
        var (late, _) = await _fixture.AddDocumentAsync(new DateOnly(2023, 4, 25), StanceFixture.Briefing,
            [FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", -2, "trade")]);
        await _fixture.ExecuteAsync("""
            CREATE FUNCTION app.fail_stance_evidence() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER fail_stance_evidence BEFORE INSERT ON app.stance_changes
            FOR EACH ROW EXECUTE FUNCTION app.fail_stance_evidence();
            """);

        var error = await Assert.ThrowsAsync<PostgresException>(() => _fixture.RecomputeAllAsync());
        Assert.Contains("injected failure", error.MessageText);
        Assert.Equal(before, await _fixture.PhysicalSnapshotAsync());
        await Assert.ThrowsAsync<PostgresException>(() => _fixture.RecomputeForDocumentsAsync(late));
        Assert.Equal(before, await _fixture.PhysicalSnapshotAsync());

        // The retry (what Hangfire does) succeeds and the new document is reflected.
        await _fixture.ExecuteAsync("DROP TRIGGER fail_stance_evidence ON app.stance_changes; DROP FUNCTION app.fail_stance_evidence();");
        await _fixture.RecomputeForDocumentsAsync(late);
        var after = await _fixture.StringsAsync($"SELECT n_statements::text FROM app.stance_observations WHERE document_id = {late} AND target_actor_id = 'US' AND theme = '*'");
        Assert.Equal(["1"], after);
    }

    [Fact]
    public async Task A_cancelled_run_leaves_the_previous_rows_intact()
    {
        await _fixture.RecomputeAllAsync();
        var before = await _fixture.PhysicalSnapshotAsync();
        await _fixture.AddDocumentAsync(new DateOnly(2023, 4, 25), StanceFixture.Briefing,
            [FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", -2, "trade")]);
        // Hold the job's lock so that the run is cancelled while it waits inside its transaction.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('diplotrack.stance'))", blocker, tx))
                await lockCommand.ExecuteNonQueryAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var thrown = await Record.ExceptionAsync(() => _fixture.RecomputeAllAsync(cts.Token));
            Assert.True(thrown is OperationCanceledException || thrown?.InnerException is OperationCanceledException, thrown?.ToString());
            await tx.RollbackAsync();
        }
        Assert.Equal(before, await _fixture.PhysicalSnapshotAsync());
    }

    [Fact]
    public async Task Incremental_recompute_after_new_documents_gives_the_rows_of_a_full_recompute()
    {
        await _fixture.RecomputeAllAsync();
        var untouchedVenue = await _fixture.StringsAsync(
            $"SELECT (to_jsonb(o) || jsonb_build_object('xmin', o.xmin::text))::text FROM app.stance_observations o WHERE document_kind = '{StanceFixture.PressConference}' ORDER BY id");

        // A briefing inside an existing month (changes salience of every target that month, and makes JP disappear),
        // one in a new month, and a statement by another government.
        var (inside, _) = await _fixture.AddDocumentAsync(new DateOnly(2023, 2, 10), StanceFixture.Briefing,
        [
            FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", -2, "tech-sanctions"),
            FixtureStatement.Answer(_fixture.ChinaSpokesperson, "PH", -1, "sovereignty"),
        ]);
        var (later, _) = await _fixture.AddDocumentAsync(new DateOnly(2023, 6, 2), StanceFixture.Briefing,
            [FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", 2, "trade")]);
        var (american, _) = await _fixture.AddDocumentAsync(new DateOnly(2023, 6, 3), StanceFixture.Briefing,
            [FixtureStatement.Answer(_fixture.UsSpokesperson, "CN", -1, "trade")]);

        await _fixture.RecomputeForDocumentsAsync(inside, later, american);
        var incremental = await _fixture.ContentSnapshotAsync();
        await _fixture.RecomputeAllAsync();
        Assert.Equal(incremental, await _fixture.ContentSnapshotAsync());
        Assert.Contains(incremental, r => r.Contains("\"target_actor_id\": \"PH\""));
        Assert.Contains(incremental, r => r.Contains("\"speaker_actor_id\": \"US\""));

        // Rows of a venue the documents do not touch were not rewritten.
        Assert.Equal(untouchedVenue, await _fixture.StringsAsync(
            $"SELECT (to_jsonb(o) || jsonb_build_object('xmin', o.xmin::text))::text FROM app.stance_observations o WHERE document_kind = '{StanceFixture.PressConference}' ORDER BY id"));
    }

    [Fact]
    public async Task Incremental_recompute_after_a_correction_or_a_deletion_gives_the_rows_of_a_full_recompute()
    {
        await _fixture.RecomputeAllAsync();

        // A person corrects a statement of the third briefing; then the fifth briefing is deleted.
        await _fixture.RecodeAsync(_statements[8], "JP", -2, "sovereignty");
        await _fixture.RecomputeForDocumentsAsync(_documents[2]);
        var corrected = await _fixture.ContentSnapshotAsync();
        await _fixture.ExecuteAsync($"DELETE FROM app.documents WHERE id = {_documents[4]}");
        await _fixture.RecomputeForDocumentsAsync(_documents[4]);
        var deleted = await _fixture.ContentSnapshotAsync();

        Assert.NotEqual(corrected, deleted);
        Assert.DoesNotContain(deleted, r => r.Contains($"\"document_id\": {_documents[4]},"));
        await _fixture.RecomputeAllAsync();
        Assert.Equal(deleted, await _fixture.ContentSnapshotAsync());
    }

    [Fact]
    public async Task A_later_document_leaves_the_findings_of_earlier_periods_untouched()
    {
        await _fixture.RecomputeAllAsync();
        const string earlier = """
            SELECT (to_jsonb(c) || jsonb_build_object('xmin', c.xmin::text))::text FROM app.stance_changes c
            WHERE current_period_start < '2023-04-01' AND grain <> 'year' ORDER BY id
            """;
        var before = await _fixture.StringsAsync(earlier);
        Assert.NotEmpty(before);

        var (may, _) = await _fixture.AddDocumentAsync(new DateOnly(2023, 5, 10), StanceFixture.Briefing,
        [
            FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", -2, "trade"),
            FixtureStatement.Answer(_fixture.ChinaSpokesperson, "US", -2, "trade"),
            FixtureStatement.Answer(_fixture.ChinaSpokesperson, "RU", 2, "security"),
        ]);
        await _fixture.RecomputeForDocumentsAsync(may);

        // Significance is adjusted per period, and rows are rewritten only when their content changes: what was reported
        // about January to March (p, q, significant, evidence) stays exactly as it was.
        Assert.Equal(before, await _fixture.StringsAsync(earlier));
        Assert.NotEmpty(await _fixture.StringsAsync($"SELECT id::text FROM app.stance_changes WHERE current_document_id = {may}"));
    }

    [Fact]
    public async Task An_empty_document_list_is_a_no_op_and_bad_cli_ids_are_refused()
    {
        await using (var services = AppServices.Create(database))
        await using (var scope = services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<StanceJobs>();
            await jobs.RecomputeForDocumentsAsync([], CancellationToken.None);
        }
        Assert.Empty(await _fixture.PhysicalSnapshotAsync());

        Assert.True(RecomputeCommand.TryParseIds("12, 3,12", out var ids, out _));
        Assert.Equal([3L, 12L], ids);
        Assert.False(RecomputeCommand.TryParseIds("3,x", out _, out var error));
        Assert.Contains("'x'", error);
        Assert.False(RecomputeCommand.TryParseIds("-4", out _, out _));
    }
}
