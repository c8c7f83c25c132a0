using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Documents;

namespace Diplotrack.Tests.Web;

public sealed class CodingsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    /// <summary>A document whose answer <paramref name="answer"/> has a known automatic coding: US, neutral, confidence 0.35.</summary>
    private async Task<(long Statement, long Coding, DocumentDetail Document)> CodedStatementAsync(string answer)
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：" + answer));
        var statement = await app.StatementIdAsync(id, answer);
        var coding = await app.AddAutoCodingAsync(statement, "US", 0, 0.35, "relations");
        var detail = await app.Api(Roles.Viewer).GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{id}");
        return (statement, coding, detail!);
    }

    [Fact]
    public async Task A_manual_correction_replaces_the_automatic_coding_as_current_and_shows_in_history()
    {
        var (statement, auto, document) = await CodedStatementAsync("美方应当停止打压中国企业。");
        var current = document.Statements.Single(s => s.Id == statement).Coding!;
        Assert.Equal("auto", current.Origin);
        var s = document.Statements.Single(x => x.Id == statement);

        using var editor = app.Api(Roles.Editor);
        var response = await editor.PostAsJsonAsync("/api/v1/codings", new
        {
            statementId = statement, codingId = auto, version = current.Version,
            themes = new[] { "tech-sanctions", "relations" },
            targets = new[] { new { actorId = "US", stance = -2, evidence = new[] { new { start = s.Start + 6, end = s.Start + 8, role = "cue" } } } },
            reason = "打压 is an accusation: hostile, not neutral",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var corrected = (await response.Content.ReadFromJsonAsync<CorrectedCoding>())!;
        Assert.Equal(auto, corrected.SupersededCodingId);

        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.statement_codings WHERE statement_id = {statement} AND is_current"));
        // The document's stance is recomputed from the corrected coding.
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.stance_pending WHERE document_id = {document.Id}"));
        Assert.True(await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RecomputePendingAsync%'") >= 1);
        var after = await app.Api(Roles.Viewer).GetFromJsonAsync<DocumentDetail>($"/api/v1/documents/{document.Id}");
        var now = after!.Statements.Single(x => x.Id == statement).Coding!;
        Assert.Equal("manual", now.Origin);
        Assert.Equal(corrected.CodingId, now.Id);
        Assert.Equal(-2, now.Targets.Single().Stance);
        Assert.Equal("打压", now.Targets.Single().Evidence.Single().Term);
        Assert.Equal(["tech-sanctions", "relations"], now.Themes);

        var history = (await app.Api(Roles.Viewer).GetFromJsonAsync<CodingHistory>($"/api/v1/statements/{statement}/codings"))!;
        Assert.Equal(corrected.CodingId, history.Codings[0].Id); // newest first
        Assert.Equal(corrected.CodingId, Assert.Single(history.Codings, c => c.IsCurrent).Id);
        var old = history.Codings.Single(c => c.Id == auto);
        Assert.False(old.IsCurrent);
        Assert.NotNull(old.SupersededAt);
        var change = Assert.Single(history.Changes);
        Assert.Equal(WebAppFixture.EditorEmail, change.UserName);
        Assert.Equal("打压 is an accusation: hostile, not neutral", change.Reason);
        Assert.Equal(0, JsonDocument.Parse(change.Before!).RootElement.GetProperty("targets")[0].GetProperty("stance").GetInt32());
        Assert.Equal(-2, JsonDocument.Parse(change.After!).RootElement.GetProperty("targets")[0].GetProperty("stance").GetInt32());

        // The review queue offers automatic codings only: this one is done.
        var queue = await app.Api(Roles.Viewer).GetFromJsonAsync<List<ReviewItem>>("/api/v1/review-queue");
        Assert.DoesNotContain(queue!, q => q.StatementId == statement);
    }

    [Fact]
    public async Task A_correction_based_on_a_stale_coding_is_refused_with_409()
    {
        var (statement, auto, document) = await CodedStatementAsync("日本应当正视历史。");
        var version = document.Statements.Single(s => s.Id == statement).Coding!.Version;
        using var editor = app.Api(Roles.Editor);
        object Correction(int stance, string reason) => new
        {
            statementId = statement, codingId = auto, version, themes = new[] { "relations" },
            targets = new[] { new { actorId = "JP", stance } }, reason,
        };
        await HttpAssert.StatusAsync(HttpStatusCode.OK, await editor.PostAsJsonAsync("/api/v1/codings", Correction(-1, "first person")));
        var second = await editor.PostAsJsonAsync("/api/v1/codings", Correction(1, "second person, who read the same auto coding"));
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, second);
        Assert.Equal(-1, await app.Database.ScalarAsync<short>(
            $"SELECT t.stance FROM app.statement_codings c JOIN app.coding_targets t ON t.statement_coding_id = c.id WHERE c.statement_id = {statement} AND c.is_current"));

        // A stale version of the right coding is refused too.
        var history = await app.Api(Roles.Viewer).GetFromJsonAsync<CodingHistory>($"/api/v1/statements/{statement}/codings");
        var currentId = history!.Codings.Single(c => c.IsCurrent).Id;
        var wrongVersion = await editor.PostAsJsonAsync("/api/v1/codings", new
        {
            statementId = statement, codingId = currentId, version = version, themes = new[] { "relations" }, targets = Array.Empty<object>(), reason = "x",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.Conflict, wrongVersion);
    }

    [Fact]
    public async Task Every_invalid_field_of_a_correction_gets_its_own_message()
    {
        var (statement, auto, document) = await CodedStatementAsync("校验编码。");
        var s = document.Statements.Single(x => x.Id == statement);
        var codingsBefore = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.statement_codings WHERE statement_id = {statement}");
        var response = await app.Api(Roles.Editor).PostAsJsonAsync("/api/v1/codings", new
        {
            statementId = statement, codingId = auto, version = s.Coding!.Version,
            themes = new[] { "relations", "no-such-theme", "trade", "security" },
            targets = new object[]
            {
                new { actorId = "XX", stance = 3, evidence = Array.Empty<object>() },
                new { actorId = "US", stance = 0, evidence = new[] { new { start = s.End + 5, end = s.End + 9, role = "cue" } } },
            },
            reason = "",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.BadRequest, response);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        string Message(string field) => errors.TryGetProperty(field, out var m) ? m[0].GetString()! : throw new Xunit.Sdk.XunitException($"no message for {field}: {errors}");
        Assert.Contains("1 to 3", Message("themes"), StringComparison.Ordinal);
        Assert.Contains("no-such-theme", Message("themes[1]"), StringComparison.Ordinal);
        Assert.Contains("XX", Message("targets[0].actorId"), StringComparison.Ordinal);
        Assert.Contains("between −2 and +2", Message("targets[0].stance"), StringComparison.Ordinal);
        Assert.Contains("outside the statement", Message("targets[1].evidence[0]"), StringComparison.Ordinal);
        Assert.Contains("why", Message("reason"), StringComparison.Ordinal);
        Assert.Equal(codingsBefore, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.statement_codings WHERE statement_id = {statement}"));
    }

    [Fact]
    public async Task A_statement_without_any_coding_can_get_its_first_manual_one()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：菲律宾应当停止挑衅。"));
        var statement = await app.StatementIdAsync(id, "菲律宾应当停止挑衅");
        // Documents stored before the coder existed, or by a bulk load, have statements without any coding.
        await app.Database.ScalarAsync<int>($"WITH d AS (DELETE FROM app.statement_codings WHERE statement_id = {statement} RETURNING 1) SELECT count(*)::int FROM d");
        var response = await app.Api(Roles.Editor).PostAsJsonAsync("/api/v1/codings", new
        {
            statementId = statement, themes = new[] { "sovereignty" }, targets = new[] { new { actorId = "PH", stance = -1 } }, reason = "not coded by the coder",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        var missing = await app.Api(Roles.Editor).PostAsJsonAsync("/api/v1/codings", new
        {
            statementId = 99999999, themes = new[] { "sovereignty" }, targets = Array.Empty<object>(), reason = "x",
        });
        await HttpAssert.StatusAsync(HttpStatusCode.NotFound, missing);
    }
}
