using Diplotrack.Features.Auth;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Web;

/// <summary><c>diplotrack tokens …</c> as a script uses it: the real executable against a test database.</summary>
public sealed class TokensCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_token_is_created_for_a_script_listed_and_revoked_from_the_command_line()
    {
        var user = await Cli.RunAsync(database, "users", "add", "script@example.org", "--role", "viewer");
        Assert.True(user.ExitCode == 0, user.Stderr);

        var created = await Cli.RunAsync(database, "tokens", "create", "script@example.org", "--name", "nightly export");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var secret = created.Stdout.Trim(); // alone on stdout: TOKEN=$(diplotrack tokens create …)
        Assert.Matches("^dt_[A-Za-z0-9_-]{40,}$", secret);
        Assert.Contains("shown once", created.Stderr, StringComparison.Ordinal);
        Assert.Equal("script@example.org", (await AuthenticateAsync(secret))?.UserName);

        var listed = await Cli.RunAsync(database, "tokens", "list");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var row = Assert.Single(listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split('\t');
        Assert.Equal(["script@example.org", "nightly export"], row[1..3]);
        Assert.Equal("active", row[^1]);
        Assert.DoesNotContain(secret, listed.Stdout, StringComparison.Ordinal);

        var revoked = await Cli.RunAsync(database, "tokens", "revoke", row[0]);
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        Assert.Null(await AuthenticateAsync(secret));
        Assert.StartsWith("revoked ", (await Cli.RunAsync(database, "tokens", "list")).Stdout.Trim().Split('\t')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_users_and_tokens_are_refused_with_a_reason()
    {
        var noUser = await Cli.RunAsync(database, "tokens", "create", "nobody@example.org", "--name", "x");
        Assert.Equal(1, noUser.ExitCode);
        Assert.Contains("no user nobody@example.org", noUser.Stderr, StringComparison.Ordinal);
        Assert.Equal("", noUser.Stdout);

        var noToken = await Cli.RunAsync(database, "tokens", "revoke", "999999");
        Assert.Equal(1, noToken.ExitCode);
        Assert.Contains("no token 999999", noToken.Stderr, StringComparison.Ordinal);
    }

    private async Task<Data.Identity.AppUser?> AuthenticateAsync(string secret)
    {
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiTokenService>().AuthenticateAsync(secret, CancellationToken.None);
    }
}
