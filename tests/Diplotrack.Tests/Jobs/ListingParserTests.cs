using System.Text;
using System.Text.RegularExpressions;
using Diplotrack.Features.Ingestion.Sources;
using static Diplotrack.Tests.Jobs.FixturePages;

namespace Diplotrack.Tests.Jobs;

public class ListingParserTests
{
    private static readonly Uri Page = new("http://127.0.0.1:8080/news/list.html");
    private readonly HtmlListingParser _parser = new();

    [Fact]
    public void An_ordinary_page_gives_the_links_matching_the_pattern_once_each_and_its_rel_next_page()
    {
        const string html = """
            <html><head><link rel="next" href="list2.html"></head><body>
            <a href="t1.shtml#top">One</a> <a href="/news/t1.shtml">One again</a>
            <a href="https://example.org/news/t2.shtml">Two</a> <a href="about.html">About</a>
            <a href="mailto:x@example.org">mail</a> <a rel="next" href="list2.html">next</a>
            </body></html>
            """;

        var page = _parser.Parse(Page, Encoding.UTF8.GetBytes(html), new Regex(@"/t\d+\.shtml$"));

        Assert.Equal(["http://127.0.0.1:8080/news/t1.shtml", "https://example.org/news/t2.shtml"], page.Links.Select(l => l.Url.AbsoluteUri));
        Assert.Equal("One", page.Links[0].Title);
        Assert.Equal(["http://127.0.0.1:8080/news/list2.html"], page.MorePages.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void A_Ministry_listing_gives_its_article_links_and_every_page_of_its_script_written_pager()
    {
        var html = Listing(0, 3, ("./t1.shtml", "2019年5月6日外交部发言人耿爽主持例行记者会", new DateOnly(2019, 5, 6)),
            ("../elsewhere/t2.shtml", "别处", new DateOnly(2019, 5, 6)));
        var url = new Uri("http://127.0.0.1:8080/web/fyrbt/default.shtml");

        var page = _parser.Parse(url, Encoding.UTF8.GetBytes(html), new Regex(@"/fyrbt/t\d+\.shtml$"));

        Assert.Equal(["http://127.0.0.1:8080/web/fyrbt/t1.shtml"], page.Links.Select(l => l.Url.AbsoluteUri));
        Assert.Equal(["default.shtml", "default_1.shtml", "default_2.shtml"], page.MorePages.Select(u => u.Segments[^1]));
    }
}
