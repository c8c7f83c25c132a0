using System.Net;
using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Diplotrack.Tests.Web;

/// <summary>The admin UI as a browser without JavaScript sees it: server-rendered HTML and form posts.</summary>
public sealed class PagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static string FieldMessage(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"no message slot for {field}");

    [Fact]
    public async Task Transcript_text_containing_script_is_rendered_as_text_never_as_markup()
    {
        const string attack = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript($"王毅：{attack}美国应当停止。", "王毅：第二句。"), title: "<b>标题</b>");
        var statement = await app.StatementIdAsync(id, "<script>");
        await app.AddAutoCodingAsync(statement, "US", -1, 0.2, "relations"); // evidence highlight starts inside the attack text

        using var editor = await app.SignedInAsync(Roles.Editor);
        foreach (var path in new[] { $"/documents/{id}", $"/statements/{statement}/coding", "/review", "/documents", "/" })
        {
            var response = await editor.GetAsync(path);
            await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
            var html = await response.Content.ReadAsStringAsync();
            var page = new HtmlParser().ParseDocument(html);
            Assert.Empty(page.QuerySelectorAll("script"));
            Assert.Empty(page.QuerySelectorAll("img"));
            Assert.Empty(page.QuerySelectorAll("main b"));
            Assert.DoesNotContain("<script>document", html, StringComparison.Ordinal);
            if (path != "/documents" && path != "/")
                Assert.Contains(attack, page.Body!.TextContent, StringComparison.Ordinal); // shown, as words
        }
        var detail = await HtmlAsync(await editor.GetAsync($"/documents/{id}"));
        var mark = detail.QuerySelector($"#s{statement} mark.actor");
        Assert.Equal("王毅：<script>document"[3..5], mark!.TextContent); // the span [start, start+2) of the statement's text
    }

    [Fact]
    public async Task Each_invalid_metadata_field_gets_its_message_beside_it()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：页面校验。"));
        using var editor = await app.SignedInAsync(Roles.Editor);
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        var edit = await editor.GetAsync($"/documents/{id}/edit");
        var version = (await HtmlAsync(edit)).QuerySelector<IHtmlInputElement>("input[name='Input.Version']")!.Value;
        var response = await WebAppFixture.PostFormAsync(editor, $"/documents/{id}/edit", new()
        {
            ["Input.Title"] = "", ["Input.Date"] = future, ["Input.Kind"] = "Bad Kind", ["Input.Language"] = "中文",
            ["Input.Source"] = "", ["Input.Place"] = new string('x', 201), ["Input.Version"] = version,
        });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var page = await HtmlAsync(response);
        Assert.Equal("Enter a title.", FieldMessage(page, "Input.Title"));
        Assert.Equal("The date cannot be in the future.", FieldMessage(page, "Input.Date"));
        Assert.Contains("lower-case words", FieldMessage(page, "Input.Kind"), StringComparison.Ordinal);
        Assert.Contains("language tag", FieldMessage(page, "Input.Language"), StringComparison.Ordinal);
        Assert.Equal("Enter the source (URL or file name).", FieldMessage(page, "Input.Source"));
        Assert.Contains("200", FieldMessage(page, "Input.Place"), StringComparison.Ordinal);
        Assert.Equal("", FieldMessage(page, "Input.Occasion")); // a valid field has no message
        Assert.Equal("Bad Kind", page.QuerySelector<IHtmlInputElement>("input[name='Input.Kind']")!.Value); // what was typed is kept
    }

    [Fact]
    public async Task A_stale_edit_in_the_ui_is_refused_with_a_message_and_keeps_the_other_change()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：页面并发。"));
        using var alice = await app.SignedInAsync(Roles.Editor);
        using var bob = await app.SignedInAsync(Roles.Admin);
        var version = (await HtmlAsync(await bob.GetAsync($"/documents/{id}/edit"))).QuerySelector<IHtmlInputElement>("input[name='Input.Version']")!.Value;
        Dictionary<string, string> Form(string title) => new()
        {
            ["Input.Title"] = title, ["Input.Date"] = "2024-03-07", ["Input.Kind"] = "npc-press-conference", ["Input.Language"] = "zh",
            ["Input.Source"] = "test", ["Input.Version"] = version,
        };
        var first = await WebAppFixture.PostFormAsync(alice, $"/documents/{id}/edit", Form("Alice 的标题"));
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, first);
        var second = await WebAppFixture.PostFormAsync(bob, $"/documents/{id}/edit", Form("Bob 的标题"));
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, second);
        var page = await HtmlAsync(second);
        Assert.Contains("changed by someone else", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Alice 的标题", await app.Database.ScalarAsync<string>($"SELECT title FROM app.documents WHERE id = {id}"));
    }

    [Fact]
    public async Task The_new_document_page_previews_without_saving_then_saves()
    {
        using var editor = await app.SignedInAsync(Roles.Editor);
        var fields = new Dictionary<string, string>
        {
            ["Input.Text"] = WebAppFixture.Transcript("王毅：预览页面。", "新华社记者：问题？", "王毅：回答。"), ["Input.Date"] = "2024-03-07",
            ["Input.Title"] = "页面新建", ["Input.Kind"] = "npc-press-conference", ["Input.Government"] = "CN",
        };
        var count = await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents");
        var preview = await WebAppFixture.PostFormAsync(editor, "/documents/new?handler=Preview", fields, "/documents/new");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, preview);
        var page = await HtmlAsync(preview);
        Assert.Equal(4, page.QuerySelectorAll("#preview-result ~ table tbody tr").Length); // lead, opening, question, answer
        Assert.Equal(fields["Input.Text"], page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Text']")!.Value); // ready to save
        Assert.Equal(count, await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));

        var save = await WebAppFixture.PostFormAsync(editor, "/documents/new?handler=Save", fields, "/documents/new");
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, save);
        Assert.Matches("^/documents/[0-9]+$", save.Headers.Location!.OriginalString);
        Assert.Equal(count + 1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));

        var missing = await WebAppFixture.PostFormAsync(editor, "/documents/new?handler=Save", new() { ["Input.Text"] = "", ["Input.Date"] = "" }, "/documents/new");
        var errors = await HtmlAsync(missing);
        Assert.Equal("Paste the transcript text or upload a file.", FieldMessage(errors, "Input.Text"));
    }

    [Fact]
    public async Task An_uploaded_file_is_previewed_kept_for_saving_and_a_wrongly_encoded_one_is_refused_beside_the_file_field()
    {
        using var editor = await app.SignedInAsync(Roles.Editor);
        var text = WebAppFixture.Transcript("王毅：上传文件测试。", "路透社记者：请问？", "王毅：回答上传。");
        async Task<HttpResponseMessage> Upload(string handler, byte[]? file, Dictionary<string, string> fields)
        {
            var form = await HtmlAsync(await editor.GetAsync("/documents/new"));
            var content = new MultipartFormDataContent();
            content.Add(new StringContent(form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value), "__RequestVerificationToken");
            foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
            if (file is not null) content.Add(new ByteArrayContent(file), "upload", "briefing.txt");
            return await editor.PostAsync($"/documents/new?handler={handler}", content);
        }
        var metadata = new Dictionary<string, string> { ["Input.Date"] = "2024-03-07", ["Input.Title"] = "上传", ["Input.Government"] = "CN" };

        var preview = await HtmlAsync(await Upload("Preview", System.Text.Encoding.UTF8.GetBytes(text), metadata));
        Assert.Equal(4, preview.QuerySelectorAll("#preview-result ~ table tbody tr").Length);
        var kept = preview.QuerySelector<IHtmlInputElement>("input[name='Input.ContentBase64']")!.Value;
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(kept)));

        // Save without choosing the file again: the file kept from the preview is what is stored.
        var save = await Upload("Save", null, new(metadata) { ["Input.ContentBase64"] = kept, ["Input.FileName"] = "briefing.txt" });
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, save);
        var id = save.Headers.Location!.OriginalString.Split('/').Last();
        Assert.Equal("briefing.txt", await app.Database.ScalarAsync<string>($"SELECT source FROM app.documents WHERE id = {id}"));

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GB18030").GetBytes(WebAppFixture.Transcript("王毅：这是一个用国标编码保存的文件，内容足够长以便识别。", "王毅：第二段。"));
        var refused = await HtmlAsync(await Upload("Preview", gbk, metadata));
        Assert.Contains("GB18030", FieldMessage(refused, "Input.ContentBase64"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coding_editor_makes_a_manual_coding_current_and_lists_the_change_in_its_history()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：美方应当停止单边制裁。"));
        var statement = await app.StatementIdAsync(id, "美方应当停止单边制裁");
        await app.AddAutoCodingAsync(statement, "US", 0, 0.3, "relations");
        using var editor = await app.SignedInAsync(Roles.Editor);
        var form = await HtmlAsync(await editor.GetAsync($"/statements/{statement}/coding"));
        string Value(string name) => form.QuerySelector<IHtmlInputElement>($"input[name='{name}']")!.Value;

        var noReason = await WebAppFixture.PostFormAsync(editor, $"/statements/{statement}/coding", new()
        {
            ["Input.CodingId"] = Value("Input.CodingId"), ["Input.Version"] = Value("Input.Version"), ["Input.Themes"] = "tech-sanctions",
            ["Input.Targets[0].ActorId"] = "US", ["Input.Targets[0].Stance"] = "5", ["Input.Reason"] = "",
        }, $"/statements/{statement}/coding");
        var invalid = await HtmlAsync(noReason);
        Assert.Equal("Say why you are changing the coding.", FieldMessage(invalid, "Input.Reason"));
        Assert.Equal("Stance must be between −2 and +2.", FieldMessage(invalid, "Input.Targets[0].Stance"));

        var saved = await WebAppFixture.PostFormAsync(editor, $"/statements/{statement}/coding", new()
        {
            ["Input.CodingId"] = Value("Input.CodingId"), ["Input.Version"] = Value("Input.Version"), ["Input.Themes"] = "tech-sanctions",
            ["Input.Targets[0].ActorId"] = "US", ["Input.Targets[0].Stance"] = "-1", ["Input.Targets[1].ActorId"] = "", ["Input.Reason"] = "制裁 criticised",
        }, $"/statements/{statement}/coding");
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, saved);

        var history = await HtmlAsync(await editor.GetAsync($"/statements/{statement}/coding"));
        var row = history.QuerySelector("#history tbody tr")!;
        Assert.Contains(WebAppFixture.EditorEmail, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("制裁 criticised", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("美国 0 neutral", row.Children[2].TextContent, StringComparison.Ordinal);   // before
        Assert.Contains("美国 −1 critical", row.Children[3].TextContent, StringComparison.Ordinal); // after

        var detail = await HtmlAsync(await editor.GetAsync($"/documents/{id}"));
        var badges = detail.QuerySelector($"#s{statement} .coding")!.TextContent;
        Assert.Contains("manual", badges, StringComparison.Ordinal);
        Assert.Contains("tech-sanctions", badges, StringComparison.Ordinal);
        Assert.NotNull(detail.QuerySelector($"#s{statement} .badge.stance-m1"));
    }

    [Fact]
    public async Task An_admin_adds_a_user_and_sees_the_generated_password_once()
    {
        using var admin = await app.SignedInAsync(Roles.Admin);
        var response = await WebAppFixture.PostFormAsync(admin, "/admin/users?handler=AddUser",
            new() { ["NewUser.Email"] = "new.editor@example.org", ["NewUser.Role"] = Roles.Editor }, "/admin/users");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var page = await HtmlAsync(response);
        var password = page.QuerySelector("#secret code")!.TextContent;
        Assert.Matches("^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$", password);
        Assert.DoesNotContain(password, await (await admin.GetAsync("/admin/users")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var newcomer = app.Anonymous();
        var login = await WebAppFixture.PostFormAsync(newcomer, "/account/login", new() { ["Email"] = "new.editor@example.org", ["Password"] = password });
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, login);

        var invalid = await HtmlAsync(await WebAppFixture.PostFormAsync(admin, "/admin/users?handler=AddUser",
            new() { ["NewUser.Email"] = "not-an-email", ["NewUser.Role"] = "boss" }, "/admin/users"));
        Assert.Equal("Enter a valid e-mail address.", FieldMessage(invalid, "NewUser.Email"));
        Assert.StartsWith("Choose a role", FieldMessage(invalid, "NewUser.Role"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_in_the_ui_needs_a_reason()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：页面删除。"));
        using var admin = await app.SignedInAsync(Roles.Admin);
        var version = (await HtmlAsync(await admin.GetAsync($"/documents/{id}/delete"))).QuerySelector<IHtmlInputElement>("input[name='Input.Version']")!.Value;
        var noReason = await HtmlAsync(await WebAppFixture.PostFormAsync(admin, $"/documents/{id}/delete", new() { ["Input.Reason"] = "", ["Input.Version"] = version }));
        Assert.Equal("Give the reason for deleting.", FieldMessage(noReason, "Input.Reason"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.documents WHERE id = {id}"));
        var deleted = await WebAppFixture.PostFormAsync(admin, $"/documents/{id}/delete", new() { ["Input.Reason"] = "测试", ["Input.Version"] = version });
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, deleted);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.documents WHERE id = {id}"));
    }
}
