using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Documents;

namespace Diplotrack.Tests.Web;

public sealed class DocumentsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string Transcript = WebAppFixture.Transcript(
        "王毅：中方愿同各方一道努力。", "彭博社记者：请问中美关系前景如何？", "王毅：中美应当相互尊重。我们敦促美方停止打压。");

    [Fact]
    public async Task A_pasted_transcript_is_previewed_without_saving_then_saved_once()
    {
        using var editor = app.Api(Roles.Editor);
        var text = Transcript + "\n\n王毅：预览测试。";
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents");
        var preview = await editor.PostAsJsonAsync("/api/v1/documents/preview", new { text, date = "2024-03-07", title = "预览" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, preview);
        var parsed = (await preview.Content.ReadFromJsonAsync<DocumentPreview>())!;
        Assert.Equal(["narrative", "opening", "question", "answer", "answer", "answer"], parsed.Statements.Select(s => s.Kind));
        Assert.Equal("王毅", parsed.Statements[^1].Speaker);
        // The preview shows what the coder would store: 美方 is a target of the sentence that names it.
        Assert.Contains(parsed.Statements.Single(s => s.Text == "我们敦促美方停止打压。").Coding!.Targets, t => t.ActorId == "US");
        Assert.Equal("预览", parsed.Title);
        Assert.Null(parsed.AlreadyStoredAs);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));

        var created = await editor.PostAsJsonAsync("/api/v1/documents", new { text, date = "2024-03-07", title = "预览" });
        await HttpAssert.StatusAsync(HttpStatusCode.Created, created);
        var id = (await created.Content.ReadFromJsonAsync<CreatedDocument>())!.Id;
        Assert.Equal($"/api/v1/documents/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(WebAppFixture.EditorEmail, await app.Database.ScalarAsync<string>($"SELECT ingested_by FROM app.documents WHERE id = {id}"));

        var again = await editor.PostAsJsonAsync("/api/v1/documents", new { text, date = "2024-03-07", title = "预览" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, again);
        Assert.Equal(new CreatedDocument(id, false), await again.Content.ReadFromJsonAsync<CreatedDocument>());
        var previewAgain = await (await editor.PostAsJsonAsync("/api/v1/documents/preview", new { text, date = "2024-03-07" })).Content.ReadFromJsonAsync<DocumentPreview>();
        Assert.Equal(id, previewAgain!.AlreadyStoredAs);
    }

    [Fact]
    public async Task A_document_reads_back_with_exchanges_statements_and_spans_into_its_text()
    {
        var id = await app.CreateDocumentAsync(Transcript + "\n\n王毅：读回。");
        var detail = await app.Api(Roles.Viewer).GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}");
        Assert.Single(detail!.Exchanges);
        Assert.Equal("彭博社", detail.Exchanges[0].Outlet);
        Assert.All(detail.Statements, s => Assert.Equal(detail.NormalisedText[s.Start..s.End], s.Text));
        Assert.Equal("王毅", detail.Statements.Last().Speaker);
        Assert.NotEqual(0u, detail.Version);
        var missing = await app.Api(Roles.Viewer).GetAsync("/api/v1/documents/999999");
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, missing);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_list_pages_and_filters_by_date_kind_speaker_actor_theme_and_text()
    {
        using var editor = app.Api(Roles.Editor);
        async Task<long> Create(string text, string date, string kind)
        {
            var r = await editor.PostAsJsonAsync("/api/v1/documents", new { text, date, kind, title = "过滤 " + date });
            await HttpAssert.StatusAsync(HttpStatusCode.Created, r);
            return (await r.Content.ReadFromJsonAsync<CreatedDocument>())!.Id;
        }
        var march = await Create(WebAppFixture.Transcript("王毅：三月的发言。"), "2024-03-07", "npc-press-conference");
        var may = await Create("外交部长秦刚回答记者提问。\n\n秦刚：五月的发言，关于菲律宾。", "2023-05-10", "regular-briefing");
        var statement = await app.StatementIdAsync(may, "五月的发言");
        await app.AddAutoCodingAsync(statement, "PH", -1, 0.4, "sovereignty");

        async Task<long[]> Ids(string query) =>
            (await app.Api(Roles.Viewer).GetFromJsonAsync<PageOf<DocumentSummary>>("/api/v1/documents?pageSize=100&" + query))!
            .Items.Select(d => d.Id).Where(d => d == march || d == may).ToArray();

        Assert.Equal([march, may], await Ids("")); // newest first
        Assert.Equal([march], await Ids("from=2024-01-01"));
        Assert.Equal([may], await Ids("to=2023-12-31"));
        Assert.Equal([may], await Ids("kind=regular-briefing"));
        Assert.Equal([may], await Ids("speaker=秦"));
        Assert.Equal([may], await Ids("actor=PH"));
        Assert.Equal([may], await Ids("theme=sovereignty"));
        Assert.Equal([march], await Ids("q=三月"));
        Assert.Empty(await Ids("q=%25")); // a % typed by a person is a character, not a wildcard

        var page = await app.Api(Roles.Viewer).GetFromJsonAsync<PageOf<DocumentSummary>>("/api/v1/documents?pageSize=1&page=2");
        Assert.Single(page!.Items);
        Assert.Equal(2, page.Page);
        Assert.True(page.Total >= 2);

        var bad = await app.Api(Roles.Viewer).GetAsync("/api/v1/documents?pageSize=1000&from=2024-02-01&to=2024-01-01");
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, bad);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("pageSize", out _));
        Assert.True(errors.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Every_invalid_field_of_a_metadata_edit_gets_its_own_message()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：校验每个字段。"));
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        var response = await app.Api(Roles.Editor).PutAsJsonAsync($"/api/v1/documents/{id}", new
        {
            title = "", date = future, kind = "Not A Slug", language = "中文", source = "", place = new string('x', 201), occasion = new string('y', 501), version = 0,
        });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "title", "date", "kind", "language", "source", "place", "occasion", "version" })
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, $"no message for {field}: {errors}");
        Assert.Contains("future", errors.GetProperty("date")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_needs_text_and_a_transcript_the_reader_refuses_is_a_problem_on_the_text()
    {
        using var editor = app.Api(Roles.Editor);
        var empty = await editor.PostAsJsonAsync("/api/v1/documents", new { date = "2024-03-07" });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, empty);
        Assert.True(JsonDocument.Parse(await empty.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("text", out _));

        var undated = await editor.PostAsJsonAsync("/api/v1/documents", new { text = WebAppFixture.Transcript("王毅：没有日期。") });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, undated);
        var message = JsonDocument.Parse(await undated.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("text")[0].GetString();
        Assert.Contains("no date", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_metadata_edit_is_refused_with_409_and_changes_nothing()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：并发编辑。"));
        using var editor = app.Api(Roles.Editor);
        var read = await editor.GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}");
        object Edit(string title) => new { title, date = "2024-03-07", kind = read!.Kind, language = "zh", source = "test", version = read.Version };

        var first = await editor.PutAsJsonAsync($"/api/v1/documents/{id}", Edit("第一人的标题"));
        await HttpAssert.StatusAsync(HttpStatusCode.OK, first);
        var stale = await editor.PutAsJsonAsync($"/api/v1/documents/{id}", Edit("第二人的标题"));
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, stale);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Equal("第一人的标题", await app.Database.ScalarAsync<string>($"SELECT title FROM app.documents WHERE id = {id}"));

        var audit = await app.Database.ScalarAsync<string>($"SELECT after::text FROM app.audit_log WHERE entity_type = 'document' AND entity_id = '{id}' AND action = 'document.update'");
        Assert.Contains("第一人的标题", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_document_and_a_new_date_queue_its_stance_recompute_and_a_new_title_does_not()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：日期更正。"));
        var pending = $"SELECT count(*) FROM app.stance_pending WHERE document_id = {id}";
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(pending)); // queued by the store with the document

        await app.Database.ScalarAsync<int>($"DELETE FROM app.stance_pending WHERE document_id = {id} RETURNING 1");
        using var editor = app.Api(Roles.Editor);
        var read = (await editor.GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}"))!;
        var retitled = await editor.PutAsJsonAsync($"/api/v1/documents/{id}",
            new { title = "新标题", date = read.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), kind = read.Kind, language = "zh", source = "test", version = read.Version });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, retitled);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(pending)); // a title places no statement elsewhere

        read = (await editor.GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}"))!;
        var redated = await editor.PutAsJsonAsync($"/api/v1/documents/{id}",
            new { title = "新标题", date = "2023-01-05", kind = read.Kind, language = "zh", source = "test", version = read.Version });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, redated);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(pending)); // its statements move to other periods
    }

    [Fact]
    public async Task An_admin_deletes_with_a_reason_and_the_deletion_is_audited()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：将被删除。"));
        using var admin = app.Api(Roles.Admin);
        var version = (await admin.GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}"))!.Version;

        var noReason = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/documents/{id}") { Content = JsonContent.Create(new { reason = "", version }) });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, noReason);
        var stale = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/documents/{id}") { Content = JsonContent.Create(new { reason = "重复", version = version + 1 }) });
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, stale);

        var deleted = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/documents/{id}") { Content = JsonContent.Create(new { reason = "重复录入", version }) });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, deleted);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.statements WHERE document_id = {id}"));
        Assert.Equal("重复录入", await app.Database.ScalarAsync<string>($"SELECT reason FROM app.audit_log WHERE action = 'document.delete' AND entity_id = '{id}'"));
        Assert.Equal(WebAppFixture.AdminEmail, await app.Database.ScalarAsync<string>($"SELECT user_name FROM app.audit_log WHERE action = 'document.delete' AND entity_id = '{id}'"));
        // Its stance rows (derived, without a key to the document) are queued to be recomputed away, and the drain is enqueued.
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.stance_pending WHERE document_id = {id}"));
        Assert.True(await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RecomputePendingAsync%'") >= 1);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_to_signed_in_clients()
    {
        var response = await app.Api(Roles.Viewer).GetAsync("/openapi/v1.json");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiToken").GetProperty("scheme").GetString());
        var paths = root.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/documents/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/codings", out _));
    }
}
