using System.Net;
using System.Net.Http.Json;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Ingestion.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Web;

/// <summary>Failed inbox files: shown with their error; retried or discarded (with a reason) by editors, never deleted.</summary>
public sealed class IngestionPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    /// <summary>An empty file dropped in the inbox and refused by a real inbox run: its row and its copy in failed/.</summary>
    private async Task<(long Id, uint Version)> FailedFileAsync(string name)
    {
        await File.WriteAllBytesAsync(Path.Combine(app.InboxPath, name), []);
        var run = await app.App.Services.GetRequiredService<InboxIngestion>().RunAsync(app.InboxPath, "test", null, "tester", default);
        Assert.Equal(InboxIngestion.Failed, Assert.Single(run.Files).Outcome);
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "failed", name)));
        var id = await app.Database.ScalarAsync<long>($"SELECT id FROM app.ingestion_files WHERE run_id = {run.RunId}");
        var version = await app.Database.ScalarAsync<uint>($"SELECT xmin FROM app.ingestion_files WHERE id = {id}");
        return (id, version);
    }

    [Fact]
    public async Task An_editor_retries_a_failed_file_from_the_page_it_goes_back_to_the_inbox_and_is_audited()
    {
        var (id, version) = await FailedFileAsync("retry-me.txt");
        using var editor = await app.SignedInAsync(Roles.Editor);
        var page = await editor.GetStringAsync("/ingestion");
        Assert.Contains("retry-me.txt", page);
        Assert.Contains("empty file", page); // the error beside the file

        var response = await WebAppFixture.PostFormAsync(editor, $"/ingestion?handler=Retry&id={id}", new() { ["version"] = version.ToString() }, "/ingestion");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "retry-me.txt")));
        Assert.False(File.Exists(Path.Combine(app.InboxPath, "failed", "retry-me.txt")));
        Assert.Equal("retried|retry-me.txt|" + WebAppFixture.EditorEmail,
            await app.Database.ScalarAsync<string>($"SELECT resolution || '|' || moved_to || '|' || resolved_by FROM app.ingestion_files WHERE id = {id}"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE action = 'ingestion-file.retry' AND entity_id = '{id}'"));

        // The same form again (stale version, already resolved) changes nothing.
        var again = await WebAppFixture.PostFormAsync(editor, $"/ingestion?handler=Retry&id={id}", new() { ["version"] = version.ToString() }, "/ingestion");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        File.Delete(Path.Combine(app.InboxPath, "retry-me.txt")); // the test's own cleanup, so later inbox runs here do not pick it up
    }

    [Fact]
    public async Task An_editor_discards_a_failed_file_with_a_reason_it_moves_to_discarded_and_is_kept()
    {
        var (id, version) = await FailedFileAsync("discard-me.txt");
        using var editor = await app.SignedInAsync(Roles.Editor);

        var noReason = await WebAppFixture.PostFormAsync(editor, $"/ingestion?handler=Discard&id={id}",
            new() { ["Discard.Version"] = version.ToString(), ["Discard.Reason"] = "" }, "/ingestion");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Matches("data-valmsg-for=\"Discard.Reason\"[^>]*>Say why the file is discarded", await noReason.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "failed", "discard-me.txt")));

        var response = await WebAppFixture.PostFormAsync(editor, $"/ingestion?handler=Discard&id={id}",
            new() { ["Discard.Version"] = version.ToString(), ["Discard.Reason"] = "an empty export, not a transcript" }, "/ingestion");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "discarded", "discard-me.txt")));
        Assert.False(File.Exists(Path.Combine(app.InboxPath, "failed", "discard-me.txt")));
        Assert.Equal("discarded|discarded/discard-me.txt|an empty export, not a transcript",
            await app.Database.ScalarAsync<string>($"SELECT resolution || '|' || moved_to || '|' || resolution_reason FROM app.ingestion_files WHERE id = {id}"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.audit_log WHERE action = 'ingestion-file.discard' AND entity_id = '{id}' AND reason = 'an empty export, not a transcript' AND user_name = '{WebAppFixture.EditorEmail}'"));
        Assert.Contains("an empty export, not a transcript", await editor.GetStringAsync("/ingestion"));
    }

    [Fact]
    public async Task A_viewer_can_see_failed_files_but_not_retry_or_discard_them()
    {
        var (id, version) = await FailedFileAsync("viewer-cannot.txt");
        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = await viewer.GetStringAsync("/ingestion");
        Assert.Contains("viewer-cannot.txt", page);
        Assert.DoesNotContain("handler=Retry", page, StringComparison.OrdinalIgnoreCase);
        // Posting anyway (with a token taken from another form page) is refused.
        var response = await WebAppFixture.PostFormAsync(viewer, $"/ingestion?handler=Discard&id={id}",
            new() { ["Discard.Version"] = version.ToString(), ["Discard.Reason"] = "x" }, "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var api = app.Api(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/ingestion/files/{id}/retry", new { version })).StatusCode);
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "failed", "viewer-cannot.txt")));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM app.ingestion_files WHERE id = {id} AND resolution IS NOT NULL"));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var (id, version) = await FailedFileAsync("forged.txt");
        using var editor = await app.SignedInAsync(Roles.Editor);
        var response = await editor.PostAsync($"/ingestion?handler=Retry&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = version.ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.InboxPath, "failed", "forged.txt")));
    }
}
