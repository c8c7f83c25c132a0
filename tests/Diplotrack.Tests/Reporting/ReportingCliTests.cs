using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Reporting;

/// <summary>The verbs as an operator runs them: <c>diplotrack reporting-role</c> and <c>diplotrack report</c>.</summary>
[Collection(ReportingRoleCollection.Name)]
public class ReportingCliTests(CorpusDatabase fixture) : IClassFixture<CorpusDatabase>
{
    private readonly TestDatabase database = fixture.Database;

    [Fact]
    public async Task Reporting_role_refuses_without_a_password_and_creates_the_login_with_one()
    {
        var refused = await Cli.RunAsync(database, new Dictionary<string, string> { ["Reporting__Password"] = "" }, "reporting-role");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Reporting__Password", refused.Stderr);

        var done = await Cli.RunAsync(database, new Dictionary<string, string> { ["Reporting__Password"] = ReportingLogin.Password }, "reporting-role");
        Assert.True(done.ExitCode == 0, done.Stderr);
        Assert.Contains("diplotrack_reporting", done.Stdout);
        await using var connection = await ReportingLogin.ConnectAsync(database);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM reporting.codings", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    [Fact]
    public async Task Report_writes_csv_to_stdout_and_refuses_what_is_not_a_reporting_view()
    {
        var csv = await Cli.RunAsync(database, "report", "codings", "--where", "target_actor_id = 'PH'", "--csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var lines = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("coding_id,", lines[0]);
        Assert.Equal(await database.ScalarAsync<long>("SELECT count(*) FROM reporting.codings WHERE target_actor_id = 'PH'"), lines.Length - 1);
        Assert.Contains($"{lines.Length - 1} row(s)", csv.Stderr);

        var notAView = await Cli.RunAsync(database, "report", "users", "--csv");
        Assert.Equal(2, notAView.ExitCode);
        Assert.Contains("'users' is not a reporting view", notAView.Stderr);
        Assert.Equal("", notAView.Stdout);

        var noFormat = await Cli.RunAsync(database, "report", "codings");
        Assert.Equal(2, noFormat.ExitCode);
        Assert.Contains("--csv", noFormat.Stderr);
    }
}
