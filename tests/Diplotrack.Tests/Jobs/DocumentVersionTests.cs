using System.Text.Json;
using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Sources;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing.Fmprc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

/// <summary>A page the site edits after publication becomes a new version of the same document, with its difference.</summary>
public class DocumentVersionTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static readonly DateOnly Day = new(2020, 3, 2);

    [Fact]
    public async Task A_changed_page_yields_a_second_version_with_exchanges_and_statements_added_removed_and_changed()
    {
        using var root = new TempFolder();
        Write(root.Path, "web/list/default.shtml", Listing(0, 1, ("./t3001.shtml", "briefing", Day)));
        Write(root.Path, "web/list/t3001.shtml", Transcript(Day, "赵立坚",
            Qa("中方如何评价这次会议？", "会议取得了积极成果。各方同意继续沟通。"),
            Qa("有没有新的安排？", "我没有可以发布的消息。")));
        await using var site = await LocalSite.StartAsync(root.Path);
        await using var services = JobServices.Create(database, new Dictionary<string, string?> { ["Sources:RefetchAfterHours"] = "0" });
        await using var db = database.CreateContext();
        db.Sources.Add(new Source
        {
            Name = "versions", ListingUrl = site.Url("web/list/default.shtml").AbsoluteUri, LinkPattern = @"/t\d+\.shtml$",
            Format = FmprcBriefingHtmlFormat.FormatId, State = "new",
        });
        await db.SaveChangesAsync();
        var crawler = services.GetRequiredService<SourceCrawler>();
        Assert.Equal(1, (await crawler.PollAsync("test", null, default)).Created);
        var documentId = (await db.SourcePages.SingleAsync(p => p.Url == site.Url("web/list/t3001.shtml").AbsoluteUri)).DocumentId!.Value;
        var firstText = (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == documentId)).NormalisedText;

        // Unchanged page: a re-fetch records nothing new.
        var unchanged = await crawler.RefetchAsync("test", null, default);
        Assert.Equal((1, 0), (unchanged.Unchanged, unchanged.NewVersions));

        // A person has corrected the coding of two sentences: one the Ministry will leave alone, one it will reword.
        var keptId = await AddManualCodingAsync(db, documentId, "各方同意继续沟通。", "沟通");
        var droppedStatement = await AddManualCodingAsync(db, documentId, "会议取得了积极成果。", "成果");
        var droppedId = await db.StatementCodings.Where(c => c.StatementId == droppedStatement && c.IsCurrent).Select(c => c.Id).SingleAsync();

        // The Ministry edits the page: one sentence reworded (longer, so what follows moves), one exchange dropped, one added.
        Write(root.Path, "web/list/t3001.shtml", Transcript(Day, "赵立坚",
            Qa("中方如何评价这次会议？", "会议取得了非常重要的成果。各方同意继续沟通。"),
            Qa("中方是否会派团参加下次会议？", "我们会适时发布消息。")));
        var refetch = await crawler.RefetchAsync("test", null, default);

        Assert.Equal((1, 0), (refetch.NewVersions, refetch.Problems.Count));
        var versions = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == documentId).OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(firstText, versions[0].NormalisedText);
        var v2 = versions[1];
        Assert.Equal((1, 1, 1), (v2.ExchangesAdded, v2.ExchangesRemoved, v2.ExchangesChanged));
        Assert.Equal((2, 2, 1), (v2.StatementsAdded, v2.StatementsRemoved, v2.StatementsChanged));
        using (var diff = JsonDocument.Parse(v2.Diff!))
        {
            var changed = diff.RootElement.GetProperty("statements").GetProperty("changes").EnumerateArray()
                .Single(c => c.GetProperty("change").GetString() == "changed");
            Assert.Equal("会议取得了积极成果。", changed.GetProperty("oldText").GetString());
            Assert.Equal("会议取得了非常重要的成果。", changed.GetProperty("newText").GetString());
        }

        // The document is the same row, now carrying the new text and units, and its stance recompute is queued.
        var document = await db.Documents.AsNoTracking().Include(d => d.Statements).SingleAsync(d => d.Id == documentId);
        Assert.Equal(v2.Sha256, document.Sha256);
        Assert.Contains(document.Statements, s => s.Text == "会议取得了非常重要的成果。");
        Assert.DoesNotContain(document.Statements, s => s.Text.Contains("积极成果"));
        Assert.True(await db.StancePending.AnyAsync(p => p.DocumentId == documentId));
        Assert.Equal(2, await db.PageSnapshots.CountAsync(s => s.Url == site.Url("web/list/t3001.shtml").AbsoluteUri));

        // The person's coding of the unchanged sentence survives, its evidence moved with the sentence; the reworded
        // sentence is coded afresh by the coder.
        var kept = await CurrentCodingAsync(db, documentId, "各方同意继续沟通。");
        Assert.Equal(("manual", "test correction"), (kept.Origin, kept.Reason));
        Assert.NotEqual(keptId, kept.StatementId);
        var evidence = Assert.Single(Assert.Single(kept.Targets).Evidence);
        Assert.Equal("沟通", document.NormalisedText[evidence.Start..evidence.End]);
        Assert.Equal("auto", (await CurrentCodingAsync(db, documentId, "会议取得了非常重要的成果。")).Origin);
        var dropped = await db.AuditLog.SingleAsync(a => a.Action == "coding.dropped" && a.EntityId == droppedId.ToString());
        Assert.Contains("会议取得了积极成果。", dropped.Before);

        // Re-running the re-fetch changes nothing more.
        var again = await crawler.RefetchAsync("test", null, default);
        Assert.Equal((0, 1), (again.NewVersions, again.Unchanged));
        Assert.Equal(2, await db.DocumentVersions.CountAsync(v => v.DocumentId == documentId));
    }

    /// <summary>Supersedes the current coding of the sentence with a person's coding whose evidence is <paramref name="term"/>.</summary>
    private static async Task<long> AddManualCodingAsync(DiplotrackDbContext db, long documentId, string text, string term)
    {
        var statement = await db.Statements.SingleAsync(s => s.DocumentId == documentId && s.Text == text);
        var now = DateTimeOffset.UtcNow;
        await db.StatementCodings.Where(c => c.StatementId == statement.Id && c.IsCurrent)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IsCurrent, false).SetProperty(c => c.SupersededAt, now));
        var start = statement.SpanStart + statement.Text.IndexOf(term, StringComparison.Ordinal);
        db.StatementCodings.Add(new StatementCoding
        {
            StatementId = statement.Id, Origin = StatementCoding.Manual, CodebookVersionId = await db.CodebookVersions.MaxAsync(v => v.Id),
            Themes = [], IsCurrent = true, CreatedAt = now, CreatedBy = "analyst", Reason = "test correction",
            Targets = [new CodingTarget { ActorId = "CN", Stance = 1, Source = "explicit", Confidence = 1,
                Evidence = [new EvidenceSpan { Start = start, End = start + term.Length, Role = "cue", Term = term }] }],
        });
        await db.SaveChangesAsync();
        return statement.Id;
    }

    private static async Task<StatementCoding> CurrentCodingAsync(DiplotrackDbContext db, long documentId, string text) =>
        await db.StatementCodings.AsNoTracking().Include(c => c.Targets)
            .SingleAsync(c => c.Statement!.DocumentId == documentId && c.Statement.Text == text && c.IsCurrent);

    [Fact]
    public async Task A_page_that_disappears_keeps_its_document_and_records_the_error()
    {
        using var root = new TempFolder();
        Write(root.Path, "web/gone/default.shtml", Listing(0, 1, ("./t4001.shtml", "briefing", Day)));
        Write(root.Path, "web/gone/t4001.shtml", Transcript(Day.AddDays(1), "华春莹", Qa("你能否证实有关报道？", "我不掌握有关情况。")));
        await using var site = await LocalSite.StartAsync(root.Path);
        await using var services = JobServices.Create(database, new Dictionary<string, string?> { ["Sources:RefetchAfterHours"] = "0" });
        await using var db = database.CreateContext();
        db.Sources.Add(new Source
        {
            Name = "gone", ListingUrl = site.Url("web/gone/default.shtml").AbsoluteUri, LinkPattern = @"/t\d+\.shtml$",
            Format = FmprcBriefingHtmlFormat.FormatId, State = "new",
        });
        await db.SaveChangesAsync();
        var crawler = services.GetRequiredService<SourceCrawler>();
        await crawler.PollAsync("test", null, default);
        File.Delete(Path.Combine(root.Path, "web/gone/t4001.shtml"));

        var refetch = await crawler.RefetchAsync("test", null, default);

        var problem = Assert.Single(refetch.Problems, p => p.Url.EndsWith("/web/gone/t4001.shtml"));
        Assert.Equal(404, problem.Status);
        var page = await db.SourcePages.AsNoTracking().SingleAsync(p => p.Url == problem.Url);
        Assert.NotNull(page.DocumentId);
        Assert.StartsWith("HTTP 404", page.Error);
        Assert.True(await db.Documents.AnyAsync(d => d.Id == page.DocumentId && d.NormalisedText.Contains("我不掌握有关情况")));
    }
}
