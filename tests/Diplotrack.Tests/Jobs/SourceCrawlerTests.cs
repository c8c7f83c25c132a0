using Diplotrack.Data;
using Diplotrack.Data.Ingestion;
using Diplotrack.Features.Ingestion.Sources;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing.Fmprc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

/// <summary>Source polling end to end against a local site of synthetic pages in the Ministry's layout.</summary>
public class SourceCrawlerTests(SeededDatabase database) : IClassFixture<SeededDatabase>, IAsyncLifetime
{
    private readonly TempFolder _root = new();
    private LocalSite _site = null!;
    private readonly ShiftedClock _clock = new();
    private static readonly DateOnly Day = new(2019, 7, 1);

    public async Task InitializeAsync()
    {
        string T(int i, string answer) => Transcript(Day.AddDays(i), "耿爽", Qa($"关于第{i}件事，中方有何评论？", answer), Qa("还有问题吗？", "没有了。"));
        Write(_root.Path, "web/fyrbt/default.shtml", Listing(0, 2,
            ("./t1001.shtml", "t1001", Day), ("./t1002.shtml", "t1002", Day), ("./t1003.shtml", "missing page", Day),
            ("./t1004.shtml", "not a transcript", Day), ("../other_section/t2000.shtml", "other section", Day)));
        Write(_root.Path, "web/fyrbt/default_1.shtml", Listing(1, 2,
            ("../../slow/t1005.shtml", "slow page", Day), ("./t1006.shtml", "same bytes as t1001", Day)));
        Write(_root.Path, "web/fyrbt/t1001.shtml", T(1, "中方欢迎双方恢复对话。"));
        Write(_root.Path, "web/fyrbt/t1002.shtml", T(2, "中方对此表示严重关切。"));
        Write(_root.Path, "web/fyrbt/t1004.shtml", "<html><body><p>页面正在维护</p></body></html>");
        Write(_root.Path, "slow/t1005.shtml", T(5, "这一页回答得太慢。"));
        Write(_root.Path, "web/fyrbt/t1006.shtml", T(1, "中方欢迎双方恢复对话。"));
        Write(_root.Path, "other_section/t2000.shtml", T(9, "不属于这个来源。"));
        _site = await LocalSite.StartAsync(_root.Path);
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _root.Dispose();
    }

    private ServiceProvider Services() => JobServices.Create(database,
        new Dictionary<string, string?> { ["Sources:TimeoutSeconds"] = "1" },
        s => s.AddSingleton<TimeProvider>(_clock));

