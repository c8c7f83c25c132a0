using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Diplotrack.Data.Stance;

namespace Diplotrack.Features.Stance;

/// <summary>One target of a counted statement's current coding.</summary>
public readonly record struct StanceTarget(string ActorId, short Stance);

/// <summary>
/// A statement that stance aggregates count (codebook §1: an answer or opening, by a speaker whose government is known,
/// with a current coding). A statement without targets still counts in its speaker's denominator.
/// </summary>
public sealed record StanceStatement(long Id, string SpeakerActorId, string DocumentKind, long DocumentId, DateOnly Date,
    int CodebookVersion, IReadOnlyList<string> Themes, IReadOnlyList<StanceTarget> Targets);

/// <summary>A row of <c>app.stance_observations</c> as computed (no id, no computed_at).</summary>
public sealed record ObservationRow(
    string SpeakerActorId, string DocumentKind, string Grain, string TargetActorId, string Theme, DateOnly PeriodStart,
    long? DocumentId, bool IsSelfReference, int NStatements, int[] Histogram, double StanceIndex, double? StanceVariance,
    double? StanceSd, int SpeakerStatements, double Salience, int[] CodebookVersions)
{
    /// <summary>Hash of the content (XXH128, hex): set once every row is computed.</summary>
    public string ContentHash { get; set; } = "";
}

/// <summary>A row of <c>app.stance_changes</c> as computed, evidence included.</summary>
public sealed record ChangeRow(
    string SpeakerActorId, string DocumentKind, string Grain, string TargetActorId, string Theme, bool IsSelfReference,
    string EventType, DateOnly? PreviousPeriodStart, long? PreviousDocumentId, DateOnly CurrentPeriodStart, long? CurrentDocumentId,
    int? GapPeriods, int? PreviousN, int? CurrentN, double? PreviousStanceIndex, double? CurrentStanceIndex,
    double? PreviousSalience, double? CurrentSalience, double? DeltaStance, double? DeltaSalience, string? Direction,
    int[] CodebookVersions, IReadOnlyList<StanceChangeEvidence> Evidence)
{
    // The test's outcome is known only once the whole family of the change is computed (ADR 0005), the hash at the end.
    public double? PValue { get; set; }
    public double? QValue { get; set; }
    public bool Significant { get; set; }
    public string? TestMethod { get; set; }
    public string ContentHash { get; set; } = "";
}

/// <summary>What one run computes: every observation and change of the statements given.</summary>
public sealed record StanceResult(IReadOnlyList<ObservationRow> Observations, IReadOnlyList<ChangeRow> Changes, int Tested);

/// <summary>
/// Codebook §5 as plain C#: observations per period, changes between consecutive observations, their test and their
/// evidence (docs/stance.md). No database: the job reads the counted statements, calls this, and writes the difference.
/// In memory because the whole computation is a few passes over a few hundred thousand small rows: done in SQL it spent
/// its time materialising, sorting and hashing staging tables (ADR 0013).
/// The output depends only on the set of statements given, never on their order.
/// </summary>
public static class StanceCalculator
{
    public const string Document = "document";
    public static readonly IReadOnlyList<string> Grains = [Document, "month", "quarter", "year"];
    private const int EvidencePerSide = 3;

    /// <param name="falseDiscoveryRate">q at or below which a change is significant (Benjamini–Hochberg).</param>
    public static StanceResult Compute(IEnumerable<StanceStatement> statements, double falseDiscoveryRate)
    {
        var observed = Observe(statements);
        var (changes, tested) = observed.Changes(falseDiscoveryRate);
        return new StanceResult(observed.Rows, changes, tested);
    }

