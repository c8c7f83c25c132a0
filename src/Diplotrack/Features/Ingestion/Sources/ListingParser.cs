using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing.Fmprc;

namespace Diplotrack.Features.Ingestion.Sources;

public sealed record ListingLink(Uri Url, string? Title);

/// <summary>What one listing page offers: links to transcripts (matching the source's pattern) and further listing pages.</summary>
public sealed record ListingPage(IReadOnlyList<ListingLink> Links, IReadOnlyList<Uri> MorePages);

/// <summary>"Listing page → links": the crawler's only knowledge of a site's listing layout.</summary>
public interface IListingParser
{
    ListingPage Parse(Uri pageUrl, byte[] html, Regex linkPattern);
}

/// <summary>
/// The crawler's listing parser: the Foreign Ministry's listing layout (<see cref="FmprcListingParser"/>, whose pager
/// is written by a script) when the page has it, otherwise ordinary HTML: every <c>a[href]</c> whose absolute URL
/// matches the source's pattern is a transcript link and <c>rel="next"</c> links are further pages.
/// Either way the source's link pattern decides which links are transcripts.
/// </summary>
public sealed class HtmlListingParser : IListingParser
{
    private readonly HtmlParser _parser = new();

    public ListingPage Parse(Uri pageUrl, byte[] html, Regex linkPattern)
    {
        using var stream = new MemoryStream(html, writable: false);
        // From bytes, so AngleSharp honours the page's own <meta charset>.
        using var document = _parser.ParseDocument(stream);
        if (TryFmprc(pageUrl, document.Source.Text, linkPattern) is { } fmprc) return fmprc;

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
        var more = document.QuerySelectorAll("a[rel~=next][href], link[rel~=next][href]")
            .Select(a => Uri.TryCreate(pageUrl, a.GetAttribute("href"), out var u) ? u : null)
            .OfType<Uri>().DistinctBy(u => u.AbsoluteUri).ToList();
        return new ListingPage(links, more);
    }

    private static ListingPage? TryFmprc(Uri pageUrl, string html, Regex linkPattern)
    {
        FmprcListingPage page;
        try
        {
            page = FmprcListingParser.Parse(html, pageUrl);
        }
        catch (DocumentRejectedException)
        {
            return null; // not the Foreign Ministry's layout
        }
        var links = page.Links.Where(l => linkPattern.IsMatch(l.Url.AbsoluteUri)).Select(l => new ListingLink(l.Url, l.Title)).ToList();
        // The pager lists every page of the section; the crawler walks them in order and skips those it has seen.
        return new ListingPage(links, page.Pages);
    }
}
