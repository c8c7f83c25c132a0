using System.CommandLine;
using System.Text.RegularExpressions;
using Diplotrack.Data;
using Diplotrack.Data.Ingestion;
using Diplotrack.Verbs;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Ingestion.Sources;

/// <summary><c>diplotrack sources add|list|poll|refetch</c>: manage the polled sources and run a poll by hand.</summary>
public static class SourcesCommand
{
    public static Command Create(CliRunner run)
    {
        var name = new Argument<string>("name") { Description = "Short unique name, e.g. fmprc-zh." };
        var url = new Option<string>("--url") { Description = "Listing page URL (first page).", Required = true };
        var pattern = new Option<string>("--link-pattern") { Description = "Regular expression matching transcript link URLs.", Required = true };
        var format = new Option<string>("--format") { Description = "Transcript format id of the linked pages, e.g. fmprc-briefing-html.", Required = true };
        var disabled = new Option<bool>("--disabled") { Description = "Create it switched off." };
        var add = new Command("add", "Add a source, or update the one with this name.") { name, url, pattern, format, disabled };
        add.SetAction((parse, ct) => run(async (services, token) =>
        {
            var listing = parse.GetValue(url)!;
            var regex = parse.GetValue(pattern)!;
            if (!Uri.TryCreate(listing, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return await FailAsync($"--url must be an absolute http(s) URL: {listing}");
            try
            {
                _ = new Regex(regex);
            }
            catch (ArgumentException ex)
            {
                return await FailAsync($"--link-pattern is not a valid regular expression: {ex.Message}");
            }
            var db = services.GetRequiredService<DiplotrackDbContext>();
            var sourceName = parse.GetValue(name)!;
            var source = await db.Sources.SingleOrDefaultAsync(s => s.Name == sourceName, token);
            if (source is null)
                db.Sources.Add(source = new Source { Name = sourceName, ListingUrl = listing, LinkPattern = regex, Format = parse.GetValue(format)!, State = "new" });
            else
            {
                source.ListingUrl = listing;
                source.LinkPattern = regex;
                source.Format = parse.GetValue(format)!;
            }
            source.Enabled = !parse.GetValue(disabled);
            await db.SaveChangesAsync(token);
            Console.WriteLine($"source {source.Name} (id {source.Id}) saved, {(source.Enabled ? "enabled" : "disabled")}");
            return 0;
        }, ct));

        var list = new Command("list", "List sources with their poll state and page counts.");
        list.SetAction((parse, ct) => run(async (services, token) =>
        {
            var db = services.GetRequiredService<DiplotrackDbContext>();
            var rows = await db.Sources.OrderBy(s => s.Name).Select(s => new
            {
                s.Name, s.ListingUrl, s.Format, s.Enabled, s.State, s.LastPolledAt, s.LastError,
                Stored = db.SourcePages.Count(p => p.SourceId == s.Id && p.DocumentId != null),
                Failing = db.SourcePages.Count(p => p.SourceId == s.Id && p.Error != null),
            }).ToListAsync(token);
            if (rows.Count == 0) Console.WriteLine("no sources (add one with: diplotrack sources add NAME --url ... --link-pattern ... --format ...)");
            foreach (var r in rows)
            {
                Console.WriteLine($"{r.Name}\t{(r.Enabled ? "enabled" : "disabled")}\t{r.State}\t{r.Format}\t{r.ListingUrl}");
                Console.WriteLine($"\tlast polled {r.LastPolledAt?.ToString("u") ?? "never"}; {r.Stored} page(s) stored, {r.Failing} failing{(r.LastError is null ? "" : "; " + r.LastError)}");
            }
            return 0;
        }, ct));

        var poll = new Command("poll", "Poll every enabled source now (what the recurring job does).");
        poll.SetAction((parse, ct) => run(async (services, token) =>
            Print(await services.GetRequiredService<SourceCrawler>().PollAsync("cli", null, token)), ct));
        var refetch = new Command("refetch", "Re-fetch stored pages that are due, recording changed pages as new versions.");
        refetch.SetAction((parse, ct) => run(async (services, token) =>
            Print(await services.GetRequiredService<SourceCrawler>().RefetchAsync("cli", null, token)), ct));

        return new Command("sources", "Web sources polled for new transcripts.") { add, list, poll, refetch };
    }

    private static int Print(CrawlResult r)
    {
        Console.WriteLine($"run {r.RunId}: {r.ListingPages} listing page(s), {r.Discovered} new link(s), {r.Created} stored, " +
                          $"{r.Duplicates} already present, {r.NewVersions} new version(s), {r.Unchanged} unchanged, {r.Problems.Count} problem(s)");
        foreach (var p in r.Problems) Console.Error.WriteLine($"  {p.Url}: {p.Reason}");
        return 0;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"diplotrack sources: {message}");
        return 2;
    }
}
