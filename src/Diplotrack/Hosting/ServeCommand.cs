using System.CommandLine;

namespace Diplotrack.Hosting;

public static class ServeCommand
{
    public static Command Create()
    {
        var role = new Option<ServeRole>("--role") { Description = "web, worker or all (default).", DefaultValueFactory = _ => ServeRole.All };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080." };
        var command = new Command("serve", "Run the admin UI and API, the background jobs, or both.") { role, urls };
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            try
            {
                app = WebApp.Build(parse.GetValue(role), parse.GetValue(urls));
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"diplotrack: {ex.Message}");
                return 2;
            }
            await StartupTasks.RunAsync(app.Services, ct);
            await app.StartAsync(ct);
            WebApp.PrintWhereToLook(app, parse.GetValue(role));
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
