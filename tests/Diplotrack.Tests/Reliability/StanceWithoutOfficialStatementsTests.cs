using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Stance;

namespace Diplotrack.Tests.Reliability;

/// <summary>Issue 17, item 4: a queued document with nothing to count must not fail (and retry) the stance job.</summary>
public class StanceWithoutOfficialStatementsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Recomputing_for_documents_without_official_statements_succeeds_and_writes_nothing()
    {
        var fixture = new StanceFixture(database);
        await fixture.ResetAsync();
        // Only a journalist's question: no official statement, so the run has no observation and no change.
        var (document, _) = await fixture.AddDocumentAsync(new DateOnly(2024, 3, 7), StanceFixture.PressConference,
            [new FixtureStatement(fixture.Journalist, "question", [("US", 0)], ["relations"])]);

        await fixture.RecomputeForDocumentsAsync(document);
        await fixture.RecomputeAllAsync();

        Assert.Empty(await fixture.PhysicalSnapshotAsync());
    }
}
