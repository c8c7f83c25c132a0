using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Codebook;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Web;

/// <summary>Admins curate the codebook: each save is a new version, audited, and the data is re-coded with it.</summary>
public sealed class CodebookEditTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private Task<int> CurrentVersionAsync() => app.Database.ScalarAsync<int>("SELECT max(id) FROM app.codebook_versions");

    private Task<long> QueuedRecodesAsync() => app.Database.ScalarAsync<long>(
        "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RecodeBackgroundJob%'");

    private async Task<JsonElement> VersionContentAsync(int version) =>
        JsonDocument.Parse(await app.Database.ScalarAsync<string>($"SELECT content::text FROM app.codebook_versions WHERE id = {version}")).RootElement;

    [Fact]
    public async Task An_admin_adding_a_stance_cue_creates_the_next_version_audits_it_and_queues_recoding()
    {
        var before = await CurrentVersionAsync();
        var queued = await QueuedRecodesAsync();
        using var admin = app.Api(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/codebook/stance-cues",
            new { cue = "霸凌行径", weight = -2, kind = "hostile", baseVersion = before, description = "bullying conduct is hostile" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var edited = (await response.Content.ReadFromJsonAsync<CodebookEdited>())!;

        Assert.Equal(before + 1, edited.Version);
        Assert.Equal(before + 1, await CurrentVersionAsync());
        var cues = (await VersionContentAsync(before + 1)).GetProperty("stance_cues").EnumerateArray();
        var cue = Assert.Single(cues, c => c.GetProperty("cue").GetString() == "霸凌行径");
        Assert.Equal(-2, cue.GetProperty("weight").GetInt32());
        Assert.DoesNotContain((await VersionContentAsync(before)).GetProperty("stance_cues").EnumerateArray(), c => c.GetProperty("cue").GetString() == "霸凌行径");
        Assert.Equal(WebAppFixture.AdminEmail, await app.Database.ScalarAsync<string>($"SELECT created_by FROM app.codebook_versions WHERE id = {before + 1}"));
        Assert.Equal("bullying conduct is hostile", await app.Database.ScalarAsync<string>($"SELECT description FROM app.codebook_versions WHERE id = {before + 1}"));
        Assert.Equal(queued + 1, await QueuedRecodesAsync());
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.audit_log WHERE action = 'codebook.stance-cue.add' AND entity_id = '{before + 1}' AND user_name = '{WebAppFixture.AdminEmail}' AND reason = 'bullying conduct is hostile'"));
        Assert.Null(edited.SameContentAs);
    }

    [Fact]
    public async Task Undoing_a_change_makes_the_older_content_current_again_as_the_next_version_and_recodes_with_it()
    {
        var documentId = await app.CreateDocumentAsync(WebAppFixture.Transcript(
            "彭博社记者：美方对中方有何指责？", "王毅：美方搞霸凌行径，我们坚决反对。"));
        var before = await CurrentVersionAsync();
        using var admin = app.Api(Roles.Admin);
        var added = await admin.PostAsJsonAsync("/api/v1/codebook/stance-cues",
            new { cue = "霸凌行径", weight = -2, kind = "hostile", baseVersion = before, description = "bullying conduct is hostile" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, added);
        var queued = await QueuedRecodesAsync();

        // Undo it on the page, as an admin would: the form that removes the cue just added.
        using var page = await app.SignedInAsync(Roles.Admin);
        var undone = await WebAppFixture.PostFormAsync(page, "/codebook/edit?handler=RemoveStanceCue",
            new() { ["BaseVersion"] = (before + 1).ToString(), ["RemoveStanceCue.Cue"] = "霸凌行径", ["RemoveStanceCue.Description"] = "too broad after all" },
            "/codebook/edit");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Contains($"Saved as codebook v{before + 2} (the same content as v{before})", await page.GetStringAsync(undone.Headers.Location!.OriginalString));

        // A new, current version with the older content; the older rows are untouched; audited; re-code queued.
        Assert.Equal(before + 2, await CurrentVersionAsync());
        Assert.Equal(await app.Database.ScalarAsync<string>($"SELECT content_sha256 FROM app.codebook_versions WHERE id = {before}"),
            await app.Database.ScalarAsync<string>($"SELECT content_sha256 FROM app.codebook_versions WHERE id = {before + 2}"));
        Assert.DoesNotContain((await VersionContentAsync(before + 2)).GetProperty("stance_cues").EnumerateArray(), c => c.GetProperty("cue").GetString() == "霸凌行径");
        Assert.Contains((await VersionContentAsync(before + 1)).GetProperty("stance_cues").EnumerateArray(), c => c.GetProperty("cue").GetString() == "霸凌行径");
        Assert.Equal("too broad after all", await app.Database.ScalarAsync<string>($"SELECT description FROM app.codebook_versions WHERE id = {before + 2}"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.audit_log WHERE action = 'codebook.stance-cue.remove' AND entity_id = '{before + 2}' AND reason = 'too broad after all'"));
        Assert.Equal(queued + 1, await QueuedRecodesAsync());

        // What the queued job does codes every statement with the restored version.
        await using (var scope = app.App.Services.CreateAsyncScope())
            Assert.Equal(before + 2, (await scope.ServiceProvider.GetRequiredService<Recoder>().RecodeAsync(default)).CodebookVersion);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.statements s WHERE s.document_id = {documentId} AND NOT EXISTS (SELECT 1 FROM app.statement_codings c WHERE c.statement_id = s.id AND c.is_current AND c.codebook_version_id = {before + 2})"));

        // A restart loads seed/codebook, whose content is stored already: it neither adds a version nor undoes this one.
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var seed = await scope.ServiceProvider.GetRequiredService<CodebookService>()
                .StoreAsync(CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook")), "seed", "seed/codebook", default);
            Assert.False(seed.Created);
        }
        Assert.Equal(before + 2, await CurrentVersionAsync());

        // The same undo sent again from the older page is refused (its base version is no longer current), not stored twice.
        var again = await admin.PostAsJsonAsync("/api/v1/codebook/stance-cues/remove", new { cue = "霸凌行径", baseVersion = before + 1, description = "too broad" });
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, again);
        Assert.Equal(before + 2, await CurrentVersionAsync());
    }

    [Fact]
    public async Task An_alias_or_chinese_name_another_actor_answers_to_is_refused_with_a_field_error()
    {
        var v = await CurrentVersionAsync();
        using var admin = app.Api(Roles.Admin);
        var content = (await VersionContentAsync(v)).GetProperty("aliases").EnumerateArray().ToList();
        var aliases = content.Where(a => a.GetProperty("actor_id").GetString() == "KR").Select(a => a.GetProperty("alias").GetString()!).ToList();
        var russian = content.First(a => a.GetProperty("actor_id").GetString() == "RU" && a.GetProperty("kind").GetString() == "name").GetProperty("alias").GetString()!;

        // 日本 is Japan's Chinese name (matched as an alias); the other is one of Russia's aliases (e.g. 俄罗斯联邦).
        var response = await admin.PostAsJsonAsync("/api/v1/codebook/actors", new
        {
            id = "KR", kind = "country", nameEn = "Republic of Korea", nameZh = "韩国", aliases = aliases.Append("日本").Append(russian).ToList(),
            baseVersion = v, description = "wrong aliases",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = problem.GetProperty("errors").GetProperty("aliases")[0].GetString()!;
        Assert.Contains("日本 (JP Japan)", message, StringComparison.Ordinal);
        Assert.Contains($"{russian} (RU ", message, StringComparison.Ordinal);
        Assert.Equal(v, await CurrentVersionAsync());
        Assert.DoesNotContain("日本", await app.Database.ScalarAsync<string>("SELECT array_to_string(aliases, ',') FROM app.actors WHERE id = 'KR'"));

        // A new actor whose Chinese name is already another actor's alias.
        var name = await admin.PostAsJsonAsync("/api/v1/codebook/actors",
            new { id = "XK", kind = "territory", nameEn = "Kosovo", nameZh = russian, baseVersion = v, description = "Kosovo" });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, name);
        Assert.Contains($"{russian} (RU ", JsonDocument.Parse(await name.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("nameZh")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(v, await CurrentVersionAsync());

        // The page shows the message beside the aliases and keeps what was typed.
        using var page = await app.SignedInAsync(Roles.Admin);
        var form = await WebAppFixture.PostFormAsync(page, "/codebook/edit?handler=Actor",
            new() { ["BaseVersion"] = v.ToString(), ["Actor.Id"] = "KR", ["Actor.Kind"] = "country", ["Actor.NameEn"] = "Republic of Korea", ["Actor.NameZh"] = "韩国", ["Actor.Aliases"] = string.Join('\n', aliases.Append("日本")), ["Actor.Description"] = "wrong alias" },
            "/codebook/edit?actor=KR");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, form);
        var html = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        Assert.Matches("data-valmsg-for=\"Actor.Aliases\"[^>]*>Each alias names one actor; already taken: 日本 \\(JP Japan\\)", html);
        Assert.Contains("wrong alias", html, StringComparison.Ordinal);
        Assert.Equal(v, await CurrentVersionAsync());
    }

    [Fact]
    public async Task Aliases_the_codebook_shares_on_purpose_stay_editable()
    {
        // 中美 is listed for both CN and US (a dyad): editing US keeps it, and only the new alias is checked.
        var v = await CurrentVersionAsync();
        var us = (await VersionContentAsync(v)).GetProperty("aliases").EnumerateArray()
            .Where(a => a.GetProperty("actor_id").GetString() == "US").Select(a => a.GetProperty("alias").GetString()!).ToList();
        Assert.Contains("中美", us);
        using var admin = app.Api(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/v1/codebook/actors", new
        {
            id = "US", kind = "country", nameEn = "United States", nameZh = "美国", aliases = us.Append("山姆大叔").ToList(),
            baseVersion = v, description = "Uncle Sam",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var stored = (await VersionContentAsync(v + 1)).GetProperty("aliases").EnumerateArray()
            .Where(a => a.GetProperty("alias").GetString() == "中美").Select(a => (a.GetProperty("actor_id").GetString(), a.GetProperty("kind").GetString())).ToList();
        Assert.Contains(("US", "dyad"), stored);
        Assert.Contains(("CN", "dyad"), stored);
    }

    [Fact]
    public async Task An_admin_edits_an_actors_names_and_aliases_and_theme_cues()
    {
        var v = await CurrentVersionAsync();
        using var admin = app.Api(Roles.Admin);
        var aliases = (await VersionContentAsync(v)).GetProperty("aliases").EnumerateArray()
            .Where(a => a.GetProperty("actor_id").GetString() == "JP").Select(a => a.GetProperty("alias").GetString()!).ToList();
        var response = await admin.PostAsJsonAsync("/api/v1/codebook/actors", new
        {
            id = "JP", kind = "country", nameEn = "Japan", nameZh = "日本", aliases = aliases.Skip(1).Append("东瀛").ToList(),
            baseVersion = v, description = "JP: 东瀛 is a literary name",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var jp = (await VersionContentAsync(v + 1)).GetProperty("aliases").EnumerateArray()
            .Where(a => a.GetProperty("actor_id").GetString() == "JP").Select(a => a.GetProperty("alias").GetString()).ToList();
        Assert.Contains("东瀛", jp);
        Assert.DoesNotContain(aliases[0], jp);
        Assert.Equal(aliases.Count, jp.Count);
        Assert.Contains("东瀛", await app.Database.ScalarAsync<string>("SELECT array_to_string(aliases, ',') FROM app.actors WHERE id = 'JP'"));

        var added = await admin.PostAsJsonAsync("/api/v1/codebook/theme-cues", new { theme = "relations", cue = "睦邻友好", weight = 2.0, baseVersion = v + 1, description = "good-neighbourly" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, added);
        var removed = await admin.PostAsJsonAsync("/api/v1/codebook/theme-cues/remove", new { theme = "relations", cue = "关系", baseVersion = v + 2, description = "too generic" });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, removed);
        var themeCues = (await VersionContentAsync(v + 3)).GetProperty("theme_cues").EnumerateArray()
            .Where(c => c.GetProperty("theme").GetString() == "relations").Select(c => c.GetProperty("cue").GetString()).ToList();
        Assert.Contains("睦邻友好", themeCues);
        Assert.DoesNotContain("关系", themeCues);

        // An edit made on a version that is no longer current is refused: it would undo the newer change.
        var stale = await admin.PostAsJsonAsync("/api/v1/codebook/theme-cues", new { theme = "relations", cue = "世代友好", weight = 1.0, baseVersion = v, description = "stale" });
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, stale);
        Assert.Equal(v + 3, await CurrentVersionAsync());
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Viewer)]
    public async Task Editors_and_viewers_cannot_edit_the_codebook(string role)
    {
        var v = await CurrentVersionAsync();
        using var client = app.Api(role);
        var response = await client.PostAsJsonAsync("/api/v1/codebook/stance-cues", new { cue = "不可接受", weight = -2, kind = "hostile", baseVersion = v, description = "x" });
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, response);
        await HttpAssert.StatusAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync("/api/v1/codebook/actors",
            new { id = "XX", kind = "country", nameEn = "X", nameZh = "某国", baseVersion = v, description = "x" }));
        Assert.Equal(v, await CurrentVersionAsync());
    }

    [Fact]
    public async Task Invalid_fields_get_their_messages_and_store_nothing()
    {
        var v = await CurrentVersionAsync();
        using var admin = app.Api(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/v1/codebook/stance-cues", new { cue = "严重关切", weight = 3, kind = "critical", baseVersion = v, description = "" });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("between −2 and 2", errors.GetProperty("weight")[0].GetString());
        Assert.Contains("Describe the change", errors.GetProperty("description")[0].GetString());

        var theme = await admin.PostAsJsonAsync("/api/v1/codebook/theme-cues", new { theme = "no-such-theme", cue = "x", weight = 1.0, baseVersion = v, description = "d" });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, theme);
        Assert.Contains("no-such-theme", JsonDocument.Parse(await theme.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("theme")[0].GetString());
        Assert.Equal(v, await CurrentVersionAsync());
    }

    [Fact]
    public async Task The_codebook_page_form_saves_a_new_version_and_shows_each_invalid_field_beside_it()
    {
        var v = await CurrentVersionAsync();
        using var admin = await app.SignedInAsync(Roles.Admin);
        var invalid = await WebAppFixture.PostFormAsync(admin, "/codebook/edit?handler=AddStanceCue",
            new() { ["BaseVersion"] = v.ToString(), ["AddStanceCue.Cue"] = "强烈谴责", ["AddStanceCue.Weight"] = "-3", ["AddStanceCue.Kind"] = "hostile", ["AddStanceCue.Description"] = "" },
            "/codebook/edit");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, invalid);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Matches("data-valmsg-for=\"AddStanceCue.Weight\"[^>]*>A stance cue(&#x27;|')s weight is between", html);
        Assert.Matches("data-valmsg-for=\"AddStanceCue.Description\"[^>]*>Describe the change", html);
        Assert.Equal(v, await CurrentVersionAsync());

        var saved = await WebAppFixture.PostFormAsync(admin, "/codebook/edit?handler=AddStanceCue",
            new() { ["BaseVersion"] = v.ToString(), ["AddStanceCue.Cue"] = "强烈谴责", ["AddStanceCue.Weight"] = "-2", ["AddStanceCue.Kind"] = "hostile", ["AddStanceCue.Description"] = "condemnation" },
            "/codebook/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(v + 1, await CurrentVersionAsync());
        Assert.Contains($"Saved as codebook v{v + 1}", await admin.GetStringAsync(saved.Headers.Location!.OriginalString));

        var actor = await WebAppFixture.PostFormAsync(admin, "/codebook/edit?handler=Actor",
            new() { ["BaseVersion"] = (v + 1).ToString(), ["Actor.Id"] = "KR", ["Actor.Kind"] = "country", ["Actor.NameEn"] = "Republic of Korea", ["Actor.NameZh"] = "韩国", ["Actor.Aliases"] = "大韩民国\n南韩", ["Actor.Description"] = "KR aliases" },
            "/codebook/edit?actor=KR");
        Assert.Equal(HttpStatusCode.Redirect, actor.StatusCode);
        Assert.Equal("大韩民国,南韩", await app.Database.ScalarAsync<string>("SELECT array_to_string(aliases, ',') FROM app.actors WHERE id = 'KR'"));
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Viewer)]
    public async Task The_codebook_edit_page_is_for_admins_only(string role)
    {
        using var client = await app.SignedInAsync(role);
        var response = await client.GetAsync("/codebook/edit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("/codebook/edit", await client.GetStringAsync("/codebook"));
    }
}
