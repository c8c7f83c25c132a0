using Diplotrack.Text.Stance;
using Diplotrack.Data.Stance;
using Diplotrack.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Tests.Stance;

/// <summary>First appearances, disappearances, sign flips, gaps, what is not counted, and self-reference, on tiny fixtures.</summary>
public class StanceEventTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly StanceFixture _fixture = new(database);

    public Task InitializeAsync() => _fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static FixtureStatement A(int speaker, string actor, int stance, params string[] themes) => FixtureStatement.Answer(speaker, actor, stance, themes);

    [Fact]
    public async Task Appearance_disappearance_sign_flip_and_gaps_get_rows_of_their_own()
    {
        var cn = _fixture.ChinaSpokesperson;
        var (d1, _) = await _fixture.AddDocumentAsync(new(2023, 1, 5), StanceFixture.Briefing, [A(cn, "US", 1, "relations"), A(cn, "JP", 1, "relations")]);
        var (d2, _) = await _fixture.AddDocumentAsync(new(2023, 1, 6), StanceFixture.Briefing, [A(cn, "US", -1, "relations"), A(cn, "RU", 2, "relations")]);
        var (d3, _) = await _fixture.AddDocumentAsync(new(2023, 1, 9), StanceFixture.Briefing, [A(cn, "US", -1, "relations", "trade"), A(cn, "JP", 2, "relations")]);
        await _fixture.RecomputeAllAsync();

        await using var db = database.CreateContext();
        var events = await db.StanceChanges.Where(c => c.Grain == "document" && c.Theme == "*")
            .OrderBy(c => c.TargetActorId).ThenBy(c => c.CurrentDocumentId)
            .Select(c => new { c.TargetActorId, c.EventType, c.PreviousDocumentId, c.CurrentDocumentId, c.GapPeriods, c.Direction, c.DeltaStance })
            .ToListAsync();
        Assert.Equal(
        [
            new { TargetActorId = "JP", EventType = "first_appearance", PreviousDocumentId = (long?)null, CurrentDocumentId = (long?)d1, GapPeriods = (int?)null, Direction = (string?)null, DeltaStance = (double?)null },
            new { TargetActorId = "JP", EventType = "disappearance", PreviousDocumentId = (long?)d1, CurrentDocumentId = (long?)d2, GapPeriods = (int?)null, Direction = (string?)null, DeltaStance = (double?)null },
            new { TargetActorId = "JP", EventType = "change", PreviousDocumentId = (long?)d1, CurrentDocumentId = (long?)d3, GapPeriods = (int?)1, Direction = (string?)"up", DeltaStance = (double?)1.0 },
            new { TargetActorId = "RU", EventType = "first_appearance", PreviousDocumentId = (long?)null, CurrentDocumentId = (long?)d2, GapPeriods = (int?)null, Direction = (string?)null, DeltaStance = (double?)null },
            new { TargetActorId = "RU", EventType = "disappearance", PreviousDocumentId = (long?)d2, CurrentDocumentId = (long?)d3, GapPeriods = (int?)null, Direction = (string?)null, DeltaStance = (double?)null },
            new { TargetActorId = "US", EventType = "first_appearance", PreviousDocumentId = (long?)null, CurrentDocumentId = (long?)d1, GapPeriods = (int?)null, Direction = (string?)null, DeltaStance = (double?)null },
            new { TargetActorId = "US", EventType = "sign_flip", PreviousDocumentId = (long?)d1, CurrentDocumentId = (long?)d2, GapPeriods = (int?)0, Direction = (string?)"down", DeltaStance = (double?)-2.0 },
            new { TargetActorId = "US", EventType = "change", PreviousDocumentId = (long?)d2, CurrentDocumentId = (long?)d3, GapPeriods = (int?)0, Direction = (string?)"flat", DeltaStance = (double?)0.0 },
        ], events);

        // A single statement on each side can never be significant, however large the jump.
        var flip = await db.StanceChanges.SingleAsync(c => c.Grain == "document" && c.Theme == "*" && c.TargetActorId == "US" && c.EventType == "sign_flip");
        Assert.Equal(1.0, flip.PValue);
        Assert.False(flip.Significant);
        Assert.Equal(Diplotrack.Text.Stance.ChangeTest.ExactMethod, flip.TestMethod);

        // A theme appears for the first time: trade is new toward the US in the third briefing.
        var trade = await db.StanceChanges.SingleAsync(c => c.Grain == "document" && c.TargetActorId == "US" && c.Theme == "trade");
        Assert.Equal(StanceChange.FirstAppearance, trade.EventType);
        Assert.Equal(d3, trade.CurrentDocumentId);

        // A missing period is missing, not zero: no JP observation for the second briefing.
        Assert.False(await db.StanceObservations.AnyAsync(o => o.TargetActorId == "JP" && o.DocumentId == d2));
        // The speaker's last period cannot show a disappearance yet: RU and US rows end at d3 without one.
        Assert.False(await db.StanceChanges.AnyAsync(c => c.EventType == "disappearance" && c.PreviousDocumentId == d3));
    }

    [Fact]
    public async Task Highlights_questions_superseded_codings_and_other_venues_are_not_counted()
    {
        var cn = _fixture.ChinaSpokesperson;
        var (doc, ids) = await _fixture.AddDocumentAsync(new(2023, 3, 7), StanceFixture.PressConference,
        [
            new FixtureStatement(_fixture.Journalist, "question", [("US", -2)], ["relations"]),
            new FixtureStatement(_fixture.ChinaMinister, "opening", [("US", 1)], ["relations"]),
            A(_fixture.ChinaMinister, "US", 1, "relations"),
            A(_fixture.ChinaMinister, "US", -1, "trade"),
            new FixtureStatement(_fixture.ChinaMinister, "highlight", [("US", -2)], ["relations"]),
            new FixtureStatement(_fixture.ChinaMinister, "question", [("US", -2)], ["relations"]), // a speaker's question is still a question
            A(_fixture.ChinaMinister, "RU", 2, "relations"),
        ]);
        // The automatic coding of the last answer was corrected by a person: only the current coding counts.
        await _fixture.RecodeAsync(ids[3], "US", -2, "tech-sanctions");
        // The same month in another venue (a daily briefing) is a different key.
        await _fixture.AddDocumentAsync(new(2023, 3, 8), StanceFixture.Briefing, [A(cn, "US", -2, "relations")]);
        await _fixture.RecomputeAllAsync();

        await using var db = database.CreateContext();
        var us = await db.StanceObservations.SingleAsync(o => o.DocumentKind == StanceFixture.PressConference && o.Grain == "document" && o.TargetActorId == "US" && o.Theme == "*");
        Assert.Equal(3, us.NStatements); // opening +1, answer +1, corrected answer −2
        Assert.Equal(0.0, us.StanceIndex);
        Assert.Equal(4, us.SpeakerStatements); // the three above and the answer about Russia
        Assert.Equal(0.75, us.Salience);
        Assert.Equal(doc, us.DocumentId);
        Assert.Equal([1, 2], us.CodebookVersions);
        Assert.False(await db.StanceObservations.AnyAsync(o => o.DocumentKind == StanceFixture.PressConference && o.Theme == "trade"));
        Assert.True(await db.StanceObservations.AnyAsync(o => o.DocumentKind == StanceFixture.PressConference && o.Theme == "tech-sanctions"));

        var monthly = await db.StanceObservations.Where(o => o.Grain == "month" && o.TargetActorId == "US" && o.Theme == "*")
            .ToDictionaryAsync(o => o.DocumentKind, o => o.NStatements);
        Assert.Equal(new Dictionary<string, int> { [StanceFixture.PressConference] = 3, [StanceFixture.Briefing] = 1 }, monthly);
        // The journalist has no government: no observation for a speaker without an actor.
        Assert.Equal(["CN"], await db.StanceObservations.Select(o => o.SpeakerActorId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task Statements_about_the_speakers_own_country_are_marked_as_self_reference()
    {
        await _fixture.AddDocumentAsync(new(2023, 3, 7), StanceFixture.PressConference,
        [
            A(_fixture.ChinaMinister, "CN", 2, "doctrine"),
            A(_fixture.ChinaMinister, "US", -1, "relations"),
            A(_fixture.UsSpokesperson, "CN", -1, "trade"),
        ]);
        await _fixture.RecomputeAllAsync();

        await using var db = database.CreateContext();
        var rows = await db.StanceObservations.Where(o => o.Grain == "year" && o.Theme == "*")
            .OrderBy(o => o.SpeakerActorId).ThenBy(o => o.TargetActorId)
            .Select(o => new { o.SpeakerActorId, o.TargetActorId, o.IsSelfReference, o.Salience }).ToListAsync();
        Assert.Equal(
        [
            new { SpeakerActorId = "CN", TargetActorId = "CN", IsSelfReference = true, Salience = 0.5 },
            new { SpeakerActorId = "CN", TargetActorId = "US", IsSelfReference = false, Salience = 0.5 },
            new { SpeakerActorId = "US", TargetActorId = "CN", IsSelfReference = false, Salience = 1.0 },
        ], rows);
        Assert.True(await db.StanceChanges.Where(c => c.TargetActorId == "CN" && c.SpeakerActorId == "CN").AllAsync(c => c.IsSelfReference));
    }
}
