using Diplotrack.Text.Alignment;

namespace Diplotrack.Text.Tests.Alignment;

public sealed class BriefingPairingTests
{
    private static BriefingKey Zh(string id, int day, string? who = "耿爽", string venue = "press-room") => new(id, "zh", new DateOnly(2019, 4, day), who, venue);
    private static BriefingKey En(string id, int day, string? who = "耿爽", string venue = "press-room") => new(id, "en", new DateOnly(2019, 4, day), who, venue);

    [Fact]
    public void Pages_pair_by_date_spokesperson_and_venue_and_the_rest_are_listed_with_a_reason()
    {
        var result = BriefingPairing.Pair([Zh("z1", 1), En("e1", 1), Zh("z2", 2), En("e3", 3), Zh("z4", 4, "华春莹"), En("e4", 4, "耿爽")]);

        Assert.Equal([("z1", "e1")], result.Pairs.Select(p => (p.Zh.Id, p.En.Id)));
        Assert.Equal(["z2", "e3", "z4", "e4"], result.Unpaired.Select(u => u.Page.Id));
        Assert.Contains("no English page", result.Unpaired[0].Reason, StringComparison.Ordinal);
        Assert.Contains("no Chinese page", result.Unpaired[1].Reason, StringComparison.Ordinal);
        Assert.Contains("another spokesperson", result.Unpaired[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_online_briefing_does_not_pair_with_a_press_room_one()
    {
        var result = BriefingPairing.Pair([Zh("z", 7, venue: "online"), En("e", 7)]);
        Assert.Empty(result.Pairs);
        Assert.Equal(2, result.Unpaired.Count);
    }

    [Fact]
    public void A_republished_english_page_is_a_listed_duplicate_and_the_preferred_one_pairs()
    {
        // 2019-04-29: t1659619 and its re-published edit t1660057; the caller prefers the better alignment.
        var result = BriefingPairing.Pair([Zh("z", 29), En("e-first", 29), En("e-edit", 29)], (z, e) => e.Id == "e-first" ? 0.9 : 0.8);
        Assert.Equal("e-first", Assert.Single(result.Pairs).En.Id);
        var duplicate = Assert.Single(result.Unpaired);
        Assert.Equal("e-edit", duplicate.Page.Id);
        Assert.StartsWith("duplicate", duplicate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_spokesperson_does_not_block_a_pair()
    {
        var result = BriefingPairing.Pair([Zh("z", 5, who: null), En("e", 5)]);
        Assert.Single(result.Pairs);
    }
}
