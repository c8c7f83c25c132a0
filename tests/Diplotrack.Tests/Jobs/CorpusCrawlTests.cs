using System.Diagnostics;
using CsvHelper;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Ingestion.Sources;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing.Fmprc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Diplotrack.Tests.Jobs;

/// <summary>A test over the shared corpus: it runs only when <c>DIPLOTRACK_CORPUS</c> names the corpus folder (.ci/run sets it).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public static string? Folder => Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS") is { Length: > 0 } f ? f : null;

    public CorpusFactAttribute()
    {
        if (Folder is null) Skip = "DIPLOTRACK_CORPUS is not set";
    }
}

/// <summary>Crawls the local copy of the Foreign Ministry's Chinese listing, served on 127.0.0.1, and counts against the manifest.</summary>
public class CorpusCrawlTests(SeededDatabase database, ITestOutputHelper output) : IClassFixture<SeededDatabase>
{
    private const string Site = "www.fmprc.gov.cn";
    private const string Listing = "web/wjdt_674879/fyrbt_674889/default.shtml";

    private sealed record ManifestRow(string Path, string Url, string Kind, string Lang, string Title);

    [CorpusFact]
    public async Task Crawling_the_Chinese_listing_ingests_every_Chinese_transcript_and_records_every_refusal()
    {
        var corpus = Path.Combine(CorpusFactAttribute.Folder!, "fmprc");
        var manifest = ReadManifest(Path.Combine(corpus, "manifest.csv"));
        await using var site = await LocalSite.StartAsync(Path.Combine(corpus, Site));
        Uri Local(ManifestRow row) => site.Url(row.Path[(Site.Length + 1)..]);
        var byUrl = manifest.ToDictionary(r => Local(r).AbsoluteUri);
        var expected = manifest.Where(r => r is { Kind: "transcript", Lang: "zh" }).Select(r => Local(r).AbsoluteUri).ToHashSet();
        Assert.Equal(797, expected.Count);

        await using var services = JobServices.Create(database, new Dictionary<string, string?>
        {
            ["Sources:MaxPagesPerPoll"] = "5000",
            ["Sources:TimeoutSeconds"] = "30",
        });
        await using var db = database.CreateContext();
        var source = new Source
        {
            Name = "fmprc-zh", ListingUrl = site.Url(Listing).AbsoluteUri, LinkPattern = @"/web/wjdt_674879/fyrbt_674889/t\d+\.shtml$",
            Format = FmprcBriefingHtmlFormat.FormatId, State = "new",
        };
        db.Sources.Add(source);
        await db.SaveChangesAsync();

        var clock = Stopwatch.StartNew();
        var result = await services.GetRequiredService<SourceCrawler>().PollAsync("corpus-test", null, default);
        clock.Stop();

        var pages = await db.SourcePages.AsNoTracking().Where(p => p.SourceId == source.Id && p.Kind == "transcript")
            .Select(p => new { p.Url, p.DocumentId, p.LastStatus, p.Error, Kind = p.Document == null ? null : p.Document.Kind }).ToListAsync();
        var stored = pages.Where(p => p.DocumentId != null).ToList();
        var storedTranscripts = stored.Count(p => expected.Contains(p.Url));
        output.WriteLine($"Crawl of {site.Url(Listing)} took {clock.Elapsed.TotalSeconds:F1} s: {result.ListingPages} listing pages, " +
                         $"{pages.Count} transcript links, {result.Created} documents created, {result.Duplicates} duplicates.");
        output.WriteLine($"zh transcripts stored: {storedTranscripts} of {expected.Count} in the manifest; other pages stored: " +
                         string.Join(", ", stored.Where(p => !expected.Contains(p.Url)).GroupBy(p => p.Kind).Select(g => $"{g.Count()} {g.Key}")));
        output.WriteLine($"Refused or unreachable ({result.Problems.Count}):");
        foreach (var problem in result.Problems.OrderBy(p => p.Url))
            output.WriteLine($"  {new Uri(problem.Url).AbsolutePath}  [{(byUrl.TryGetValue(problem.Url, out var row) ? row.Kind + ": " + row.Title : "not in the corpus")}]  {problem.Reason}");

        Assert.Equal(67, result.ListingPages);
        var missing = expected.Except(stored.Select(p => p.Url)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} zh transcripts not stored:\n" +
            string.Join("\n", missing.Select(u => $"{u}: {pages.SingleOrDefault(p => p.Url == u)?.Error ?? "never linked"}")));
        Assert.All(stored.Where(p => expected.Contains(p.Url)), p => Assert.Equal(FmprcBriefingHtmlFormat.DocumentKind, p.Kind));
        // What is refused is explained: links to the deliberately missing pages answer 404 and are not in the corpus;
        // any other refusal is of a page that is not a transcript.
        Assert.All(result.Problems, p =>
        {
            if (p.Status == 404) Assert.False(byUrl.ContainsKey(p.Url), $"{p.Url} is in the corpus but answered 404");
            else Assert.Equal("other", byUrl[p.Url].Kind);
        });
        Assert.Contains(result.Problems, p => p.Status == 404);
    }

    private static List<ManifestRow> ReadManifest(string path)
    {
        using var csv = CsvReader.FromFile(path, null);
        var rows = new List<ManifestRow>();
        while (csv.Read())
            rows.Add(new ManifestRow(csv.GetString("path"), csv.GetString("url"), csv.GetString("kind"), csv.GetString("lang"), csv.GetString("title")));
        return rows;
    }
}
