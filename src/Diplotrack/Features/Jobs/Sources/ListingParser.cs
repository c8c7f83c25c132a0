using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Diplotrack.Features.Jobs.Sources;

public sealed record ListingLink(Uri Url, string? Title);

/// <summary>What one listing page offers: links to transcripts (matching the source's pattern) and further listing pages.</summary>
public sealed record ListingPage(IReadOnlyList<ListingLink> Links, IReadOnlyList<Uri> MorePages);

/// <summary>"Listing page → links": the crawler's only knowledge of a site's listing layout.</summary>
public interface IListingParser
{
    ListingPage Parse(Uri pageUrl, byte[] html, Regex linkPattern);
}

/// <summary>
/// A listing parser for ordinary HTML: every <c>a[href]</c> whose absolute URL matches the source's pattern is a
/// transcript link; <c>rel="next"</c> links are further pages. It also follows the Foreign Ministry's script-written
/// pagination (<c>var currentPage = N</c> / <c>var countPage = M</c> → <c>default_{N+1}.shtml</c>), because those pages
/// have no pagination links in their markup.
/// </summary>
public sealed partial class HtmlListingParser : IListingParser
{
    private readonly HtmlParser _parser = new();

    public ListingPage Parse(Uri pageUrl, byte[] html, Regex linkPattern)
    {
        using var stream = new MemoryStream(html, writable: false);
        // From bytes, so AngleSharp honours the page's own <meta charset>.
        using var document = _parser.ParseDocument(stream);
        var links = new List<ListingLink>();
        var seen = new HashSet<string>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (!Uri.TryCreate(pageUrl, anchor.GetAttribute("href"), out var url) || url.Scheme is not ("http" or "https")) continue;
            url = new UriBuilder(url) { Fragment = "" }.Uri;
            if (!linkPattern.IsMatch(url.AbsoluteUri) || !seen.Add(url.AbsoluteUri)) continue;
            var title = anchor.TextContent.Trim();
            links.Add(new ListingLink(url, title.Length == 0 ? null : title));
        }

        var more = new List<Uri>();
        foreach (var next in document.QuerySelectorAll("a[rel~=next][href], link[rel~=next][href]"))
            if (Uri.TryCreate(pageUrl, next.GetAttribute("href"), out var url)) more.Add(url);
        var script = string.Join("\n", document.Scripts.Select(s => s.Text));
        if (CurrentPage().Match(script) is { Success: true } current && CountPage().Match(script) is { Success: true } count)
        {
            var nextIndex = int.Parse(current.Groups[1].Value) + 1;
            if (nextIndex < int.Parse(count.Groups[1].Value)) more.Add(new Uri(pageUrl, $"default_{nextIndex}.shtml"));
        }
        return new ListingPage(links, more.DistinctBy(u => u.AbsoluteUri).ToList());
    }

    [GeneratedRegex(@"var\s+currentPage\s*=\s*(\d+)")]
    private static partial Regex CurrentPage();

    [GeneratedRegex(@"var\s+countPage\s*=\s*(\d+)")]
    private static partial Regex CountPage();
}