    /// <summary>
    /// The first half: every observation (hashed), and what the changes need. In two halves so that the job can write
    /// the observations while the changes are computed.
    /// </summary>
    public static StanceObservations Observe(IEnumerable<StanceStatement> statements)
    {
        var series = new List<Series>();
        // A series is one speaker's government in one venue at one grain: venues are never mixed (docs/stance.md).
        var venues = statements.GroupBy(s => (s.SpeakerActorId, s.DocumentKind))
            .OrderBy(g => g.Key.SpeakerActorId, StringComparer.Ordinal).ThenBy(g => g.Key.DocumentKind, StringComparer.Ordinal);
        foreach (var venue in venues)
        {
            // Each statement counts under '*' (all themes) and once under each distinct theme of its coding.
            var members = venue.Select(s => (Statement: s, Themes: s.Themes.Prepend(StanceObservation.AllThemes).Distinct(StringComparer.Ordinal).ToArray()))
                .ToList();
            foreach (var grain in Grains) series.Add(Series.Observe(venue.Key.SpeakerActorId, venue.Key.DocumentKind, grain, members));
        }
        var rows = series.SelectMany(s => s.Timelines).SelectMany(t => t).Select(o => o.Row).ToList();
        // Hashing is a large share of the CPU time and each row's hash is independent: spread it over the cores.
        HashAll(rows, (hasher, o) => o.ContentHash = hasher.Hash(o));
        return new StanceObservations(series, rows);
    }

    /// <summary>The observations of a run, and the changes between them on demand.</summary>
    public sealed class StanceObservations
    {
        private readonly List<Series> _series;

        internal StanceObservations(List<Series> series, List<ObservationRow> rows) => (_series, Rows) = (series, rows);

        public IReadOnlyList<ObservationRow> Rows { get; }

        /// <summary>Every change, first appearance and disappearance, tested and hashed; and how many were tested.</summary>
        public (IReadOnlyList<ChangeRow> Changes, int Tested) Changes(double falseDiscoveryRate)
        {
            var changes = new List<ChangeRow>();
            var memo = new ChangeTest.Memo();
            var tested = _series.Sum(s => s.Changes(memo, falseDiscoveryRate, changes));
            HashAll(changes, (hasher, c) => c.ContentHash = hasher.Hash(c));
            return (changes, tested);
        }
    }