    private async Task<int> AddSourceAsync(DiplotrackDbContext db, string name)
    {
        var source = new Source
        {
            Name = name, ListingUrl = _site.Url("web/fyrbt/default.shtml").AbsoluteUri,
            LinkPattern = @"/(web/fyrbt|slow)/t\d+\.shtml$", Format = FmprcBriefingHtmlFormat.FormatId, State = "new",
        };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    [Fact]
    public async Task A_poll_stores_new_transcripts_snapshots_pages_and_records_each_failure_without_stopping()
    {
        await using var services = Services();
        await using var db = database.CreateContext();
        var sourceId = await AddSourceAsync(db, "fixture");
        var crawler = services.GetRequiredService<SourceCrawler>();

        var result = await crawler.PollAsync("test", null, default);

        Assert.Equal((2, 6, 2, 1), (result.ListingPages, result.Discovered, result.Created, result.Duplicates));
        var problems = result.Problems.ToDictionary(p => new Uri(p.Url).AbsolutePath, p => p.Reason);
        Assert.Equal(["/slow/t1005.shtml", "/web/fyrbt/t1003.shtml", "/web/fyrbt/t1004.shtml"], problems.Keys.Order());
        Assert.StartsWith("HTTP 404", problems["/web/fyrbt/t1003.shtml"]);
        Assert.StartsWith("refused:", problems["/web/fyrbt/t1004.shtml"]);
        Assert.Equal("timeout after 1 s", problems["/slow/t1005.shtml"]);

        var pages = await db.SourcePages.AsNoTracking().Where(p => p.SourceId == sourceId).ToDictionaryAsync(p => new Uri(p.Url).AbsolutePath);
        Assert.DoesNotContain("/other_section/t2000.shtml", pages.Keys);
        Assert.Equal((404, 1), (pages["/web/fyrbt/t1003.shtml"].LastStatus, pages["/web/fyrbt/t1003.shtml"].RetryCount));
        Assert.True(pages["/web/fyrbt/t1003.shtml"].NextRetryAt > _clock.GetUtcNow());
        Assert.Null(pages["/slow/t1005.shtml"].LastStatus);
        var t1001 = pages["/web/fyrbt/t1001.shtml"];
        Assert.Equal(t1001.DocumentId, pages["/web/fyrbt/t1006.shtml"].DocumentId); // same content, one document
        Assert.Null(t1001.Error);
        var document = await db.Documents.SingleAsync(d => d.Id == t1001.DocumentId);
        Assert.Equal(_site.Url("web/fyrbt/t1001.shtml").AbsoluteUri, document.Source);
        Assert.Equal(1, await db.DocumentVersions.CountAsync(v => v.DocumentId == document.Id && v.Version == 1));

        // Snapshots are content-addressed: the two listings, t1001 (= t1006), t1002 and the refused t1004.
        var siteUrls = pages.Values.Select(p => p.Url).ToList();
        Assert.Equal(5, await db.PageSnapshots.CountAsync(s => siteUrls.Contains(s.Url)));
        var snapshot = await db.PageSnapshots.SingleAsync(s => s.Sha256 == t1001.LastSha256);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_root.Path, "web/fyrbt/t1001.shtml")), snapshot.Content);
        Assert.Equal("ok", (await db.Sources.AsNoTracking().SingleAsync(s => s.Id == sourceId)).State);

        // Polling again at once changes nothing and does not hammer pages whose retry time has not come.
        var counts = await CountsAsync(db);
        var again = await crawler.PollAsync("test", null, default);
        Assert.Equal((0, 0, 0, 0), (again.Discovered, again.Created, again.Duplicates, again.Problems.Count));
        Assert.Equal(counts, await CountsAsync(db));
        Assert.Equal(1, _site.RequestCount("web/fyrbt/t1003.shtml"));

        // Later, the missing page has appeared: the retry picks it up; the refused page is refused again.
        Write(_root.Path, "web/fyrbt/t1003.shtml", Transcript(Day.AddDays(3), "耿爽", Qa("第三个问题？", "这是补上的回答。")));
        _clock.Offset = TimeSpan.FromHours(1);
        var later = await crawler.PollAsync("test", null, default);
        Assert.Equal(1, later.Created);
        Assert.Equal(["/slow/t1005.shtml", "/web/fyrbt/t1004.shtml"], later.Problems.Select(p => new Uri(p.Url).AbsolutePath).Order());
        var fixedPage = await db.SourcePages.AsNoTracking().SingleAsync(p => p.Url == _site.Url("web/fyrbt/t1003.shtml").AbsoluteUri);
        Assert.Equal((200, (string?)null, 0, (DateTimeOffset?)null), (fixedPage.LastStatus, fixedPage.Error, fixedPage.RetryCount, fixedPage.NextRetryAt));
        Assert.NotNull(fixedPage.DocumentId);
        Assert.Equal(2, (await db.SourcePages.AsNoTracking().SingleAsync(p => p.Url == _site.Url("web/fyrbt/t1004.shtml").AbsoluteUri)).RetryCount);
    }

    private static async Task<(int, int, int, int, int)> CountsAsync(DiplotrackDbContext db) => (
        await db.Documents.CountAsync(), await db.Statements.CountAsync(), await db.PageSnapshots.CountAsync(),
        await db.DocumentVersions.CountAsync(), await db.SourcePages.CountAsync());
}
