using System.CommandLine;

namespace Diplotrack.Hosting;

public static class ServeCommand
{
    public static Command Create()
    {
        var role = new Option<ServeRole>("--role") { Description = "web, worker or all (default).", DefaultValueFactory = _ => ServeRole.All };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (web and all)." };
        var healthUrls = new Option<string?>("--health-urls")
        {
            Description = "Worker only: addresses for /health/live and /health/ready, e.g. http://127.0.0.1:5081. Without it a worker opens no port.",
        };
        var command = new Command("serve", "Run the admin UI and API, the background jobs, or both.") { role, urls, healthUrls };
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            var serveRole = parse.GetValue(role);
            // A worker listens only where asked for its health; web roles serve health on their own addresses.
            var listen = serveRole == ServeRole.Worker ? parse.GetValue(healthUrls) : parse.GetValue(urls);
            if (serveRole == ServeRole.Worker && parse.GetValue(urls) is not null)
                await Console.Error.WriteLineAsync("diplotrack: a worker serves no UI or API, --urls is ignored (--health-urls opens a health port)");
            if (serveRole != ServeRole.Worker && parse.GetValue(healthUrls) is not null)
                await Console.Error.WriteLineAsync("diplotrack: --health-urls is for workers; health is served on the --urls addresses");
            try
            {
                app = WebApp.Build(serveRole, listen);
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
