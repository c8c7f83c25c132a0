using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Diplotrack.Text.Parsing.Fmprc;
using Xunit.Abstractions;

namespace Diplotrack.Text.Tests.Fmprc;

/// <summary>
/// Runs the parser over the real crawled pages of /work/shared/corpus (read-only, never copied into the repo).
/// Runs only when DIPLOTRACK_CORPUS points at the corpus folder; otherwise it says so and returns.
/// </summary>
public sealed class FmprcCorpusTests(ITestOutputHelper output)
{
    private sealed record ManifestRow(string Path, string Url, string Kind, string Lang, string Date, string Title);

    // The corpus README: "The Chinese transcript of 2017-10-24 (t1504209) contains only an opening announcement".
    private static readonly HashSet<string> OpeningOnlyPages = ["www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1504209.shtml"];

    [Fact]
    public void Every_chinese_transcript_parses_with_its_manifest_date_and_exact_spans()
    {
        var root = CorpusRoot();
        if (root is null) return;
        var result = ParseAll(root, "zh");
        Assert.Equal(797, result.Pages);
        Assert.Empty(result.Failures);
        Assert.Empty(result.Refused);
    }

    [Fact]
    public void Every_english_transcript_parses_and_only_yearless_titles_need_the_date_given()
    {
        var root = CorpusRoot();
        if (root is null) return;
        var result = ParseAll(root, "en");
        Assert.Equal(457, result.Pages);
        Assert.Empty(result.Failures);
        // Titles such as "… on September 10" carry no year: the parser must refuse to guess one…
        Assert.NotEmpty(result.Refused);
        Assert.All(result.Refused, r => Assert.Contains("no year", r.Reason, StringComparison.Ordinal));
        // …and accept the page once the caller (the crawler) supplies the date.
        Assert.Equal(result.Refused.Count, result.ParsedWithGivenDate);
    }

