using System.Diagnostics;
using Diplotrack.Data;
using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Web;

/// <summary><c>diplotrack users …</c> run as an operator runs it: the real executable against a test database.</summary>
public sealed class UsersCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "diplotrack.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[DiplotrackDatabase.EnvironmentVariable] = database.ConnectionString;
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Users_are_added_listed_given_passwords_and_disabled_from_the_command_line()
    {
        var added = await RunAsync(null, "users", "add", "ops@example.org", "--role", "admin");
        Assert.True(added.Exit == 0, added.Err);
        Assert.Matches(@"Password \(shown once\): [A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}", added.Out);

        var piped = await RunAsync("a long enough secret", "users", "add", "reader@example.org", "--role", "viewer", "--password-stdin");
        Assert.True(piped.Exit == 0, piped.Err);
        Assert.DoesNotContain("Password", piped.Out, StringComparison.Ordinal);

        var duplicate = await RunAsync(null, "users", "add", "reader@example.org", "--role", "viewer");
        Assert.Equal(1, duplicate.Exit);
        Assert.Contains("already exists", duplicate.Err, StringComparison.Ordinal);
        var badRole = await RunAsync(null, "users", "add", "x@example.org", "--role", "boss");
        Assert.NotEqual(0, badRole.Exit);

        var tooShort = await RunAsync("short", "users", "set-password", "reader@example.org", "--password-stdin");
        Assert.Equal(1, tooShort.Exit);
        Assert.Contains("12", tooShort.Err, StringComparison.Ordinal);
        var reset = await RunAsync(null, "users", "set-password", "reader@example.org");
        Assert.Equal(0, reset.Exit);
        Assert.Contains("Password (shown once)", reset.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(null, "users", "disable", "reader@example.org")).Exit);
        var lastAdmin = await RunAsync(null, "users", "disable", "ops@example.org");
        Assert.Equal(1, lastAdmin.Exit);
        Assert.Contains("last enabled admin", lastAdmin.Err, StringComparison.Ordinal);

        var list = await RunAsync(null, "users", "list");
        Assert.Equal(0, list.Exit);
        Assert.Contains("ops@example.org\tadmin\tenabled", list.Out, StringComparison.Ordinal);
        Assert.Contains("reader@example.org\tviewer\tdisabled", list.Out, StringComparison.Ordinal);
    }
}
