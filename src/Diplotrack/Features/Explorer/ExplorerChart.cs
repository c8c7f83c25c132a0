using System.Globalization;
using System.Security;
using System.Text;
using Diplotrack.Features.Web.Charts;

namespace Diplotrack.Features.Explorer;

/// <summary>
/// Draws the explorer's chart as SVG on the server: the page inlines it (no script, so the CSP's "no inline code" costs
/// nothing) and the SVG export is the same string, standalone. Colours are attributes, never style, for the same reason.
/// Points and change markers are SVG links to the page with the selection in the query string, so a click lists the
/// statements behind them without JavaScript.
/// </summary>
public static class ExplorerChart
{
    public const double Width = 960, Height = 400, Left = 104, Right = 20, Top = 24, PlotBottom = 330;
    private const string Ink = "#5b6478", Grid = "#e3e6ec", ChangeColour = "#d97706", Font = "system-ui, 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif";

    /// <summary>Bands of statement counts and their point radius: the eye reads five sizes, not a continuum.</summary>
    public static readonly IReadOnlyList<(int From, int To, double Radius, string Label)> SizeBands =
    [
        (1, 1, 3, "1"), (2, 4, 4.5, "2–4"), (5, 9, 6, "5–9"), (10, 29, 7.5, "10–29"), (30, int.MaxValue, 9, "30+"),
    ];

    public static double RadiusFor(int n) => SizeBands.First(b => n >= b.From && n <= b.To).Radius;

    public static double YFor(double stance) => Top + (2 - stance) / 4 * (PlotBottom - Top);

