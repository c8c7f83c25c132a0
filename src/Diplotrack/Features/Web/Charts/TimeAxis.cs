using System.Globalization;

namespace Diplotrack.Features.Web.Charts;

/// <summary>
/// A calendar axis of months, quarters or years: every period between the first and the last is a slot, whether or
/// not it has data, so that 44 silent months take 44 months of width instead of collapsing into one step (issue 13).
/// Labels are thinned to a step that fits, aligned to calendar boundaries (January, Q1, years divisible by the step).
/// </summary>
public sealed class TimeAxis
{
    public const string Month = "month", Quarter = "quarter", Year = "year";
    public static readonly IReadOnlyList<string> Grains = [Month, Quarter, Year];

    public string Grain { get; }
    public IReadOnlyList<DateOnly> Periods { get; }
    private readonly int _first;

    public TimeAxis(string grain, DateOnly first, DateOnly last)
    {
        if (!Grains.Contains(grain)) throw new ArgumentOutOfRangeException(nameof(grain), grain, "month, quarter or year");
        Grain = grain;
        var a = Start(grain, first);
        var b = Start(grain, last);
        if (b < a) (a, b) = (b, a);
        _first = Ordinal(a);
        Periods = Enumerable.Range(0, Ordinal(b) - _first + 1).Select(FromOrdinal).ToList();
    }

    /// <summary>The period's slot, 0-based; -1 when it lies outside the axis.</summary>
    public int IndexOf(DateOnly date)
    {
        var i = Ordinal(Start(Grain, date)) - _first;
        return i >= 0 && i < Periods.Count ? i : -1;
    }

    /// <summary>x of a slot's centre on [left, right]: slots have equal width, so distance on the page is time.</summary>
    public double X(int index, double left, double right) => left + (index + 0.5) * (right - left) / Periods.Count;

    public static DateOnly Start(string grain, DateOnly date) => grain switch
    {
        Month => new DateOnly(date.Year, date.Month, 1),
        Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(date.Year, 1, 1),
    };

    /// <summary>The first day after the period.</summary>
    public static DateOnly End(string grain, DateOnly start) => grain switch
    {
        Month => start.AddMonths(1),
        Quarter => start.AddMonths(3),
        _ => start.AddYears(1),
    };

    public static string Label(string grain, DateOnly start) => grain switch
    {
        Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        Quarter => string.Create(CultureInfo.InvariantCulture, $"{start.Year} Q{(start.Month - 1) / 3 + 1}"),
        _ => start.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Slots that get a label: at most <paramref name="maxLabels"/>, spaced by a step that is a whole calendar unit
    /// (1, 2, 3, 6 months, then whole years) and aligned to it, so a reader sees 2019-01, 2020-01 … rather than an
    /// arbitrary month every 17.
    /// </summary>
    public IReadOnlyList<int> LabelledSlots(int maxLabels)
    {
        int[] steps = Grain switch
        {
            Month => [1, 2, 3, 6, 12, 24, 36, 60, 120, 240],
            Quarter => [1, 2, 4, 8, 12, 20, 40, 80],
            _ => [1, 2, 5, 10, 20, 50, 100],
        };
        var step = steps.FirstOrDefault(s => (Periods.Count + s - 1) / s <= Math.Max(1, maxLabels), steps[^1]);
        return Enumerable.Range(0, Periods.Count).Where(i => (_first + i) % step == 0).ToList();
    }

    /// <summary>The label of a slot (2019-03, 2019 Q1, 2019).</summary>
    public string LabelOf(int index) => Label(Grain, Periods[index]);

    private int Ordinal(DateOnly start) => Grain switch
    {
        Month => start.Year * 12 + start.Month - 1,
        Quarter => start.Year * 4 + (start.Month - 1) / 3,
        _ => start.Year,
    };

    private DateOnly FromOrdinal(int offset)
    {
        var o = _first + offset;
        return Grain switch
        {
            Month => new DateOnly(o / 12, o % 12 + 1, 1),
            Quarter => new DateOnly(o / 4, o % 4 * 3 + 1, 1),
            _ => new DateOnly(o, 1, 1),
        };
    }
}
