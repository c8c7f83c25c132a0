using System.Globalization;
using Diplotrack.Data;
using Diplotrack.Features.Web.Charts;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Dashboard;

public sealed record ChartPoint(double X, double Y, string Label, int N);

public sealed record ChartSeries(string ActorId, string Name, string Colour, IReadOnlyList<IReadOnlyList<ChartPoint>> Segments);

/// <summary>
/// Mean stance per month toward the most-mentioned actors, drawn as SVG on the server. Only the official's voice
/// (answers, openings) and only other actors (self-reference is reported apart, codebook §2); a month without a
/// statement about an actor is a gap, not a zero (§5). The x axis is calendar time: every month between the first and
/// the last has its slot, so a silent stretch is as wide as it was long and no line crosses it (issue 13).
/// </summary>
public sealed record StanceChart(TimeAxis? Axis, IReadOnlyList<ChartSeries> Series)
{
    public const double Width = 860, Height = 260, Left = 40, Right = 20, Top = 16, Bottom = 30;
    private static readonly string[] Palette = ["#1f5fbf", "#b3261e", "#2e7d32", "#8e24aa", "#ef6c00", "#00838f"];

    public static double YFor(double stance) => Top + (2 - stance) / 4 * (Height - Top - Bottom);

    /// <summary>Point radius by statement count, so one statement does not look like fifty.</summary>
    public static double RadiusFor(int n) => n switch { 1 => 3, <= 4 => 4, <= 9 => 5, <= 29 => 6, _ => 7 };

    public static async Task<StanceChart> BuildAsync(DiplotrackDbContext db, int actors, CancellationToken ct, bool english = false)
    {
        var rows = await db.CodingTargets.AsNoTracking()
            .Where(t => t.StatementCoding!.IsCurrent
                        && (t.StatementCoding.Statement!.Kind == "answer" || t.StatementCoding.Statement.Kind == "opening")
                        && (t.StatementCoding.Statement.Speaker == null || t.StatementCoding.Statement.Speaker.ActorId != t.ActorId))
            .GroupBy(t => new { t.ActorId, t.StatementCoding!.Statement!.Document!.Date.Year, t.StatementCoding.Statement.Document.Date.Month })
            .Select(g => new { g.Key.ActorId, g.Key.Year, g.Key.Month, Mean = g.Average(t => (double)t.Stance), N = g.Count() })
            .ToListAsync(ct);
        var top = rows.GroupBy(r => r.ActorId).OrderByDescending(g => g.Sum(r => r.N)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(actors).Select(g => g.Key).ToList();
        var months = rows.Where(r => top.Contains(r.ActorId)).Select(r => new DateOnly(r.Year, r.Month, 1)).ToList();
        if (months.Count == 0) return new StanceChart(null, []);
        var axis = new TimeAxis(TimeAxis.Month, months.Min(), months.Max());
        var names = await db.Actors.AsNoTracking().Where(a => top.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => english ? a.NameEn : a.NameZh, ct);

        var series = top.Select((actor, k) =>
        {
            var byMonth = rows.Where(r => r.ActorId == actor).ToDictionary(r => new DateOnly(r.Year, r.Month, 1));
            var segments = new List<List<ChartPoint>>();
            List<ChartPoint>? current = null;
            for (var i = 0; i < axis.Periods.Count; i++)
            {
                if (!byMonth.TryGetValue(axis.Periods[i], out var r)) { current = null; continue; }
                if (current is null) segments.Add(current = []);
                current.Add(new ChartPoint(axis.X(i, Left, Width - Right), YFor(r.Mean),
                    string.Create(CultureInfo.InvariantCulture, $"{names.GetValueOrDefault(actor, actor)} {r.Year}-{r.Month:00}: {r.Mean:+0.00;−0.00;0} ({r.N} statements)"), r.N));
            }
            return new ChartSeries(actor, names.GetValueOrDefault(actor, actor), Palette[k % Palette.Length], segments);
        }).ToList();
        return new StanceChart(axis, series);
    }

    /// <summary>The labelled months: thinned to a calendar step so that labels never run into each other.</summary>
    public IEnumerable<(double X, string Label)> Ticks() => Axis is null ? []
        : Axis.LabelledSlots((int)((Width - Left - Right) / 60)).Select(i => (Axis.X(i, Left, Width - Right), Axis.LabelOf(i)));
}
