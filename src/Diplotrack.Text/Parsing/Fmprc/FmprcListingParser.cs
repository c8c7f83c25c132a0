using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing.Fmprc;

/// <summary>One article linked from a listing page.</summary>
/// <param name="Url">Absolute URL, resolved against the listing page's URL.</param>
/// <param name="Date">The date printed beside the link (zh: <c>(2020-07-03)</c>) or, failing that, the one in the title.</param>
/// <param name="IsRegularBriefing">The title names a regular press conference (<c>例行记者会</c>, <c>Regular Press Conference</c>,
/// <c>Daily Briefing Online</c>); the listings also carry statements and announcements.</param>
public sealed record FmprcListingLink(Uri Url, string Title, DateOnly? Date, bool IsRegularBriefing);

/// <param name="PageCount">Number of listing pages in the section (<c>var countPage = 67</c>), null when the page does not say.</param>
/// <param name="CurrentPage">0-based index of this page (<c>var currentPage = 5</c>), null when the page does not say.</param>
/// <param name="Pages">Every listing page of the section, in order: <c>default.shtml</c>, <c>default_1.shtml</c> … (absolute).</param>
public sealed record FmprcListingPage(IReadOnlyList<FmprcListingLink> Links, IReadOnlyList<Uri> Pages, int? PageCount, int? CurrentPage);

/// <summary>
/// Reads the Foreign Ministry's listing pages (<c>default.shtml</c>, <c>default_N.shtml</c>) of the Chinese 发言人表态 and
/// English Regular Press Conference sections: the article links, and the other listing pages to crawl.
/// The pager is written by a script (<c>var countPage = 67</c>), so the page links are built from its numbers.
/// </summary>
public static partial class FmprcListingParser
{
    // zh: <div class="rebox_news"><ul><li><a href="./t1794584.shtml">title</a>(2020-07-03)</li>; en: <div class="newsLst_mod">.
    private const string ListSelector = ".rebox_news li, .newsLst_mod li";

    public static FmprcListingPage Parse(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (!pageUrl.IsAbsoluteUri) throw new ArgumentException($"the page URL must be absolute: {pageUrl}", nameof(pageUrl));

        var document = new HtmlParser().ParseDocument(html);
        var links = new List<FmprcListingLink>();
        var seen = new HashSet<Uri>();
        foreach (var item in document.QuerySelectorAll(ListSelector))
        {
            var anchor = item.QuerySelector("a[href]");
            var href = anchor?.GetAttribute("href");
            if (anchor is null || string.IsNullOrWhiteSpace(href) || !ArticleHref().IsMatch(href)) continue;
            if (!Uri.TryCreate(pageUrl, href.Trim(), out var url) || !seen.Add(url)) continue;
            var title = Collapse(anchor.TextContent);
            var date = PrintedDate(item.TextContent) ?? TitleDate(title);
            links.Add(new FmprcListingLink(url, title, date, IsBriefingTitle(title)));
        }

        var count = Number(CountPage().Match(html)) ?? Number(CreatePageHtml().Match(html));
        var current = Number(CurrentPage().Match(html)) ?? Number(CreatePageHtml().Match(html), group: 2);
        if (links.Count == 0 && count is null)
            throw new DocumentRejectedException("not a listing page: no article list (.rebox_news / .newsLst_mod) and no pager script");

        var pages = new List<Uri>();
        if (count is > 0)
        {
            var (name, extension) = PagerFileName(html);
            for (var i = 0; i < count; i++)
                pages.Add(new Uri(pageUrl, i == 0 ? $"{name}.{extension}" : $"{name}_{i}.{extension}"));
        }
        return new FmprcListingPage(links, pages, count, current);
    }

    public static bool IsBriefingTitle(string title) =>
        title.Contains("例行记者会", StringComparison.Ordinal)
        || title.Contains("Regular Press Conference", StringComparison.OrdinalIgnoreCase)
        || title.Contains("Daily Briefing", StringComparison.OrdinalIgnoreCase);

    private static DateOnly? PrintedDate(string text) =>
        ParenthesisedDate().Match(text) is { Success: true } m
        && DateOnly.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateOnly? TitleDate(string title)
    {
        if (ChineseDate().Match(title) is { Success: true } zh)
        {
            return DateOnly.TryParseExact($"{zh.Groups["y"].Value}-{zh.Groups["m"].Value.PadLeft(2, '0')}-{zh.Groups["d"].Value.PadLeft(2, '0')}",
                "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        }
        if (EnglishDate().Match(title) is { Success: true } en)
        {
            return DateOnly.TryParseExact($"{en.Groups["mon"].Value} {en.Groups["d"].Value} {en.Groups["y"].Value}", "MMMM d yyyy",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        }
        return null; // e.g. "… on September 10": no year, so no date rather than a guessed one.
    }

    // createPageHTML(67, 0, "default", "shtml") names the files; the inline pager script always uses default_N.shtml.
    private static (string Name, string Extension) PagerFileName(string html) =>
        CreatePageHtml().Match(html) is { Success: true } m ? (m.Groups[3].Value, m.Groups[4].Value) : ("default", "shtml");

    private static int? Number(Match m, int group = 1) =>
        m.Success && int.TryParse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim(' ', '\u3000');

    [GeneratedRegex(@"(^|/)t\d+\.s?html?$")]
    private static partial Regex ArticleHref();

    [GeneratedRegex(@"var\s+countPage\s*=\s*(\d+)")]
    private static partial Regex CountPage();

    [GeneratedRegex(@"var\s+currentPage\s*=\s*(\d+)")]
    private static partial Regex CurrentPage();

    [GeneratedRegex(@"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[""'](\w+)[""']\s*,\s*[""'](\w+)[""']\s*\)")]
    private static partial Regex CreatePageHtml();

    [GeneratedRegex(@"\((\d{4}-\d{2}-\d{2})\)")]
    private static partial Regex ParenthesisedDate();

    [GeneratedRegex(@"(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"(?<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s*(?<d>\d{1,2}),\s*(?<y>\d{4})")]
    private static partial Regex EnglishDate();

    [GeneratedRegex(@"[ \t\r\n\f\u00A0]+")]
    private static partial Regex Whitespace();
}
