using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Reliability;

/// <summary>
/// Issue 17, item 1: the seed transcript with trailing blank lines or line-end spaces is the seeded document,
/// through every way a file comes in (the identity is of the normalised text, not of the bytes).
/// </summary>
public class TrailingWhitespaceIdentityTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private static readonly string SeedFile = Path.Combine(Repository.Seed, "documents", "2024-03-07-wang-yi-npc-press-conference.txt");

    /// <summary>The copies of the issue: one more newline, three more, three trailing spaces.</summary>
    private static readonly (string Name, string Tail)[] Copies = [("newline.txt", "\n"), ("newlines.txt", "\n\n\n"), ("spaces.txt", "   ")];

    private async Task<(long SeedDocument, int Documents)> StateAsync()
    {
        await using var db = database.CreateContext();
        // The seed's only document: Wang Yi's press conference of 7 March 2024 (its front matter names the source as Xinhua).
        var seed = await db.Documents.Where(d => d.Date == new DateOnly(2024, 3, 7) && d.Kind == "npc-press-conference").Select(d => d.Id).SingleAsync();
        return (seed, await db.Documents.CountAsync());
    }

    private static void WriteCopies(string folder)
    {
        var text = File.ReadAllText(SeedFile);
        foreach (var (name, tail) in Copies) File.WriteAllText(Path.Combine(folder, name), text + tail);
    }

    [Fact]
    public async Task Ingest_file_reports_each_copy_as_the_seeded_document()
    {
        var (seed, documents) = await StateAsync();
        using var folder = new TempFolder();
        WriteCopies(folder.Path);

        var result = await Cli.RunAsync(database, ["ingest", .. Copies.Select(c => folder.Combine(c.Name))]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var (name, _) in Copies)
            Assert.Contains($"{name}: already stored as document {seed}, unchanged", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(documents, (await StateAsync()).Documents);
    }

    [Fact]
    public async Task The_inbox_files_each_copy_as_a_duplicate_of_the_seeded_document()
    {
        var (seed, documents) = await StateAsync();
        using var inbox = new TempFolder();
        WriteCopies(inbox.Path);
        await using var services = JobServices.Create(database);

        var result = await services.GetRequiredService<InboxIngestion>().RunAsync(inbox.Path, "test", null, "tester", default);

        Assert.Equal(Copies.Length, result.Files.Count);
        Assert.All(result.Files, f => Assert.Equal((InboxIngestion.Duplicate, seed), (f.Outcome, f.DocumentId!.Value)));
        Assert.Equal(documents, (await StateAsync()).Documents);
    }

    [Fact]
    public async Task Bulk_ingest_of_the_copies_stores_nothing_new()
    {
        var (_, documents) = await StateAsync();
        using var folder = new TempFolder();
        WriteCopies(folder.Path);

        var result = await Cli.RunAsync(database, "ingest", "--dir", folder.Path, "--bulk");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"{Copies.Length} file(s): 0 stored, {Copies.Length} already present, 0 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(documents, (await StateAsync()).Documents);
    }
}
