using System.Globalization;
using Diplotrack.Data;
using Diplotrack.Data.Stance;
using Diplotrack.Features.Coding.Corrections;
using Diplotrack.Features.Web;
using Diplotrack.Features.Web.Charts;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Explorer;

/// <summary>
/// What the explorer shows, from the query string. <see cref="Point"/> (<c>venue:yyyy-MM-dd</c>) or <see cref="Change"/>
/// (a stance change id) selects the statements listed under the chart.
/// </summary>
public sealed record ExplorerFilter(string Actor, string? Speaker = null, string? Theme = null, string? Venue = null, string? Grain = null,
    string? Point = null, long? Change = null)
{
    public const string AllVenues = "all";

    /// <summary>The query string of this filter (without the selection unless asked), for links, exports and forms.</summary>
    public string Query(bool withSelection = false)
    {
        var q = new List<KeyValuePair<string, string?>>
        {
            new("speaker", Speaker), new("theme", Theme), new("venue", Venue), new("grain", Grain),
        };
        if (withSelection)
        {
            q.Add(new("point", Point));
            q.Add(new("change", Change?.ToString(CultureInfo.InvariantCulture)));
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(q.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
    }
}

public sealed record ActorChoice(string Id, string Name, int Statements);

public sealed record ExplorerPoint(DateOnly Period, int N, double Mean, double? Sd, double Salience)
{
    /// <summary>Standard error of the mean; none for a single statement (no spread to estimate it from).</summary>
    public double? Se => Sd is { } sd && N > 1 ? sd / Math.Sqrt(N) : null;

    /// <summary>Mean ± 1.96·SE, clipped to the scale: a rough 95% interval that shows how little one or two statements say.</summary>
    public (double Low, double High)? Interval => Se is { } se ? (Math.Max(-2, Mean - 1.96 * se), Math.Min(2, Mean + 1.96 * se)) : null;
}

public sealed record ExplorerSeries(string Venue, string Label, string Colour, IReadOnlyList<ExplorerPoint> Points);

public sealed record ExplorerChange(long Id, string Venue, string EventType, DateOnly? PreviousPeriod, DateOnly CurrentPeriod,
    double? PreviousMean, double? CurrentMean, int? PreviousN, int? CurrentN, double? Delta, double? Q, string? Direction);

public sealed record ExplorerStatement(long Id, long DocumentId, string DocumentTitle, DateOnly Date, string Venue, string? Speaker,
    string Text, int SpanStart, int Stance, IReadOnlyList<EvidenceView> Evidence, string? Side = null, int? Rank = null, double? Contribution = null);

/// <summary>The statements behind a clicked point or change, with a heading that says which.</summary>
public sealed record ExplorerSelection(string Heading, ExplorerChange? Change, IReadOnlyList<ExplorerStatement> Statements, bool Truncated);

public sealed record ExplorerData(
    ActorChoice Target, ExplorerFilter Filter, string Speaker, string Theme, string Venue, string Grain,
    IReadOnlyList<ActorChoice> Speakers, IReadOnlyList<(string Id, string Name)> Themes, IReadOnlyList<string> Venues,
    IReadOnlyList<ExplorerSeries> Series, IReadOnlyList<ExplorerChange> Changes, TimeAxis? Axis, string SpeakerName)
{
    public bool IsEmpty => Series.All(s => s.Points.Count == 0);
}

/// <summary>
/// Reads the stance tables for the explorer: one target actor as seen by one speaker government, per venue, on one
/// theme, at one grain. Observations and changes are the stance job's rows (docs/stance.md), never recomputed here,
/// so the chart, its CSV and the reporting views agree.
/// </summary>
public sealed class ExplorerQueries(DiplotrackDbContext db, DisplayLanguage language)
{
    public const int StatementLimit = 200;
    private static readonly string[] Palette = ["#1f5fbf", "#b3261e", "#2e7d32", "#8e24aa", "#ef6c00", "#00838f"];

    /// <summary>The venues we know by name; another kind is shown as stored.</summary>
    public static string VenueLabel(string kind) => kind switch
    {
        "npc-press-conference" => "NPC press conference",
        "regular-briefing" => "Daily briefing",
        _ => kind,
    };

    /// <summary>Fixed colours per known venue, so a venue keeps its colour whatever else is shown.</summary>
    public static string VenueColour(string kind, int index) => kind switch
    {
        "regular-briefing" => Palette[0],
        "npc-press-conference" => Palette[1],
        _ => Palette[2 + index % (Palette.Length - 2)],
    };

    /// <summary>Every actor someone's government spoke about (monthly, all themes), most statements first.</summary>
    public async Task<IReadOnlyList<ActorChoice>> ActorsAsync(CancellationToken ct)
    {
        var counts = await db.StanceObservations.AsNoTracking()
            .Where(o => o.Grain == TimeAxis.Month && o.Theme == StanceObservation.AllThemes)
            .GroupBy(o => o.TargetActorId).Select(g => new { Id = g.Key, N = g.Sum(o => o.NStatements) }).ToListAsync(ct);
        var names = await NamesAsync(counts.Select(c => c.Id), ct);
        return counts.OrderByDescending(c => c.N).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new ActorChoice(c.Id, names.GetValueOrDefault(c.Id, c.Id), c.N)).ToList();
    }

    /// <summary>The chart's data; null when the actor is unknown.</summary>
    public async Task<ExplorerData?> LoadAsync(ExplorerFilter filter, CancellationToken ct)
    {
        var target = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == filter.Actor, ct);
        if (target is null) return null;
        var grain = TimeAxis.Grains.Contains(filter.Grain) ? filter.Grain! : TimeAxis.Month;

        // Who spoke about the target (any venue, all themes): the speaker choices, the default being the one who said most.
        var speakerCounts = await db.StanceObservations.AsNoTracking()
            .Where(o => o.TargetActorId == target.Id && o.Grain == TimeAxis.Year && o.Theme == StanceObservation.AllThemes)
            .GroupBy(o => o.SpeakerActorId).Select(g => new { Id = g.Key, N = g.Sum(o => o.NStatements) }).ToListAsync(ct);
        var names = await NamesAsync(speakerCounts.Select(s => s.Id).Append(target.Id), ct);
        var speakers = speakerCounts.OrderByDescending(s => s.N).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new ActorChoice(s.Id, names.GetValueOrDefault(s.Id, s.Id), s.N)).ToList();
        var speaker = speakers.Any(s => s.Id == filter.Speaker) ? filter.Speaker! : speakers.FirstOrDefault()?.Id ?? filter.Speaker ?? "CN";

        var keyRows = db.StanceObservations.AsNoTracking().Where(o => o.TargetActorId == target.Id && o.SpeakerActorId == speaker && o.Grain == TimeAxis.Year);
        var themeIds = await keyRows.Select(o => o.Theme).Distinct().ToListAsync(ct);
        var venues = await keyRows.Select(o => o.DocumentKind).Distinct().OrderBy(k => k).ToListAsync(ct);
        var themeNames = await db.Themes.AsNoTracking().Where(t => themeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => language.IsEnglish ? t.NameEn : t.NameZh ?? t.NameEn, ct);
        var themes = themeIds.Where(t => t != StanceObservation.AllThemes).Order(StringComparer.Ordinal)
            .Select(t => (t, themeNames.GetValueOrDefault(t) ?? t)).Prepend((StanceObservation.AllThemes, "all themes")).ToList();
        var theme = themeIds.Contains(filter.Theme ?? "") ? filter.Theme! : StanceObservation.AllThemes;
        var venue = venues.Contains(filter.Venue ?? "") ? filter.Venue! : ExplorerFilter.AllVenues;

        var observations = await db.StanceObservations.AsNoTracking()
            .Where(o => o.TargetActorId == target.Id && o.SpeakerActorId == speaker && o.Grain == grain && o.Theme == theme
                        && (venue == ExplorerFilter.AllVenues || o.DocumentKind == venue))
            .OrderBy(o => o.PeriodStart)
            .Select(o => new { o.DocumentKind, o.PeriodStart, o.NStatements, o.StanceIndex, o.StanceSd, o.Salience })
            .ToListAsync(ct);
        var shownVenues = venue == ExplorerFilter.AllVenues ? venues : [venue];
        var series = shownVenues.Select((v, i) => new ExplorerSeries(v, VenueLabel(v), VenueColour(v, i),
            observations.Where(o => o.DocumentKind == v).Select(o => new ExplorerPoint(o.PeriodStart, o.NStatements, o.StanceIndex, o.StanceSd, o.Salience)).ToList()))
            .ToList();

        // Only tested changes that passed (q ≤ 0.05) are drawn: appearances and disappearances are not tested (docs/stance.md).
        var changes = await db.StanceChanges.AsNoTracking()
            .Where(c => c.TargetActorId == target.Id && c.SpeakerActorId == speaker && c.Grain == grain && c.Theme == theme && c.Significant
                        && (venue == ExplorerFilter.AllVenues || c.DocumentKind == venue))
            .OrderBy(c => c.CurrentPeriodStart).ThenBy(c => c.Id)
            .ToListAsync(ct);

        var periods = observations.Select(o => o.PeriodStart).ToList();
        var axis = periods.Count == 0 ? null : new TimeAxis(grain, periods.Min(), periods.Max());
        var resolved = filter with { Speaker = speaker, Theme = theme, Venue = venue, Grain = grain };
        return new ExplorerData(new ActorChoice(target.Id, language.NameOf(target), observations.Sum(o => o.NStatements)), resolved,
            speaker, theme, venue, grain, speakers, themes, venues, series, changes.Select(ToView).ToList(), axis, names.GetValueOrDefault(speaker, speaker));
    }

    /// <summary>The statements behind the filter's selected point or change; null when nothing (valid) is selected.</summary>
    public async Task<ExplorerSelection?> SelectionAsync(ExplorerData data, CancellationToken ct)
    {
        if (data.Filter.Change is { } changeId) return await ChangeStatementsAsync(data, changeId, ct);
        if (data.Filter.Point is not { } point) return null;
        var colon = point.LastIndexOf(':');
        if (colon <= 0 || !DateOnly.TryParseExact(point[(colon + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return null;
        var venue = point[..colon];
        var start = TimeAxis.Start(data.Grain, day);
        var end = TimeAxis.End(data.Grain, start);
        var (theme, target, speaker) = (data.Theme, data.Target.Id, data.Speaker);
        // The statements the observation counted (docs/stance.md "What is counted"): the official's voice, current codings,
        // speakers who speak for the speaker actor, in this venue and period, about the target (on the theme).
        var rows = await db.CodingTargets.AsNoTracking()
            .Where(t => t.ActorId == target && t.StatementCoding!.IsCurrent
                        && (t.StatementCoding.Statement!.Kind == "answer" || t.StatementCoding.Statement.Kind == "opening")
                        && t.StatementCoding.Statement.Speaker!.ActorId == speaker
                        && t.StatementCoding.Statement.Document!.Kind == venue
                        && t.StatementCoding.Statement.Document.Date >= start && t.StatementCoding.Statement.Document.Date < end
                        && (theme == StanceObservation.AllThemes || t.StatementCoding.Themes.Contains(theme)))
            .OrderBy(t => t.StatementCoding!.Statement!.Document!.Date).ThenBy(t => t.StatementCoding!.Statement!.DocumentId).ThenBy(t => t.StatementCoding!.Statement!.Ordinal)
            .Select(t => new
            {
                t.StatementCoding!.StatementId, t.StatementCoding.Statement!.DocumentId, t.StatementCoding.Statement.Document!.Title,
                t.StatementCoding.Statement.Document.Date, Speaker = t.StatementCoding.Statement.Speaker!.Name,
                t.StatementCoding.Statement.Text, t.StatementCoding.Statement.SpanStart, t.Stance, t.Evidence,
            })
            .Take(StatementLimit + 1).ToListAsync(ct);
        var statements = rows.Take(StatementLimit).Select(r => new ExplorerStatement(r.StatementId, r.DocumentId, r.Title, r.Date, venue, r.Speaker, r.Text,
            r.SpanStart, r.Stance, r.Evidence.Select(e => new EvidenceView(e.Start, e.End, e.Role, e.Term)).ToList())).ToList();
        var heading = string.Create(CultureInfo.InvariantCulture,
            $"{VenueLabel(venue)}, {TimeAxis.Label(data.Grain, start)}: {statements.Count}{(rows.Count > StatementLimit ? "+" : "")} statement(s) by {data.SpeakerName} about {data.Target.Name}");
        return new ExplorerSelection(heading, null, statements, rows.Count > StatementLimit);
    }

    private async Task<ExplorerSelection?> ChangeStatementsAsync(ExplorerData data, long changeId, CancellationToken ct)
    {
        // Any change of this target can be opened (a link from the dashboard's table may name another grain or theme).
        var change = await db.StanceChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == changeId && c.TargetActorId == data.Target.Id, ct);
        if (change is null) return null;
        var evidence = change.Evidence;
        var ids = evidence.Select(e => e.StatementId).ToList();
        var target = data.Target.Id;
        var rows = await db.Statements.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.DocumentId, s.Document!.Title, s.Document.Date, Venue = s.Document.Kind, Speaker = s.Speaker!.Name, s.Text, s.SpanStart,
            })
            .ToDictionaryAsync(s => s.Id, ct);
        // The spans to highlight: the current coding's evidence for the target (a later correction may have changed it).
        var spans = await db.CodingTargets.AsNoTracking()
            .Where(t => t.ActorId == target && t.StatementCoding!.IsCurrent && ids.Contains(t.StatementCoding.StatementId))
            .Select(t => new { t.StatementCoding!.StatementId, t.Evidence }).ToListAsync(ct);
        var spansOf = spans.ToDictionary(t => t.StatementId, t => t.Evidence.Select(x => new EvidenceView(x.Start, x.End, x.Role, x.Term)).ToList());
        // A statement deleted since the run no longer resolves (evidence has no foreign key, ADR 0013): it is left out.
        var statements = evidence.Where(e => rows.ContainsKey(e.StatementId)).Select(e =>
        {
            var r = rows[e.StatementId];
            return new ExplorerStatement(r.Id, r.DocumentId, r.Title, r.Date, r.Venue, r.Speaker, r.Text, r.SpanStart, e.Stance,
                spansOf.GetValueOrDefault(r.Id) ?? [], e.Side, e.Rank, e.Contribution);
        }).ToList();
        var view = ToView(change);
        var heading = string.Create(CultureInfo.InvariantCulture,
            $"{VenueLabel(change.DocumentKind)}: {(change.EventType == StanceChange.SignFlip ? "sign flip" : change.EventType.Replace('_', ' '))} " +
            $"{(change.PreviousPeriodStart is { } p ? TimeAxis.Label(change.Grain == "document" ? TimeAxis.Month : change.Grain, p) + " → " : "")}" +
            $"{TimeAxis.Label(change.Grain == "document" ? TimeAxis.Month : change.Grain, change.CurrentPeriodStart)} toward {data.Target.Name}");
        return new ExplorerSelection(heading, view, statements, false);
    }

    private static ExplorerChange ToView(StanceChange c) => new(c.Id, c.DocumentKind, c.EventType, c.PreviousPeriodStart, c.CurrentPeriodStart,
        c.PreviousStanceIndex, c.CurrentStanceIndex, c.PreviousN, c.CurrentN, c.DeltaStance, c.QValue, c.Direction);

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var english = language.IsEnglish;
        return await db.Actors.AsNoTracking().Where(a => list.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => english ? a.NameEn : a.NameZh, ct);
    }
}
