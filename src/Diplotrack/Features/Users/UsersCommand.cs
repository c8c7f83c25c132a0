using System.CommandLine;
using Diplotrack.Data.Identity;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Users;

/// <summary><c>diplotrack users add|list|set-password|disable|enable</c>.</summary>
public static class UsersCommand
{
    public static Command Create(CliRunner run)
    {
        var command = new Command("users", "Manage the people who sign in to the admin UI and API.")
        {
            Add(run), List(run), SetPassword(run), Disable(run, true), Disable(run, false),
        };
        return command;
    }

    private static Option<bool> PasswordStdin() =>
        new("--password-stdin") { Description = "Read the password from standard input instead of generating one." };

    private static Command Add(CliRunner run)
    {
        var email = new Argument<string>("email") { Description = "E-mail address; it is also the sign-in name." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        role.AcceptOnlyFromAmong(Roles.All);
        var stdin = PasswordStdin();
        var command = new Command("add", "Add a user with a role; prints a generated password unless --password-stdin.") { email, role, stdin };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var password = parse.GetValue(stdin) ? await ReadPasswordAsync() : null;
            var result = await services.GetRequiredService<UserAdmin>().AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, password, token);
            return await ReportAsync(result, $"Added {parse.GetValue(email)} ({parse.GetValue(role)}).");
        }, ct));
        return command;
    }

    private static Command List(CliRunner run)
    {
        var command = new Command("list", "List users, their roles and whether they are disabled.");
        command.SetAction((_, ct) => run(async (services, token) =>
        {
            var users = await services.GetRequiredService<UserAdmin>().ListAsync(token);
            if (users.Count == 0) Console.WriteLine("No users yet: `diplotrack users add <email> --role admin`.");
            foreach (var u in users)
                Console.WriteLine($"{u.Email}\t{string.Join(",", u.Roles)}\t{(u.IsDisabled ? "disabled" : "enabled")}\t{u.CreatedAt:yyyy-MM-dd}");
            return 0;
        }, ct));
        return command;
    }

    private static Command SetPassword(CliRunner run)
    {
        var email = new Argument<string>("email");
        var stdin = PasswordStdin();
        var command = new Command("set-password", "Set a new password (generated unless --password-stdin); ends the user's sessions.") { email, stdin };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var password = parse.GetValue(stdin) ? await ReadPasswordAsync() : null;
            var result = await services.GetRequiredService<UserAdmin>().SetPasswordAsync(parse.GetValue(email)!, password, token);
            return await ReportAsync(result, $"Password of {parse.GetValue(email)} changed.");
        }, ct));
        return command;
    }

    private static Command Disable(CliRunner run, bool disable)
    {
        var email = new Argument<string>("email");
        var command = disable
            ? new Command("disable", "Stop a user from signing in or using API tokens.") { email }
            : new Command("enable", "Let a disabled user sign in again.") { email };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var result = await services.GetRequiredService<UserAdmin>().SetDisabledAsync(parse.GetValue(email)!, disable, token);
            return await ReportAsync(result, $"{parse.GetValue(email)} {(disable ? "disabled" : "enabled")}.");
        }, ct));
        return command;
    }

    private static async Task<string> ReadPasswordAsync() => (await Console.In.ReadLineAsync() ?? "").TrimEnd('\r', '\n');

    private static async Task<int> ReportAsync(UserResult result, string done)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync($"diplotrack users: {error}");
            return 1;
        }
        Console.WriteLine(done);
        if (result.Password is not null) Console.WriteLine($"Password (shown once): {result.Password}");
        return 0;
    }
}
