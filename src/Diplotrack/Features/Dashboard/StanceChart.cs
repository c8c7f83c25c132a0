using System.Globalization;
using Diplotrack.Data;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Features.Dashboard;

public sealed record ChartPoint(double X, double Y, string Label);

public sealed record ChartSeries(string ActorId, string Name, string Colour, IReadOnlyList<IReadOnlyList<ChartPoint>> Segments);

/// <summary>
/// Mean stance per month toward the most-mentioned actors, drawn as SVG on the server. Only the official's voice
/// (answers, openings) and only other actors (self-reference is reported apart, codebook §2); a month without a
/// statement about an actor is a gap, not a zero (§5).
/// </summary>
public sealed record StanceChart(IReadOnlyList<string> Months, IReadOnlyList<ChartSeries> Series)
{
    public const double Width = 860, Height = 260, Left = 40, Right = 20, Top = 16, Bottom = 30;
    private static readonly string[] Palette = ["#1f5fbf", "#b3261e", "#2e7d32", "#8e24aa", "#ef6c00", "#00838f"];

    public static double YFor(double stance) => Top + (2 - stance) / 4 * (Height - Top - Bottom);

    public static async Task<StanceChart> BuildAsync(DiplotrackDbContext db, int actors, CancellationToken ct)
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
        var months = rows.Where(r => top.Contains(r.ActorId)).Select(r => (r.Year, r.Month)).Distinct().Order().ToList();
        var names = await db.Actors.AsNoTracking().Where(a => top.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.NameZh, ct);
        double XFor(int i) => months.Count == 1 ? (Left + Width - Right) / 2 : Left + i * (Width - Left - Right) / (months.Count - 1);

        var series = top.Select((actor, k) =>
        {
            var byMonth = rows.Where(r => r.ActorId == actor).ToDictionary(r => (r.Year, r.Month));
            var segments = new List<List<ChartPoint>>();
            List<ChartPoint>? current = null;
            for (var i = 0; i < months.Count; i++)
            {
                if (!byMonth.TryGetValue(months[i], out var r)) { current = null; continue; }
                if (current is null) segments.Add(current = []);
                current.Add(new ChartPoint(XFor(i), YFor(r.Mean),
                    string.Create(CultureInfo.InvariantCulture, $"{names.GetValueOrDefault(actor, actor)} {r.Year}-{r.Month:00}: {r.Mean:+0.00;−0.00;0} ({r.N} statements)")));
            }
            return new ChartSeries(actor, names.GetValueOrDefault(actor, actor), Palette[k % Palette.Length], segments);
        }).ToList();
        return new StanceChart(months.Select(m => $"{m.Year}-{m.Month:00}").ToList(), series);
    }

    public double MonthX(int i) => Months.Count == 1 ? (Left + Width - Right) / 2 : Left + i * (Width - Left - Right) / (Months.Count - 1);
}
