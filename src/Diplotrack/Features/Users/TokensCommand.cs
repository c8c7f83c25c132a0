using System.CommandLine;
using Diplotrack.Data;
using Diplotrack.Features.Auth;
using Diplotrack.Verbs;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Users;

/// <summary>
/// <c>diplotrack tokens create|list|revoke</c>: API tokens for scripts without clicking through the admin page (the API
/// itself needs a token to make one). <c>create</c> prints the secret alone on stdout, so <c>TOKEN=$(diplotrack tokens
/// create …)</c> works; everything else goes to stderr.
/// </summary>
public static class TokensCommand
{
    public static Command Create(CliRunner run) =>
        new("tokens", "Manage personal API tokens (Authorization: Bearer dt_… on /api/v1).") { CreateToken(run), List(run), Revoke(run) };

    private static Command CreateToken(CliRunner run)
    {
        var email = new Argument<string>("email") { Description = "The user the token acts as (its roles apply)." };
        var name = new Option<string>("--name") { Description = "What the token is for, shown in lists.", Required = true };
        var command = new Command("create", "Create a token; prints its secret (shown once) alone on stdout.") { email, name };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var address = parse.GetValue(email)!.Trim();
            var normalized = address.ToUpperInvariant();
            var db = services.GetRequiredService<DiplotrackDbContext>();
            var userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleOrDefaultAsync(token);
            if (userId is null)
            {
                await Console.Error.WriteLineAsync($"diplotrack tokens: no user {address} (`diplotrack users list`).");
                return 1;
            }
            if (string.IsNullOrWhiteSpace(parse.GetValue(name)))
            {
                await Console.Error.WriteLineAsync("diplotrack tokens: --name must not be empty.");
                return 2;
            }
            var created = await services.GetRequiredService<ApiTokenService>().CreateAsync(userId, parse.GetValue(name)!, $"cli:{Environment.UserName}", token);
            await Console.Error.WriteLineAsync($"Token {created!.Token.Id} \"{created.Token.Name}\" for {address}; the secret below is shown once:");
            Console.WriteLine(created.Secret);
            return 0;
        }, ct));
        return command;
    }

    private static Command List(CliRunner run)
    {
        var command = new Command("list", "List tokens: id, user, name, created, last used, active or revoked (tab-separated).");
        command.SetAction((_, ct) => run(async (services, token) =>
        {
            var tokens = await services.GetRequiredService<ApiTokenService>().ListAsync(token);
            if (tokens.Count == 0) await Console.Error.WriteLineAsync("No tokens yet: `diplotrack tokens create <email> --name NAME`.");
            foreach (var t in tokens.OrderBy(t => t.Id))
                Console.WriteLine(string.Join('\t', t.Id, t.UserName, t.Name, t.CreatedAt.ToString("yyyy-MM-dd HH:mm"),
                    t.LastUsedAt?.ToString("yyyy-MM-dd HH:mm") ?? "never", t.IsActive ? "active" : $"revoked {t.RevokedAt:yyyy-MM-dd HH:mm}"));
            return 0;
        }, ct));
        return command;
    }

    private static Command Revoke(CliRunner run)
    {
        var id = new Argument<long>("id") { Description = "The token's id (first column of `tokens list`)." };
        var command = new Command("revoke", "Revoke a token: requests with it are refused from now on.") { id };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            if (!await services.GetRequiredService<ApiTokenService>().RevokeAsync(parse.GetValue(id), token))
            {
                await Console.Error.WriteLineAsync($"diplotrack tokens: no token {parse.GetValue(id)} (`diplotrack tokens list`).");
                return 1;
            }
            Console.WriteLine($"Token {parse.GetValue(id)} revoked.");
            return 0;
        }, ct));
        return command;
    }
}
