using Diplotrack.Features.Reporting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// A refresh with nothing changed writes nothing, on every snapshot (issue 13): before migration ReportingSnapshotNullKeys,
/// reporting_monthly_themes deleted and re-inserted every row whose speaker's actor is unknown on each refresh.
/// A row that is rewritten gets a new (ctid, xmin), so an unchanged list of them proves no write, whatever the stats say.
/// </summary>
public class ReportingSnapshotRefreshTests(CorpusDatabase fixture) : IClassFixture<CorpusDatabase>
{
    private readonly TestDatabase database = fixture.Database;

    public static TheoryData<string> Snapshots() => new(ReportingSnapshot.Snapshots);

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task A_second_refresh_with_nothing_changed_writes_no_row(string snapshot)
    {
        await RefreshAsync(); // settle whatever the corpus load left
        var rows = await database.ScalarAsync<long>($"SELECT count(*) FROM {snapshot}");
        Assert.True(rows > 0, $"{snapshot} is empty: the test would prove nothing");
        var before = await RowVersionsAsync(snapshot);

        var changed = (await RefreshAsync()).Single(t => t.Snapshot == snapshot).RowsChanged;

        Assert.Equal(0, changed);
        Assert.Equal(before, await RowVersionsAsync(snapshot));
    }

    [Fact]
    public async Task The_corpus_has_monthly_theme_rows_with_an_unknown_speaker_actor()
    {
        // The case that used to be rewritten on every refresh must be in the data the theory runs on.
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM app.reporting_monthly_themes WHERE speaker_actor_id IS NULL") > 0);
    }

    private Task<string> RowVersionsAsync(string snapshot) =>
        database.ScalarAsync<string>($"SELECT coalesce(string_agg(ctid::text || '@' || xmin::text, ',' ORDER BY ctid), '') FROM {snapshot}");

    private async Task<IReadOnlyList<(string Snapshot, long RowsChanged, TimeSpan Elapsed)>> RefreshAsync()
    {
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingSnapshot>().RefreshAsync(CancellationToken.None);
    }
}
