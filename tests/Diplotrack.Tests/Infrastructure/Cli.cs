using System.Diagnostics;

namespace Diplotrack.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real <c>diplotrack</c> executable (built beside the tests) as a user would.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(TestDatabase? database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "diplotrack.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DIPLOTRACK_DB"] = database?.ConnectionString ?? "";
        // scripts/test exports the server under both names; the child must see only the database we chose.
        start.Environment.Remove("ConnectionStrings__Diplotrack");
        start.Environment["Seed__Directory"] = Repository.Seed;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
