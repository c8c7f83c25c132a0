using Diplotrack.Features.Ingestion.Seed;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Tests.Ingestion;

public class SeedingTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private SeedReport _first => database.Seed;

    [Fact]
    public async Task Seed_stores_the_press_conference_with_its_exchanges_highlights_and_sentences()
    {
        Assert.Empty(_first.Errors);
        Assert.Equal(1, _first.DocumentsAdded);
        await using var db = database.CreateContext();
        var document = await db.Documents.SingleAsync();
        Assert.Equal(new DateOnly(2024, 3, 7), document.Date);
        Assert.Equal("npc-press-conference", document.Kind);
        Assert.Equal(5, await db.Exchanges.CountAsync());
        var kinds = await db.Statements.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(79, kinds["answer"]);
        Assert.Equal(14, kinds["question"]);
        Assert.Equal(9, kinds["highlight"]);
        Assert.Equal(2, kinds["narrative"]);
        // Every highlight points at the answer sentence(s) it repeats.
        var linked = await db.HighlightSources.Select(h => h.HighlightId).Distinct().CountAsync();
        Assert.Equal(9, linked);
        Assert.True(await db.HighlightSources.AllAsync(h => h.SourceStatement!.Kind == "answer"));
        // The exchange knows who asked: the Bloomberg question is asked by a US outlet.
        Assert.Contains(await db.Exchanges.Select(e => e.Outlet!.ActorId).ToListAsync(), a => a == "US");
    }

    [Fact]
    public async Task Every_statement_span_cuts_its_own_text_out_of_the_stored_document()
    {
        await using var db = database.CreateContext();
        var document = await db.Documents.SingleAsync();
        var statements = await db.Statements.ToListAsync();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(s.Text, document.NormalisedText[s.SpanStart..s.SpanEnd]));
        // The same holds in SQL, where analysts check it (the seed has no characters outside the BMP).
        var mismatches = await database.ScalarAsync<long>(
            "SELECT count(*) FROM app.statements s JOIN app.documents d ON d.id = s.document_id " +
            "WHERE substr(d.normalised_text, s.span_start + 1, s.span_end - s.span_start) <> s.text");
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task Every_statement_has_one_current_automatic_coding_from_the_seeded_codebook()
    {
        await using var db = database.CreateContext();
        var statements = await db.Statements.CountAsync();
        var current = await db.StatementCodings.Where(c => c.IsCurrent).ToListAsync();
        Assert.Equal(statements, current.Count);
        Assert.All(current, c => Assert.Equal(_first.Codebook.Version, c.CodebookVersionId));
        Assert.All(current, c => Assert.Equal("auto", c.Origin));
        // The US is a target somewhere in the section on China–US relations, with evidence pointing into the text.
        var usTargets = await db.CodingTargets.Where(t => t.ActorId == "US").ToListAsync();
        Assert.NotEmpty(usTargets);
        Assert.Contains(usTargets, t => t.Evidence.Any(e => e.Role == "actor"));
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var _second = await database.SeedAsync();
        Assert.True(_first.Codebook.Created);
        Assert.False(_second.Codebook.Created);
        Assert.Equal(_first.Codebook.Version, _second.Codebook.Version);
        Assert.Equal(0, _second.DocumentsAdded);
        Assert.Equal(1, _second.DocumentsPresent);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Documents.CountAsync());
        Assert.Equal(1, await db.CodebookVersions.CountAsync());
        Assert.Equal(await db.Statements.CountAsync(), await db.StatementCodings.CountAsync());
    }
}
