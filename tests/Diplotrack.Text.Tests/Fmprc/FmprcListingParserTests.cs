using System.Text;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing.Fmprc;

namespace Diplotrack.Text.Tests.Fmprc;

public sealed class FmprcListingParserTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fmprc", "Fixtures", name), Encoding.UTF8);

    [Fact]
    public void Chinese_listing_gives_absolute_links_with_titles_dates_and_kind()
    {
        var page = FmprcListingParser.Parse(Fixture("zh-listing.shtml"),
            new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default_1.shtml"));

        Assert.Equal(
        [
            new FmprcListingLink(new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t0000012.shtml"),
                "2020年4月2日外交部发言人华春莹主持例行记者会", new DateOnly(2020, 4, 2), true),
            new FmprcListingLink(new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t0000011.shtml"),
                "外交部发言人就某事答记者问", new DateOnly(2020, 4, 1), false),
            new FmprcListingLink(new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t0000010.shtml"),
                "2020年4月1日外交部发言人华春莹主持网上例行记者会", new DateOnly(2020, 4, 1), true),
        ], page.Links);
        // The section menu (./, ../cfhsl_674891/) is not an article.
        Assert.Equal(3, page.PageCount);
        Assert.Equal(1, page.CurrentPage);
        Assert.Equal(
        [
            new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default.shtml"),
            new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default_1.shtml"),
            new Uri("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/default_2.shtml"),
        ], page.Pages);
    }

    [Fact]
    public void English_listing_takes_dates_from_titles_and_reads_createPageHTML()
    {
        var page = FmprcListingParser.Parse(Fixture("en-listing.shtml"),
            new Uri("https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/default.shtml"));

        Assert.Equal([new DateOnly(2019, 12, 13), new DateOnly(2019, 11, 26), null], page.Links.Select(l => l.Date));
        Assert.Equal([true, false, true], page.Links.Select(l => l.IsRegularBriefing));
        Assert.Equal("https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t0000022.shtml", page.Links[0].Url.AbsoluteUri);
        Assert.Equal(4, page.PageCount);
        Assert.Equal(0, page.CurrentPage);
        Assert.Equal("https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/default_3.shtml", page.Pages[^1].AbsoluteUri);
    }

    [Fact]
    public void A_page_that_is_not_a_listing_is_refused()
    {
        var e = Assert.Throws<DocumentRejectedException>(() =>
            FmprcListingParser.Parse("<html><body><p>hello</p></body></html>", new Uri("https://www.fmprc.gov.cn/web/default.shtml")));
        Assert.Contains("not a listing page", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_url_must_be_absolute()
    {
        Assert.Throws<ArgumentException>(() => FmprcListingParser.Parse(Fixture("zh-listing.shtml"), new Uri("default.shtml", UriKind.Relative)));
    }
}
