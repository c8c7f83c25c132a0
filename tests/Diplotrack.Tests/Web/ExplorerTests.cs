using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

/// <summary>The stance explorer's page and exports over the stance job's real rows (see <see cref="ExplorerFixture"/>).</summary>
public sealed class ExplorerTests(ExplorerFixture fixture) : IClassFixture<ExplorerFixture>
{
    private WebAppFixture App => fixture.App;

    private async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static IElement Series(IDocument page, string venue) => page.QuerySelector($"#explorer-chart g.series[data-venue='{venue}']")
        ?? throw new Xunit.Sdk.XunitException($"no {venue} series");

    [Fact]
    public async Task The_chart_has_a_calendar_axis_breaks_lines_at_gaps_keeps_venues_apart_and_marks_the_significant_change()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);
        var page = await PageAsync(viewer, "/explorer/KR");

        var npc = Series(page, "npc-press-conference");
        var points = npc.QuerySelectorAll("circle.point").ToList();
        Assert.Equal(["2019-01-01", "2019-02-01", "2019-06-01"], points.Select(p => p.GetAttribute("data-period")));
        Assert.Equal(["5", "5", "1"], points.Select(p => p.GetAttribute("data-n")));
        Assert.Equal("NPC press conference 2019-01: −2.00 ± 0.00 (5 statements)", points[0].QuerySelector("title")!.TextContent);
        // Points sized by their statement count: five statements draw larger than one.
        Assert.True(double.Parse(points[0].GetAttribute("r")!, CultureInfo.InvariantCulture) > double.Parse(points[2].GetAttribute("r")!, CultureInfo.InvariantCulture));
        // One line, January to February; June stands alone: no line crosses the silent March to May.
        var line = Assert.Single(npc.QuerySelectorAll("polyline"));
        Assert.Equal(2, line.GetAttribute("points")!.Split(' ').Length);

        // A true time axis: six month slots, evenly spaced, so June is four slots right of February.
        double X(IElement p) => double.Parse(p.GetAttribute("cx")!, CultureInfo.InvariantCulture);
        var slot = X(points[1]) - X(points[0]);
        Assert.InRange(X(points[2]) - X(points[1]), 4 * slot - 0.2, 4 * slot + 0.2); // coordinates are written to 0.1
        var ticks = page.QuerySelectorAll("#explorer-chart text.tick").Select(t => t.TextContent).ToList();
        Assert.Equal(["2019-01", "2019-02", "2019-03", "2019-04", "2019-05", "2019-06"], ticks);

        // The daily briefing is its own series, not averaged into the press conference.
        var briefing = Series(page, "regular-briefing").QuerySelectorAll("circle.point").ToList();
        Assert.Equal("Daily briefing 2019-02: 0.00 ± 0.00 (2 statements)", Assert.Single(briefing).QuerySelector("title")!.TextContent);

        // The January → February change (5 × −2 against 5 × +2, a sign flip) is significant: one marker, on February, in the table too.
        var marker = Assert.Single(npc.QuerySelectorAll("polygon.change"));
        Assert.StartsWith("Significant sign flip: −2.00 → +2.00 (Δ +4.00, q = ", marker.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("#explorer-changes tbody tr"));
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Clicking_a_point_lists_the_statements_it_counts_with_their_evidence_highlighted_and_linked_to_the_document()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);
        var page = await PageAsync(viewer, "/explorer/KR");
        var href = Series(page, "npc-press-conference").QuerySelector("circle.point[data-period='2019-01-01']")!.ParentElement!.GetAttribute("href")!;
        Assert.Contains("point=npc-press-conference%3A2019-01-01", href, StringComparison.Ordinal);

        var selected = await PageAsync(viewer, href);
        Assert.Contains("NPC press conference, 2019-01: 5 statement(s)", selected.QuerySelector("#statements h2")!.TextContent, StringComparison.Ordinal);
        var cards = selected.QuerySelectorAll("#statements .statement").ToList();
        Assert.Equal(ExplorerFixture.January, cards.Select(c => c.QuerySelector(".text")!.TextContent));
        Assert.All(cards, c => Assert.Equal("actor", c.QuerySelector(".text mark")!.ClassName));
        Assert.Equal(fixture.JanuaryStatements.Select(s => $"/documents/{fixture.JanuaryDocument}#s{s}"),
            cards.Select(c => c.QuerySelector(".meta a")!.GetAttribute("href")));
        Assert.All(cards, c => Assert.Contains("−2 hostile", c.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clicking_a_significant_change_lists_its_evidence_on_both_sides()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);
        var page = await PageAsync(viewer, "/explorer/KR");
        var href = page.QuerySelector("#explorer-chart polygon.change")!.ParentElement!.GetAttribute("href")!;
        Assert.Equal(href, page.QuerySelector("#explorer-changes a.change-link")!.GetAttribute("href"));

        var selected = await PageAsync(viewer, href);
        Assert.Contains("sign flip 2019-01 → 2019-02", selected.QuerySelector("#statements h2")!.TextContent, StringComparison.Ordinal);
        var cards = selected.QuerySelectorAll("#statements .statement").ToList();
        Assert.Equal(6, cards.Count); // up to three per side, the later side first
        Assert.Equal(["current", "current", "current", "previous", "previous", "previous"],
            cards.Select(c => c.QuerySelector(".badge")!.ClassName!.Split(' ').Single(x => x.StartsWith("side-", StringComparison.Ordinal))[5..]));
        Assert.All(cards.Take(3), c => Assert.Contains(c.QuerySelector(".text")!.TextContent, ExplorerFixture.February));
        Assert.All(cards.Skip(3), c => Assert.Contains(c.QuerySelector(".text")!.TextContent, ExplorerFixture.January));
        Assert.All(cards, c => Assert.NotNull(c.QuerySelector(".text mark.actor")));
        Assert.StartsWith($"/documents/{fixture.FebruaryDocument}#s", cards[0].QuerySelector(".meta a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_choose_the_venue_theme_and_period_grain()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);

        var briefingOnly = await PageAsync(viewer, "/explorer/KR?venue=regular-briefing");
        Assert.Equal(["regular-briefing"], briefingOnly.QuerySelectorAll("#explorer-chart g.series").Select(g => g.GetAttribute("data-venue")));

        var relations = await PageAsync(viewer, "/explorer/KR?theme=relations");
        Assert.Null(relations.QuerySelector("#explorer-chart g.series[data-venue='npc-press-conference']")); // no statement on that theme there
        Assert.Single(Series(relations, "regular-briefing").QuerySelectorAll("circle.point"));

        var quarters = await PageAsync(viewer, "/explorer/KR?grain=quarter&venue=npc-press-conference");
        var points = Series(quarters, "npc-press-conference").QuerySelectorAll("circle.point").ToList();
        Assert.Equal(["2019-01-01", "2019-04-01"], points.Select(p => p.GetAttribute("data-period")));
        Assert.Equal(["10", "1"], points.Select(p => p.GetAttribute("data-n")));
        // Ten statements of ±2 in Q1: mean 0 with a wide interval, drawn as a bar around the point.
        Assert.Equal("NPC press conference 2019 Q1: 0.00 ± 1.31 (10 statements)", points[0].QuerySelector("title")!.TextContent);
        Assert.Single(Series(quarters, "npc-press-conference").QuerySelectorAll("g.interval"));
        Assert.Equal(["2019 Q1", "2019 Q2"], quarters.QuerySelectorAll("#explorer-chart text.tick").Select(t => t.TextContent));
        Assert.Equal("quarter", quarters.QuerySelector("select[name=grain] option[selected]")!.GetAttribute("value"));

        // The index lists the actors spoken about.
        var index = await PageAsync(viewer, "/explorer");
        Assert.Contains("/explorer/KR", index.QuerySelectorAll("#explorer-actors a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/explorer/NOPE")).StatusCode);
    }

    [Fact]
    public async Task The_chart_data_exports_as_csv_and_the_chart_as_a_standalone_svg()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);
        var page = await PageAsync(viewer, "/explorer/KR?grain=month");
        var csvResponse = await viewer.GetAsync(page.QuerySelector("#export-csv")!.GetAttribute("href")!);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("speaker_actor_id,target_actor_id,target_name,theme,venue,grain,period_start,", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length); // header + 3 press-conference months + 1 briefing month
        var february = lines.Single(l => l.Contains("npc-press-conference,month,2019-02-01", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["CN", "KR", "韩国", "*", "npc-press-conference", "month", "2019-02-01", "2019-02", "5", "2"], february[..10]);
        Assert.NotEqual("", february[14]); // the significant change into February, by id

        var svgResponse = await viewer.GetAsync(page.QuerySelector("#export-svg")!.GetAttribute("href")!);
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await svgResponse.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(4, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "point"));
        Assert.Empty(svg.Descendants(ns + "a")); // the export links nowhere
    }

    [Fact]
    public async Task Actor_names_follow_the_readers_language_choice()
    {
        using var viewer = await App.SignedInAsync(Roles.Viewer);
        Assert.Equal("韩国", (await PageAsync(viewer, "/explorer/KR")).QuerySelector("#target-name")!.TextContent);

        var switched = await WebAppFixture.PostFormAsync(viewer, "/preferences/language", new() { ["language"] = "en", ["returnUrl"] = "/explorer/KR" }, "/explorer/KR");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/explorer/KR", switched.Headers.Location!.OriginalString);
        var english = await PageAsync(viewer, "/explorer/KR");
        Assert.Equal("Republic of Korea", english.QuerySelector("#target-name")!.TextContent);
        Assert.Contains("Republic of Korea", (await PageAsync(viewer, "/explorer")).QuerySelector("#explorer-actors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Republic of Korea", (await PageAsync(viewer, "/")).QuerySelector("#stance-chart")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Republic of Korea", (await PageAsync(viewer, $"/documents/{fixture.JanuaryDocument}")).QuerySelector($"#s{fixture.JanuaryStatements[0]} .coding")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(",Republic of Korea,", await viewer.GetStringAsync("/explorer/KR/data.csv"), StringComparison.Ordinal);

        // Back to Chinese; a return address off this site is not followed.
        var back = await WebAppFixture.PostFormAsync(viewer, "/preferences/language", new() { ["language"] = "zh", ["returnUrl"] = "https://example.org/" }, "/explorer/KR");
        Assert.Equal("/", back.Headers.Location!.OriginalString);
        Assert.Equal("韩国", (await PageAsync(viewer, "/explorer/KR")).QuerySelector("#target-name")!.TextContent);
    }

    [Theory]
    [InlineData("/explorer")]
    [InlineData("/explorer/KR")]
    [InlineData("/explorer/KR/data.csv")]
    [InlineData("/explorer/KR/chart.svg")]
    public async Task The_explorer_and_its_exports_need_a_signed_in_user(string path)
    {
        using var anonymous = App.Anonymous();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
