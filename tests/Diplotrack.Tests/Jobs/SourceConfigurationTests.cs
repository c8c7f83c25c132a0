using Diplotrack.Features.Ingestion.Sources;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing.Fmprc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

public class SourceConfigurationTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Sources_listed_in_configuration_are_created_once_and_then_left_to_the_CLI()
    {
        using var root = new TempFolder();
        Write(root.Path, "web/cfg/default.shtml", Listing(0, 1, ("./t5001.shtml", "briefing", new DateOnly(2018, 3, 5))));
        Write(root.Path, "web/cfg/t5001.shtml", Transcript(new DateOnly(2018, 3, 5), "陆慷", Qa("请介绍一下有关情况。", "我们会及时发布消息。")));
        await using var site = await LocalSite.StartAsync(root.Path);
        Dictionary<string, string?> Settings(string listing) => new()
        {
            ["Sources:Seed:0:Name"] = "configured",
            ["Sources:Seed:0:ListingUrl"] = listing,
            ["Sources:Seed:0:LinkPattern"] = @"/t\d+\.shtml$",
            ["Sources:Seed:0:Format"] = FmprcBriefingHtmlFormat.FormatId,
        };

        await using (var services = JobServices.Create(database, Settings(site.Url("web/cfg/default.shtml").AbsoluteUri)))
            Assert.Equal(1, (await services.GetRequiredService<SourceCrawler>().PollAsync("test", null, default)).Created);
        await using (var services = JobServices.Create(database, Settings("http://127.0.0.1:9/elsewhere.shtml")))
            await services.GetRequiredService<SourceCrawler>().PollAsync("test", null, default);

        await using var db = database.CreateContext();
        var source = await db.Sources.SingleAsync(s => s.Name == "configured");
        Assert.Equal(site.Url("web/cfg/default.shtml").AbsoluteUri, source.ListingUrl);
        Assert.Equal("ok", source.State);
        Assert.Equal(1, await db.SourcePages.CountAsync(p => p.SourceId == source.Id && p.DocumentId != null));
    }
}