    /// <summary>The period a statement falls in at a grain: its document (by date, then id) or the month/quarter/year.</summary>
    public static (DateOnly Start, long DocumentKey) Period(string grain, DateOnly date, long documentId) => grain switch
    {
        Document => (date, documentId),
        "month" => (new DateOnly(date.Year, date.Month, 1), 0),
        "quarter" => (new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1), 0),
        "year" => (new DateOnly(date.Year, 1, 1), 0),
        _ => throw new ArgumentOutOfRangeException(nameof(grain), grain, "Unknown grain."),
    };

    internal sealed class Accumulator
    {
        public readonly int[] Histogram = new int[5];
        // Codebook versions: almost always one or two, so a list beats a set.
        public readonly List<int> Versions = new(1);
        public readonly List<(long Statement, short Stance)> Units = new(2);
    }

    internal sealed record Observed(int Period, ObservationRow Row, Accumulator Acc);

    /// <summary>One speaker actor, venue and grain: its timeline of periods and the observations of each (target, theme).</summary>
    internal sealed class Series
    {
        private List<(DateOnly Start, long DocumentKey)> _periods = [];

        /// <summary>Per (target, theme): its observations in time order.</summary>
        public List<List<Observed>> Timelines { get; } = [];

        public static Series Observe(string speaker, string kind, string grain, List<(StanceStatement Statement, string[] Themes)> statements)
        {
            var series = new Series();
            // The series' timeline: the periods in which the speaker spoke at all, in time order.
            var periods = series._periods = statements.Select(s => Period(grain, s.Statement.Date, s.Statement.DocumentId)).Distinct().Order().ToList();
            var periodNo = new Dictionary<(DateOnly, long), int>(periods.Count);
            for (var i = 0; i < periods.Count; i++) periodNo[periods[i]] = i;
            var speakerStatements = new int[periods.Count];

            // One unit per statement, target and theme ('*' = all themes, plus each distinct theme of the coding).
            var cells = new Dictionary<(string Target, string Theme), Dictionary<int, Accumulator>>();
            foreach (var (s, themes) in statements)
            {
                var p = periodNo[Period(grain, s.Date, s.DocumentId)];
                speakerStatements[p]++;
                foreach (var target in s.Targets)
                    foreach (var theme in themes)
                    {
                        if (!cells.TryGetValue((target.ActorId, theme), out var byPeriod)) cells[(target.ActorId, theme)] = byPeriod = [];
                        if (!byPeriod.TryGetValue(p, out var acc)) byPeriod[p] = acc = new Accumulator();
                        acc.Histogram[target.Stance + 2]++;
                        if (!acc.Versions.Contains(s.CodebookVersion)) acc.Versions.Add(s.CodebookVersion);
                        acc.Units.Add((s.Id, target.Stance));
                    }
            }

            foreach (var ((target, theme), byPeriod) in cells.OrderBy(c => c.Key.Target, StringComparer.Ordinal).ThenBy(c => c.Key.Theme, StringComparer.Ordinal))
            {
                var self = target == speaker;
                series.Timelines.Add(byPeriod.OrderBy(x => x.Key).Select(x =>
                {
                    var (start, documentKey) = periods[x.Key];
                    return new Observed(x.Key, Observation(speaker, kind, grain, target, theme, start, documentKey, self, x.Value, speakerStatements[x.Key]), x.Value);
                }).ToList());
            }
            return series;
        }

        /// <summary>Adds the series' events to <paramref name="changes"/>; returns how many were tested.</summary>
        public int Changes(ChangeTest.Memo memo, double falseDiscoveryRate, List<ChangeRow> changes)
        {
            var tests = new List<(ChangeRow Row, int Family, ChangeTestResult Result)>();
            foreach (var timeline in Timelines)
            {
                for (var i = 0; i < timeline.Count; i++)
                {
                    var cur = timeline[i];
                    if (i == 0) changes.Add(FirstAppearance(cur));
                    else
                    {
                        var (row, result) = Change(timeline[i - 1], cur, memo);
                        changes.Add(row);
                        tests.Add((row, cur.Period, result));
                    }
                    // The speaker's next period has no observation of this key: it disappeared (none after the last period).
                    var next = cur.Period + 1;
                    if (next < _periods.Count && (i + 1 == timeline.Count || timeline[i + 1].Period != next))
                        changes.Add(Disappearance(cur, _periods[next]));
                }
            }

            // Benjamini–Hochberg per family: every change of this series into one period (ADR 0005).
            foreach (var family in tests.GroupBy(t => t.Family))
            {
                var members = family.ToArray();
                var q = ChangeTest.BenjaminiHochberg(members.Select(m => m.Result.PValue).ToArray());
                for (var k = 0; k < members.Length; k++)
                {
                    var (row, _, result) = members[k];
                    row.PValue = result.PValue;
                    row.QValue = q[k];
                    row.Significant = q[k] <= falseDiscoveryRate;
                    row.TestMethod = result.Method;
                }
            }
            return tests.Count;
        }
    }

    private static ObservationRow Observation(string speaker, string kind, string grain, string target, string theme,
        DateOnly start, long documentKey, bool self, Accumulator acc, int speakerStatements)
    {
        // Exact integer sums, then single IEEE operations: the same input always gives bit-identical floats.
        var h = acc.Histogram;
        long n = h.Sum();
        long total = -2L * h[0] - h[1] + h[3] + 2L * h[4];
        long squares = 4L * h[0] + h[1] + h[3] + 4L * h[4];
        double? variance = n > 1 ? (double)(n * squares - total * total) / (n * (n - 1)) : null;
        acc.Versions.Sort();
        return new ObservationRow(speaker, kind, grain, target, theme, start, documentKey == 0 ? null : documentKey, self, (int)n,
            h, (double)total / n, variance, variance is { } v ? Math.Sqrt(v) : null,
            speakerStatements, (double)n / speakerStatements, [.. acc.Versions]);
    }

    private static ChangeRow FirstAppearance(Observed cur)
    {
        var o = cur.Row;
        var evidence = Evidence(StanceChangeEvidence.Current, cur.Acc.Units, Strength, 0, 0);
        return new ChangeRow(o.SpeakerActorId, o.DocumentKind, o.Grain, o.TargetActorId, o.Theme, o.IsSelfReference,
            StanceChange.FirstAppearance, null, null, o.PeriodStart, o.DocumentId, null, null, o.NStatements, null, o.StanceIndex,
            null, o.Salience, null, null, null, o.CodebookVersions, evidence);
    }

    private static (ChangeRow Row, ChangeTestResult Result) Change(Observed prev, Observed cur, ChangeTest.Memo memo)
    {
        var (p, c) = (prev.Row, cur.Row);
        var delta = c.StanceIndex - p.StanceIndex;
        var sign = Math.Sign(delta);
        var eventType = Math.Sign(p.StanceIndex) * Math.Sign(c.StanceIndex) < 0 ? StanceChange.SignFlip : StanceChange.Change;
        // A statement's contribution: how far it pulls the mean in the change's direction (docs/stance.md).
        StanceChangeEvidence[] evidence =
        [
            .. Evidence(StanceChangeEvidence.Current, cur.Acc.Units, AwayFrom, sign, p.StanceIndex),
            .. Evidence(StanceChangeEvidence.Previous, prev.Acc.Units, Toward, sign, c.StanceIndex),
        ];
        var row = new ChangeRow(c.SpeakerActorId, c.DocumentKind, c.Grain, c.TargetActorId, c.Theme, c.IsSelfReference, eventType,
            p.PeriodStart, p.DocumentId, c.PeriodStart, c.DocumentId, cur.Period - prev.Period - 1, p.NStatements, c.NStatements,
            p.StanceIndex, c.StanceIndex, p.Salience, c.Salience, delta, c.Salience - p.Salience,
            sign switch { 1 => "up", -1 => "down", _ => "flat" },
            p.CodebookVersions.SequenceEqual(c.CodebookVersions) ? c.CodebookVersions : [.. p.CodebookVersions.Union(c.CodebookVersions).Order()],
            evidence);
        return (row, memo.MeanDifference(p.Histogram, c.Histogram));
    }

    private static ChangeRow Disappearance(Observed last, (DateOnly Start, long DocumentKey) next)
    {
        var o = last.Row;
        var evidence = Evidence(StanceChangeEvidence.Previous, last.Acc.Units, Strength, 0, 0);
        return new ChangeRow(o.SpeakerActorId, o.DocumentKind, o.Grain, o.TargetActorId, o.Theme, o.IsSelfReference,
            StanceChange.Disappearance, o.PeriodStart, o.DocumentId, next.Start, next.DocumentKey == 0 ? null : next.DocumentKey,
            null, o.NStatements, null, o.StanceIndex, null, o.Salience, null, null, null, null, o.CodebookVersions, evidence);
    }

    /// <summary>The top contributors of one side: strongest first, ties by statement id.</summary>
    // How a statement's contribution is measured (docs/stance.md): its strength |stance| (appearances, disappearances); on the
    // later side of a change sign(Δ)·(stance − earlier mean); on the earlier side sign(Δ)·(later mean − stance).
    private const int Strength = 0, AwayFrom = 1, Toward = 2;

    private static StanceChangeEvidence[] Evidence(string side, List<(long Statement, short Stance)> units, int measure, int sign, double mean)
    {
        var positiveOnly = measure != Strength;
        // A linear top-3 selection: a year's observation can hold thousands of statements.
        Span<(double Contribution, long Statement, short Stance)> best = stackalloc (double, long, short)[EvidencePerSide];
        var count = 0;
        foreach (var (statement, stance) in units)
        {
            var value = measure switch
            {
                AwayFrom => sign * (stance - mean),
                Toward => sign * (mean - stance),
                _ => (double)Math.Abs(stance),
            };
            if (positiveOnly && !(value > 0)) continue;
            var candidate = (value, statement, stance);
            if (count == EvidencePerSide && !Before(candidate, best[count - 1])) continue;
            var at = count < EvidencePerSide ? count++ : count - 1;
            while (at > 0 && Before(candidate, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = candidate;
        }
        var rows = new StanceChangeEvidence[count];
        for (var i = 0; i < count; i++)
            rows[i] = new StanceChangeEvidence { Side = side, Rank = (short)(i + 1), StatementId = best[i].Statement, Stance = best[i].Stance, Contribution = best[i].Contribution };
        return rows;

        static bool Before((double Contribution, long Statement, short Stance) a, (double Contribution, long Statement, short Stance) b) =>
            a.Contribution > b.Contribution || (a.Contribution == b.Contribution && a.Statement < b.Statement);
    }

    private static void HashAll<T>(List<T> rows, Action<ContentHasher, T> hash) =>
        Parallel.ForEach(Partitioner.Create(0, rows.Count, 8192), range =>
        {
            var hasher = new ContentHasher();
            for (var i = range.Item1; i < range.Item2; i++) hash(hasher, rows[i]);
        });

    /// <summary>
    /// Content hashes: XXH128 of every content column in a fixed binary form (UTF-8 strings with their length, integers,
    /// the exact bits of doubles, a marker for null), so a recompute that yields the same content is recognised and the row
    /// left untouched. One per thread: it reuses its buffer.
    /// </summary>
    private sealed class ContentHasher
    {
        private byte[] _buffer = new byte[1024];
        private int _length;

        public string Hash(ObservationRow o)
        {
            Add(o.SpeakerActorId).Add(o.DocumentKind).Add(o.Grain).Add(o.TargetActorId).Add(o.Theme).Add(o.PeriodStart).Add(o.DocumentId)
                .Add(o.IsSelfReference).Add(o.NStatements).Add(o.Histogram).Add(o.StanceIndex).Add(o.StanceVariance).Add(o.StanceSd)
                .Add(o.SpeakerStatements).Add(o.Salience).Add(o.CodebookVersions);
            return Finish();
        }

        public string Hash(ChangeRow c)
        {
            Add(c.SpeakerActorId).Add(c.DocumentKind).Add(c.Grain).Add(c.TargetActorId).Add(c.Theme).Add(c.IsSelfReference).Add(c.EventType)
                .Add(c.PreviousPeriodStart).Add(c.PreviousDocumentId).Add(c.CurrentPeriodStart).Add(c.CurrentDocumentId).Add(c.GapPeriods)
                .Add(c.PreviousN).Add(c.CurrentN).Add(c.PreviousStanceIndex).Add(c.CurrentStanceIndex).Add(c.PreviousSalience)
                .Add(c.CurrentSalience).Add(c.DeltaStance).Add(c.DeltaSalience).Add(c.Direction).Add(c.PValue).Add(c.QValue)
                .Add(c.Significant).Add(c.TestMethod).Add(c.CodebookVersions).Add(c.Evidence.Count);
            foreach (var e in c.Evidence) Add(e.Side).Add(e.Rank).Add(e.StatementId).Add(e.Stance).Add(e.Contribution);
            return Finish();
        }

        private Span<byte> Reserve(int bytes)
        {
            if (_length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
            var span = _buffer.AsSpan(_length, bytes);
            _length += bytes;
            return span;
        }

        private ContentHasher Present(bool present)
        {
            Reserve(1)[0] = present ? (byte)1 : (byte)0;
            return this;
        }

        private ContentHasher Add(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
            return this;
        }

        private ContentHasher Add(int value) => Add((long)value);
        private ContentHasher Add(long? value) => value is { } v ? Present(true).Add(v) : Present(false);
        private ContentHasher Add(int? value) => value is { } v ? Present(true).Add((long)v) : Present(false);
        private ContentHasher Add(double value) => Add(BitConverter.DoubleToInt64Bits(value));
        private ContentHasher Add(double? value) => value is { } v ? Present(true).Add(v) : Present(false);
        private ContentHasher Add(bool value) => Present(value);
        private ContentHasher Add(DateOnly? value) => value is { } v ? Present(true).Add((long)v.DayNumber) : Present(false);

        private ContentHasher Add(int[] values)
        {
            Add((long)values.Length);
            foreach (var v in values) Add((long)v);
            return this;
        }

        private ContentHasher Add(string? value)
        {
            if (value is null) return Present(false);
            Present(true).Add((long)value.Length);
            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            var span = Reserve(max);
            _length -= max - Encoding.UTF8.GetBytes(value, span);
            return this;
        }

        private string Finish()
        {
            Span<byte> digest = stackalloc byte[16];
            XxHash128.Hash(_buffer.AsSpan(0, _length), digest);
            _length = 0;
            return Convert.ToHexStringLower(digest);
        }
    }
}