    [Fact]
    public void Other_pages_of_the_sections_are_never_taken_for_briefings()
    {
        var root = CorpusRoot();
        if (root is null) return;
        var format = new FmprcBriefingHtmlFormat();
        var rows = ReadManifest(root).Where(r => r.Kind == "other").ToList();
        int notRecognised = 0, remarks = 0;
        var refused = new List<string>();
        foreach (var row in rows)
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, "fmprc", row.Path));
            var file = new SourceFile(row.Path, bytes);
            var text = Encoding.UTF8.GetString(bytes);
            if (!format.Recognises(file, text)) { notRecognised++; continue; }
            try
            {
                var doc = format.Parse(file, text);
                Assert.Equal(FmprcBriefingHtmlFormat.RemarksKind, doc.Metadata.Kind);
                remarks++;
            }
            catch (DocumentRejectedException e)
            {
                refused.Add(e.Reason.Contains("no question/answer labels", StringComparison.Ordinal) ? "no question/answer labels" : e.Reason);
            }
        }
        output.WriteLine($"fmprc other: {rows.Count} pages, {notRecognised} not recognised, {remarks} parsed as {FmprcBriefingHtmlFormat.RemarksKind}, {refused.Count} refused");
        foreach (var g in refused.GroupBy(r => r)) output.WriteLine($"  refused {g.Count()}: {g.Key}");
        Assert.NotEqual(0, remarks);
    }

    [Theory]
    [InlineData("zh", 67)]
    [InlineData("en", 13)]
    public void Listing_pages_link_every_transcript_and_all_their_sibling_pages(string lang, int pageCount)
    {
        var root = CorpusRoot();
        if (root is null) return;
        var manifest = ReadManifest(root);
        var listings = manifest.Where(r => r.Kind == "listing" && r.Lang == lang).ToList();
        Assert.Equal(pageCount, listings.Count);

        var links = new Dictionary<Uri, FmprcListingLink>();
        foreach (var row in listings)
        {
            var page = FmprcListingParser.Parse(File.ReadAllText(Path.Combine(root, "fmprc", row.Path), Encoding.UTF8), new Uri(row.Url));
            Assert.Equal(pageCount, page.PageCount);
            // The pager lists the whole section, and this page is one of them.
            Assert.Equal(listings.Select(l => new Uri(l.Url)).ToHashSet(), page.Pages.ToHashSet());
            Assert.Equal(new Uri(row.Url), page.Pages[page.CurrentPage!.Value]);
            Assert.NotEmpty(page.Links);
            foreach (var link in page.Links) links.TryAdd(link.Url, link);
        }

        var transcripts = manifest.Where(r => r.Kind == "transcript" && r.Lang == lang).ToList();
        var byUrl = manifest.Where(r => r.Lang == lang).ToDictionary(r => new Uri(r.Url));
        Assert.All(transcripts, t => Assert.True(links.ContainsKey(new Uri(t.Url)), $"{t.Url} is not linked from any listing page"));
        var briefingLinks = links.Values.Where(l => l.IsRegularBriefing).ToList();
        var missing = briefingLinks.Count(l => !byUrl.ContainsKey(l.Url));
        // Every linked page that is in the corpus and titled a briefing is a transcript there, with the same date.
        foreach (var link in briefingLinks.Where(l => byUrl.ContainsKey(l.Url)))
        {
            var row = byUrl[link.Url];
            Assert.Equal("transcript", row.Kind);
            if (link.Date is { } d) Assert.Equal(row.Date, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        output.WriteLine($"fmprc {lang} listings: {listings.Count} pages, {links.Count} links ({briefingLinks.Count} briefings, " +
                         $"{briefingLinks.Count(l => l.Date is null)} without a date, {missing} briefing links not in the corpus)");
    }

    private string? CorpusRoot()
    {
        var root = Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS");
        if (string.IsNullOrEmpty(root))
        {
            output.WriteLine("skipped: set DIPLOTRACK_CORPUS=/work/shared/corpus to run the corpus test");
            return null;
        }
        Assert.True(File.Exists(Path.Combine(root, "fmprc", "manifest.csv")), $"DIPLOTRACK_CORPUS={root} has no fmprc/manifest.csv");
        return root;
    }

    private sealed record Refusal(string Path, string Reason);

    private sealed class Result
    {
        public int Pages;
        public int ParsedWithGivenDate;
        public readonly List<Refusal> Refused = [];
        public readonly List<string> Failures = [];
    }

    private Result ParseAll(string root, string lang)
    {
        var rows = ReadManifest(root).Where(r => r.Kind == "transcript" && r.Lang == lang).ToList();
        var format = new FmprcBriefingHtmlFormat();
        var result = new Result { Pages = rows.Count };
        int exchanges = 0, statements = 0, questions = 0, answers = 0, openings = 0, parsed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, "fmprc", row.Path));
            var file = new SourceFile(Path.GetFileName(row.Path), bytes, new DocumentMetadataOverrides { Source = row.Url });
            var text = Encoding.UTF8.GetString(bytes);
            if (!format.Recognises(file, text)) { result.Failures.Add($"{row.Path}: not recognised"); continue; }
            ParsedDocument doc;
            try
            {
                doc = format.Parse(file, text);
            }
            catch (DocumentRejectedException e)
            {
                result.Refused.Add(new Refusal(row.Path, e.Reason));
                var date = DateOnly.ParseExact(row.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var again = format.Parse(file with { Metadata = file.Metadata! with { Date = date } }, text);
                Check(row, again, result.Failures);
                result.ParsedWithGivenDate++;
                continue;
            }
            parsed++;
            Check(row, doc, result.Failures);
            exchanges += doc.Exchanges.Count;
            statements += doc.Statements.Count;
            questions += doc.Statements.Count(s => s.Kind == StatementKind.Question);
            answers += doc.Statements.Count(s => s.Kind == StatementKind.Answer);
            openings += doc.Statements.Count(s => s.Kind == StatementKind.Opening);
        }
        clock.Stop();

        output.WriteLine($"fmprc {lang}: {rows.Count} pages, {parsed} parsed, {result.Refused.Count} refused " +
                         $"({result.ParsedWithGivenDate} parsed once the date was given), {result.Failures.Count} failing checks, " +
                         $"{clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"  {exchanges} exchanges, {statements} statements ({questions} question, {answers} answer, {openings} opening)");
        foreach (var group in result.Refused.GroupBy(r => ReasonKind(r.Reason)))
            output.WriteLine($"  refused {group.Count()}: {group.Key} (e.g. {group.First().Path}: {group.First().Reason})");
        foreach (var failure in result.Failures.Take(30)) output.WriteLine("  FAIL " + failure);
        return result;
    }

    private static string ReasonKind(string reason) => reason.Contains("no year", StringComparison.Ordinal) ? "title without a year" : reason;

    private static void Check(ManifestRow row, ParsedDocument doc, List<string> failures)
    {
        void Fail(string what) => failures.Add($"{row.Path}: {what}");
        if (doc.Metadata.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) != row.Date) Fail($"date {doc.Metadata.Date} != manifest {row.Date}");
        if (doc.Metadata.Source != row.Url) Fail("source is not the URL given");
        var q = doc.Statements.Count(s => s.Kind == StatementKind.Question);
        var a = doc.Statements.Count(s => s.Kind == StatementKind.Answer);
        if (OpeningOnlyPages.Contains(row.Path))
        {
            if (q != 0 || doc.Statements.Count == 0) Fail("expected an opening announcement only");
        }
        else if (q == 0 || a == 0 || doc.Exchanges.Count == 0)
        {
            Fail($"{q} question and {a} answer statements, {doc.Exchanges.Count} exchanges");
        }
        foreach (var s in doc.Statements)
        {
            if (s.End <= s.Start || s.End > doc.NormalisedText.Length || doc.NormalisedText[s.Start..s.End] != s.Text)
            { Fail($"statement {s.Index} span [{s.Start},{s.End}) does not match its text"); break; }
            if (s.Text.StartsWith("问：", StringComparison.Ordinal) || s.Text.StartsWith("答：", StringComparison.Ordinal)
                || s.Text.StartsWith("Q:", StringComparison.Ordinal) || s.Text.StartsWith("A:", StringComparison.Ordinal))
            { Fail($"statement {s.Index} keeps its speaker label: {s.Text[..Math.Min(20, s.Text.Length)]}"); break; }
            if (s.Exchange is { } x && (x < 0 || x >= doc.Exchanges.Count)) { Fail($"statement {s.Index} points at exchange {x}"); break; }
        }
        // The lists below the body start with these headings; as a paragraph of their own they mean a leak.
        var paragraphs = doc.NormalisedText.Split("\n\n");
        if (paragraphs.Any(p => p is "相关新闻" or "附件" or "Related News:" or "Appendix:"))
            Fail("the related-news or appendix list leaked into the text");
    }

    private static List<ManifestRow> ReadManifest(string root)
    {
        using var csv = CsvReader.FromFile(Path.Combine(root, "fmprc", "manifest.csv"), null);
        var rows = new List<ManifestRow>();
        while (csv.Read())
        {
            rows.Add(new ManifestRow(csv.GetString("path"), csv.GetString("url"), csv.GetString("kind"),
                csv.GetString("lang"), csv.GetString("date"), csv.GetString("title")));
        }
        return rows;
    }
}
