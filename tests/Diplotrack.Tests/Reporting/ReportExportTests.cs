using Diplotrack.Features.Reporting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Reporting;

[Collection(ReportingRoleCollection.Name)]
public class ReportExportTests(CorpusDatabaseWithLogin fixture) : IClassFixture<CorpusDatabaseWithLogin>
{
    private readonly TestDatabase database = fixture.Database;

    private async Task<(int Rows, string Csv)> ExportAsync(string view, string? where = null, long? limit = null)
    {
        await using var services = AppServices.Create(database, ReportingLogin.Settings);
        await using var scope = services.CreateAsyncScope();
        var output = new StringWriter();
        var rows = await scope.ServiceProvider.GetRequiredService<ReportExporter>().WriteCsvAsync(view, where, limit, output, CancellationToken.None);
        return (rows, output.ToString());
    }

    [Fact]
    public async Task Writes_a_view_as_csv_with_a_header_and_the_filtered_rows()
    {
        var (rows, csv) = await ExportAsync("codings", "target_actor_id = 'US' AND is_official_voice");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("coding_id,coding_target_id,statement_id,document_id,document_date,", lines[0]);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM reporting.codings WHERE target_actor_id = 'US' AND is_official_voice"), rows);
        Assert.Equal(rows + 1, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains(",US,United States,", line));
        Assert.Contains("\"[\"\"tech-sanctions\"\"]\"", csv); // arrays as JSON, quoted as CSV
        Assert.Contains(",2024-03-07,", csv);       // dates as ISO 8601
    }

    [Fact]
    public async Task Honours_the_row_limit()
    {
        var (rows, _) = await ExportAsync("statements", limit: 2);
        Assert.Equal(2, rows);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("app.users")]
    [InlineData("codings; DELETE FROM app.documents")]
    public async Task Refuses_anything_but_a_reporting_view(string view)
    {
        var error = await Assert.ThrowsAsync<ReportRequestException>(() => ExportAsync(view));
        Assert.Contains("is not a reporting view", error.Message);
    }

    [Theory]
    [InlineData("true; DELETE FROM app.documents")]
    [InlineData("true) LIMIT 1; COMMIT; DELETE FROM app.documents; SELECT (1")]
    [InlineData("EXISTS (SELECT 1 FROM app.users)")]
    [InlineData("(SELECT count(*) FROM app.documents) > 0")]
    [InlineData("document_id IN (SELECT id FROM hangfire.job)")]
    public async Task Refuses_predicates_that_write_or_read_outside_the_reporting_schema(string predicate)
    {
        var error = await Assert.ThrowsAsync<ReportRequestException>(() => ExportAsync("documents", predicate));
        Assert.Contains("--where predicate was refused", error.Message);
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));
    }
}
