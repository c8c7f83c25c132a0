using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

/// <summary>The smaller findings of issue 13: review order, the codebook page, the OpenAPI types, invalid JSON.</summary>
public sealed class SmallFixesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_review_queue_opens_with_stances_and_named_targets_not_neutral_unnamed_codings_of_lower_confidence()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("记者：请问有何评论？", "王毅：美国应当停止对中国的打压。"), title: "复核顺序");
        var question = await app.StatementIdAsync(id, "请问有何评论");
        var answer = await app.StatementIdAsync(id, "美国应当停止");
        await app.AddAutoCodingAsync(question, "UNNAMED", 0, 0.001);
        await app.AddAutoCodingAsync(answer, "US", -1, 0.5);

        var items = (await app.Api(Roles.Viewer).GetFromJsonAsync<JsonElement>("/api/v1/review-queue?take=200")).EnumerateArray().ToList();
        var order = items.Select(i => i.GetProperty("statementId").GetInt64()).ToList();

        Assert.Contains(answer, order);
        var neutralAt = order.IndexOf(question);
        Assert.True(neutralAt < 0 || neutralAt > order.IndexOf(answer), $"neutral question at {neutralAt}, stance at {order.IndexOf(answer)}");
        Assert.Contains(items[0].GetProperty("coding").GetProperty("targets").EnumerateArray(), t => t.GetProperty("stance").GetInt32() != 0);
    }

    [Fact]
    public async Task The_codebook_page_says_how_many_versions_are_stored_and_names_each_cue_form()
    {
        using var admin = await app.SignedInAsync(Roles.Admin);
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/codebook/edit"));
        var stored = await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.codebook_versions");
        Assert.StartsWith(stored == 1 ? "1 version stored" : $"{stored} versions stored", page.QuerySelector("#versions")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(["Add a theme cue", "Remove a theme cue", "Add a stance cue", "Remove a stance cue"],
            page.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()));
        // The remove forms offer the present cues, which the add forms do not.
        Assert.NotEmpty(page.QuerySelectorAll("#remove-theme-cue datalist#present-theme-cues option"));
        Assert.Empty(page.QuerySelectorAll("#add-theme-cue datalist"));
    }

    [Fact]
    public async Task The_openapi_document_types_integers_as_integers_and_lists_required_fields()
    {
        var json = await app.Api(Roles.Viewer).GetStringAsync("/openapi/v1.json");
        var schemas = JsonDocument.Parse(json).RootElement.GetProperty("components").GetProperty("schemas");

        Assert.DoesNotContain("\"pattern\": \"^-?(?:0|[1-9]\\\\d*)$\"", json, StringComparison.Ordinal);
        foreach (var schema in schemas.EnumerateObject())
            if (schema.Value.TryGetProperty("properties", out var properties))
                foreach (var property in properties.EnumerateObject())
                    if (property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
                        Assert.False(type.EnumerateArray().Any(t => t.GetString() == "string") && type.EnumerateArray().Any(t => t.GetString() is "integer" or "number"),
                            $"{schema.Name}.{property.Name} is typed {type}");
        var reviewItem = schemas.GetProperty("ReviewItem");
        Assert.Equal("integer", reviewItem.GetProperty("properties").GetProperty("statementId").GetProperty("type").GetString());
        Assert.Contains("statementId", reviewItem.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_400_problem_that_says_what_is_wrong()
    {
        var response = await app.Api(Roles.Editor).PostAsync("/api/v1/documents",
            new StringContent("{\"title\": \"x\", \"text\": ", Encoding.UTF8, "application/json"));

        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.Contains("JSON", detail, StringComparison.Ordinal);
    }
}