    /// <param name="pointHref">the link of a point (venue, period start); null for the export, which links nowhere.</param>
    /// <param name="changeHref">the link of a change marker.</param>
    public static string Render(ExplorerData data, Func<string, DateOnly, string>? pointHref = null, Func<long, string>? changeHref = null, bool standalone = false)
    {
        var svg = new StringBuilder();
        var title = $"Stance of {data.SpeakerName} toward {data.Target.Name} ({ThemeLabel(data)}, per {data.Grain})";
        svg.Append("<svg id=\"explorer-chart\"");
        if (standalone) svg.Append(" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(Width)).Append("\" height=\"").Append(F(Height)).Append('"');
        svg.Append(" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(Height)).Append("\" role=\"img\" font-family=\"").Append(E(Font))
            .Append("\" aria-label=\"").Append(E(title)).Append("\">");
        svg.Append("<title>").Append(E(title)).Append("</title>");
        if (standalone) svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");

        // Scale: five labelled levels, the zero line darker.
        string[] levels = ["−2 hostile", "−1 critical", "0 neutral", "+1 positive", "+2 cooperative"];
        for (var s = -2; s <= 2; s++)
        {
            var y = YFor(s);
            svg.Append(Line(Left, Width - Right, y, y, s == 0 ? "#9aa3b5" : Grid));
            svg.Append(Text(Left - 8, y + 4, levels[s + 2], "end"));
        }

        var axis = data.Axis;
        if (axis is null || data.IsEmpty)
        {
            svg.Append(Text((Left + Width - Right) / 2, (Top + PlotBottom) / 2, "No observations for this selection.", "middle", cls: "empty"));
            svg.Append("</svg>");
            return svg.ToString();
        }

        double X(int slot) => axis.X(slot, Left, Width - Right);
        var slotWidth = (Width - Left - Right) / axis.Periods.Count;

        // Time axis: a tick per slot when they are wide enough to tell apart, a year line where a year begins, and
        // labels thinned to a calendar step so they never run into each other.
        svg.Append(Line(Left, Width - Right, PlotBottom, PlotBottom, Ink));
        for (var i = 0; i < axis.Periods.Count; i++)
        {
            var yearStart = axis.Grain != TimeAxis.Year && axis.Periods[i].Month == 1 && i > 0;
            if (yearStart) svg.Append(Line(X(i) - slotWidth / 2, X(i) - slotWidth / 2, Top, PlotBottom, Grid));
            if (slotWidth >= 3) svg.Append(Line(X(i), X(i), PlotBottom, PlotBottom + 4, Ink));
        }
        var maxLabels = (int)((Width - Left - Right) / (axis.Grain == TimeAxis.Year ? 44 : axis.Grain == TimeAxis.Quarter ? 64 : 60));
        foreach (var i in axis.LabelledSlots(maxLabels))
        {
            svg.Append(Line(X(i), X(i), PlotBottom, PlotBottom + 7, Ink));
            svg.Append(Text(X(i), PlotBottom + 20, axis.LabelOf(i), "middle", cls: "tick"));
        }

        // Series: venues side by side within a slot (a small offset), each line broken wherever a period has no observation.
        var shown = data.Series.Where(s => s.Points.Count > 0).ToList();
        var changesByKey = data.Changes.GroupBy(c => (c.Venue, c.CurrentPeriod)).ToDictionary(g => g.Key, g => g.Last());
        for (var k = 0; k < shown.Count; k++)
        {
            var series = shown[k];
            var offset = (k - (shown.Count - 1) / 2.0) * Math.Min(6, slotWidth / (shown.Count + 1));
            double Px(DateOnly period) => X(axis.IndexOf(period)) + offset;
            svg.Append("<g class=\"series\" data-venue=\"").Append(E(series.Venue)).Append("\">");
            foreach (var segment in Segments(series.Points, axis))
            {
                if (segment.Count > 1)
                    svg.Append("<polyline fill=\"none\" stroke=\"").Append(series.Colour).Append("\" stroke-width=\"2\" points=\"")
                        .Append(string.Join(" ", segment.Select(p => F(Px(p.Period)) + "," + F(YFor(p.Mean))))).Append("\"/>");
            }
            foreach (var p in series.Points)
            {
                var x = Px(p.Period);
                if (p.Interval is { } ci)
                {
                    svg.Append("<g class=\"interval\" stroke=\"").Append(series.Colour).Append("\" stroke-opacity=\"0.55\">");
                    svg.Append(Line(x, x, YFor(ci.High), YFor(ci.Low), null)).Append(Line(x - 3, x + 3, YFor(ci.High), YFor(ci.High), null))
                        .Append(Line(x - 3, x + 3, YFor(ci.Low), YFor(ci.Low), null));
                    svg.Append("</g>");
                }
                var label = PointLabel(data, series, p);
                var circle = $"<circle class=\"point\" cx=\"{F(x)}\" cy=\"{F(YFor(p.Mean))}\" r=\"{F(RadiusFor(p.N))}\" fill=\"{series.Colour}\" fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"1\" data-period=\"{p.Period:yyyy-MM-dd}\" data-n=\"{p.N}\"><title>{E(label)}</title></circle>";
                svg.Append(pointHref is null ? circle : $"<a href=\"{E(pointHref(series.Venue, p.Period))}\" aria-label=\"{E(label)}\">{circle}</a>");

                if (changesByKey.TryGetValue((series.Venue, p.Period), out var change))
                {
                    // A triangle beside the point, pointing the way the stance moved; it links to the change's evidence.
                    var up = change.Delta >= 0;
                    var r = RadiusFor(p.N) + 5;
                    var y = YFor(p.Mean) + (up ? -r : r);
                    var tip = up ? y - 7 : y + 7;
                    var marker = $"<polygon class=\"change\" data-change=\"{change.Id}\" points=\"{F(x - 5)},{F(y)} {F(x + 5)},{F(y)} {F(x)},{F(tip)}\" fill=\"{ChangeColour}\" stroke=\"#7c2d12\" stroke-width=\"0.8\"><title>{E(ChangeLabel(change))}</title></polygon>";
                    svg.Append(changeHref is null ? marker : $"<a href=\"{E(changeHref(change.Id))}\" aria-label=\"{E(ChangeLabel(change))}\">{marker}</a>");
                }
            }
            svg.Append("</g>");
        }

        // Legend: venues, the size bands with the interval, the change marker.
        var lx = Left;
        var ly = Height - 24;
        foreach (var series in shown)
        {
            svg.Append($"<circle cx=\"{F(lx + 5)}\" cy=\"{F(ly - 4)}\" r=\"5\" fill=\"{series.Colour}\"/>");
            svg.Append(Text(lx + 14, ly, series.Label, "start", cls: "legend"));
            lx += 24 + series.Label.Length * 7;
        }
        svg.Append(Text(lx, ly, "statements:", "start", cls: "legend"));
        lx += 78;
        foreach (var band in SizeBands)
        {
            svg.Append($"<circle cx=\"{F(lx + band.Radius)}\" cy=\"{F(ly - 4)}\" r=\"{F(band.Radius)}\" fill=\"#9aa3b5\"/>");
            svg.Append(Text(lx + 2 * band.Radius + 3, ly, band.Label, "start", cls: "legend"));
            lx += 2 * band.Radius + 12 + band.Label.Length * 7;
        }
        svg.Append($"<polygon points=\"{F(lx)},{F(ly)} {F(lx + 10)},{F(ly)} {F(lx + 5)},{F(ly - 9)}\" fill=\"{ChangeColour}\"/>");
        svg.Append(Text(lx + 14, ly, "significant change (q ≤ 0.05)", "start", cls: "legend"));
        svg.Append(Text(Left, Height - 6, "Bars: mean ± 1.96·SE. A line joins consecutive periods only; a break is a period with no statement about the target.", "start", cls: "note"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Runs of points in consecutive periods: a line never crosses a period without an observation.</summary>
    public static IReadOnlyList<IReadOnlyList<ExplorerPoint>> Segments(IReadOnlyList<ExplorerPoint> points, TimeAxis axis)
    {
        var segments = new List<IReadOnlyList<ExplorerPoint>>();
        List<ExplorerPoint>? current = null;
        var last = int.MinValue;
        foreach (var p in points.OrderBy(p => p.Period))
        {
            var i = axis.IndexOf(p.Period);
            if (current is null || i != last + 1) segments.Add(current = []);
            current.Add(p);
            last = i;
        }
        return segments;
    }

    public static string PointLabel(ExplorerData data, ExplorerSeries series, ExplorerPoint p)
    {
        var interval = p.Se is { } se ? string.Create(CultureInfo.InvariantCulture, $" ± {1.96 * se:0.00}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{series.Label} {TimeAxis.Label(data.Grain, p.Period)}: {Signed(p.Mean)}{interval} ({p.N} statement{(p.N == 1 ? "" : "s")})");
    }

    public static string ChangeLabel(ExplorerChange c) => string.Create(CultureInfo.InvariantCulture,
        $"Significant {(c.EventType == "sign_flip" ? "sign flip" : "change")}: {(c.PreviousMean is { } a ? Signed(a) : "–")} → {(c.CurrentMean is { } b ? Signed(b) : "–")} (Δ {(c.Delta is { } d ? Signed(d) : "–")}, q = {c.Q:0.000})");

    public static string Signed(double v) => v.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);

    private static string ThemeLabel(ExplorerData data) => data.Theme == "*" ? "all themes" : data.Theme;

    private static string Line(double x1, double x2, double y1, double y2, string? stroke) =>
        $"<line x1=\"{F(x1)}\" x2=\"{F(x2)}\" y1=\"{F(y1)}\" y2=\"{F(y2)}\"{(stroke is null ? "" : $" stroke=\"{stroke}\"")}/>";

    private static string Text(double x, double y, string text, string anchor, string cls = "scale") =>
        $"<text class=\"{cls}\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{(cls == "note" ? 10 : 11)}\" fill=\"{Ink}\">{E(text)}</text>";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>XML-escapes text and attribute values: actor names and titles come from the database.</summary>
    private static string E(string s) => SecurityElement.Escape(s);
}
