using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

/// <summary>Its own fixture: the changes it adds must not show up in other dashboard tests' tables.</summary>
public sealed class SignificantChangesDashboardTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<long> ChangeAsync(long documentId, string target, bool significant, double delta, double q, string period, params long[] evidence)
    {
        var id = await app.Database.ScalarAsync<long>($"""
            INSERT INTO app.stance_changes (speaker_actor_id, target_actor_id, theme, grain, document_kind, is_self_reference, event_type,
                current_period_start, current_document_id, delta_stance, direction, p_value, q_value, significant, codebook_versions, content_hash, computed_at,
                evidence_statement_ids, evidence_stances, evidence_contributions, evidence_current_count)
            VALUES ('CN', '{target}', 'all', 'document', 'npc-press-conference', false, 'change', '{period}', {documentId},
                {delta.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 'down', 0.001, {q.ToString(System.Globalization.CultureInfo.InvariantCulture)},
                {(significant ? "true" : "false")}, ARRAY[1], repeat('a', 32), now(),
                ARRAY[{string.Join(", ", evidence)}]::bigint[], array_fill(-2, ARRAY[{evidence.Length}])::smallint[],
                array_fill(1.5, ARRAY[{evidence.Length}])::float8[], {evidence.Length})
            RETURNING id
            """);
        return id;
    }

    [Fact]
    public async Task The_dashboard_lists_significant_stance_changes_newest_first_with_links_to_their_evidence()
    {
        var doc = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：美方应当停止打压中国企业。", "王毅：日本应当正视历史。"));
        var us = await app.StatementIdAsync(doc, "美方应当");
        var jp = await app.StatementIdAsync(doc, "日本应当");
        await ChangeAsync(doc, "US", significant: true, delta: -1.25, q: 0.012, period: "2024-03-07", us);
        await ChangeAsync(doc, "JP", significant: false, delta: -0.5, q: 0.4, period: "2024-03-07", jp);
        var older = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：欧盟是合作伙伴。"), title: "较早", date: "2023-03-07");
        await ChangeAsync(older, "EU", significant: true, delta: 0.75, q: 0.03, period: "2023-03-07", await app.StatementIdAsync(older, "欧盟"));

        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = new HtmlParser().ParseDocument(await viewer.GetStringAsync("/"));
        var rows = page.QuerySelectorAll("#significant-changes tbody tr");
        Assert.Equal(2, rows.Length); // the non-significant JP change is not listed
        Assert.Contains("US", rows[0].Children[2].TextContent);
        Assert.Equal("−1.25", rows[0].Children[5].TextContent);
        Assert.Equal("0.012", rows[0].Children[6].TextContent);
        Assert.Equal($"/documents/{doc}#s{us}", rows[0].QuerySelector("td:last-child a")!.GetAttribute("href"));
        Assert.Contains("EU", rows[1].Children[2].TextContent);
        Assert.Equal("+0.75", rows[1].Children[5].TextContent);
        // The link leads to the statement on its document's page.
        Assert.Contains($"id=\"s{us}\"", await viewer.GetStringAsync($"/documents/{doc}"));
    }
}
