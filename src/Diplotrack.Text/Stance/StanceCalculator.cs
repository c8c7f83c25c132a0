using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;

namespace Diplotrack.Text.Stance;

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
    /// <summary>Hash of the content (XXH128; stored as 32 hex digits): set once every row is computed.</summary>
    public UInt128 ContentHash { get; set; }
}

/// <summary>A row of <c>app.stance_changes</c> as computed, evidence included.</summary>
public sealed record ChangeRow(
    string SpeakerActorId, string DocumentKind, string Grain, string TargetActorId, string Theme, bool IsSelfReference,
    string EventType, DateOnly? PreviousPeriodStart, long? PreviousDocumentId, DateOnly CurrentPeriodStart, long? CurrentDocumentId,
    int? GapPeriods, int? PreviousN, int? CurrentN, double? PreviousStanceIndex, double? CurrentStanceIndex,
    double? PreviousSalience, double? CurrentSalience, double? DeltaStance, double? DeltaSalience, string? Direction,
    int[] CodebookVersions, ChangeEvidence Evidence)
{
    // The test's outcome is known only once the whole family of the change is computed (ADR 0005), the hash at the end.
    public double? PValue { get; set; }
    public double? QValue { get; set; }
    public bool Significant { get; set; }
    public string? TestMethod { get; set; }
    public UInt128 ContentHash { get; set; }
}

/// <summary>
/// The statements that drove a change as <c>app.stance_changes</c> stores them: parallel arrays, the later side's top
/// contributors first (<see cref="CurrentCount"/> of them, strongest first), then the earlier side's.
/// </summary>
public sealed record ChangeEvidence(long[] StatementIds, short[] Stances, double[] Contributions, short CurrentCount)
{
    public static readonly ChangeEvidence None = new([], [], [], 0);
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
    private static readonly IReadOnlyList<string> Grains = [Document, "month", "quarter", "year"];
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
            var members = venue.Select(s => (Statement: s, Themes: CountedThemes(s.Themes))).ToList();
            // The grains of a venue are independent: observe them on all cores.
            var grains = new Series[Grains.Count];
            Parallel.For(0, Grains.Count, g => grains[g] = Series.Observe(venue.Key.SpeakerActorId, venue.Key.DocumentKind, Grains[g], members));
            series.AddRange(grains);
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

    /// <summary>'*' and the distinct themes, in their order (a coding has a handful: a scan beats a set).</summary>
    private static string[] CountedThemes(IReadOnlyList<string> themes)
    {
        var result = new string[themes.Count + 1];
        result[0] = StanceVocabulary.AllThemes;
        var n = 1;
        foreach (var theme in themes)
            if (Array.IndexOf(result, theme, 0, n) < 0) result[n++] = theme;
        return n == result.Length ? result : result[..n];
    }

    /// <summary>The period a statement falls in at a grain: its document (by date, then id) or the month/quarter/year.</summary>
    private static (DateOnly Start, long DocumentKey) Period(string grain, DateOnly date, long documentId) => grain switch
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
        Span<Contributor> current = stackalloc Contributor[EvidencePerSide];
        var evidence = ToEvidence(current[..Evidence(cur.Acc.Units, Strength, 0, 0, current)], []);
        return new ChangeRow(o.SpeakerActorId, o.DocumentKind, o.Grain, o.TargetActorId, o.Theme, o.IsSelfReference,
            StanceVocabulary.FirstAppearance, null, null, o.PeriodStart, o.DocumentId, null, null, o.NStatements, null, o.StanceIndex,
            null, o.Salience, null, null, null, o.CodebookVersions, evidence);
    }

    private static (ChangeRow Row, ChangeTestResult Result) Change(Observed prev, Observed cur, ChangeTest.Memo memo)
    {
        var (p, c) = (prev.Row, cur.Row);
        var delta = c.StanceIndex - p.StanceIndex;
        var sign = Math.Sign(delta);
        var eventType = Math.Sign(p.StanceIndex) * Math.Sign(c.StanceIndex) < 0 ? StanceVocabulary.SignFlip : StanceVocabulary.Change;
        // A statement's contribution: how far it pulls the mean in the change's direction (docs/stance.md).
        Span<Contributor> current = stackalloc Contributor[EvidencePerSide], previous = stackalloc Contributor[EvidencePerSide];
        var evidence = ToEvidence(current[..Evidence(cur.Acc.Units, AwayFrom, sign, p.StanceIndex, current)],
            previous[..Evidence(prev.Acc.Units, Toward, sign, c.StanceIndex, previous)]);
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
        Span<Contributor> previous = stackalloc Contributor[EvidencePerSide];
        var evidence = ToEvidence([], previous[..Evidence(last.Acc.Units, Strength, 0, 0, previous)]);
        return new ChangeRow(o.SpeakerActorId, o.DocumentKind, o.Grain, o.TargetActorId, o.Theme, o.IsSelfReference,
            StanceVocabulary.Disappearance, o.PeriodStart, o.DocumentId, next.Start, next.DocumentKey == 0 ? null : next.DocumentKey,
            null, o.NStatements, null, o.StanceIndex, null, o.Salience, null, null, null, null, o.CodebookVersions, evidence);
    }

    // How a statement's contribution is measured (docs/stance.md): its strength |stance| (appearances, disappearances); on the
    // later side of a change sign(Δ)·(stance − earlier mean); on the earlier side sign(Δ)·(later mean − stance).
    private const int Strength = 0, AwayFrom = 1, Toward = 2;

    private readonly record struct Contributor(double Contribution, long Statement, short Stance)
    {
        /// <summary>Stronger first, ties by statement id.</summary>
        public bool Before(Contributor other) =>
            Contribution > other.Contribution || (Contribution == other.Contribution && Statement < other.Statement);
    }

    /// <summary>The top contributors of one side into <paramref name="best"/>, strongest first; returns how many.</summary>
    private static int Evidence(List<(long Statement, short Stance)> units, int measure, int sign, double mean, Span<Contributor> best)
    {
        var positiveOnly = measure != Strength;
        // A linear top-3 selection: a year's observation can hold thousands of statements.
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
            var candidate = new Contributor(value, statement, stance);
            if (count == best.Length && !candidate.Before(best[count - 1])) continue;
            var at = count < best.Length ? count++ : count - 1;
            while (at > 0 && candidate.Before(best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = candidate;
        }
        return count;
    }

    private static ChangeEvidence ToEvidence(ReadOnlySpan<Contributor> current, ReadOnlySpan<Contributor> previous)
    {
        var n = current.Length + previous.Length;
        if (n == 0) return ChangeEvidence.None;
        var (ids, stances, contributions) = (new long[n], new short[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var c = i < current.Length ? current[i] : previous[i - current.Length];
            (ids[i], stances[i], contributions[i]) = (c.Statement, c.Stance, c.Contribution);
        }
        return new ChangeEvidence(ids, stances, contributions, (short)current.Length);
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

        public UInt128 Hash(ObservationRow o)
        {
            Add(o.SpeakerActorId).Add(o.DocumentKind).Add(o.Grain).Add(o.TargetActorId).Add(o.Theme).Add(o.PeriodStart).Add(o.DocumentId)
                .Add(o.IsSelfReference).Add(o.NStatements).Add(o.Histogram).Add(o.StanceIndex).Add(o.StanceVariance).Add(o.StanceSd)
                .Add(o.SpeakerStatements).Add(o.Salience).Add(o.CodebookVersions);
            return Finish();
        }

        public UInt128 Hash(ChangeRow c)
        {
            Add(c.SpeakerActorId).Add(c.DocumentKind).Add(c.Grain).Add(c.TargetActorId).Add(c.Theme).Add(c.IsSelfReference).Add(c.EventType)
                .Add(c.PreviousPeriodStart).Add(c.PreviousDocumentId).Add(c.CurrentPeriodStart).Add(c.CurrentDocumentId).Add(c.GapPeriods)
                .Add(c.PreviousN).Add(c.CurrentN).Add(c.PreviousStanceIndex).Add(c.CurrentStanceIndex).Add(c.PreviousSalience)
                .Add(c.CurrentSalience).Add(c.DeltaStance).Add(c.DeltaSalience).Add(c.Direction).Add(c.PValue).Add(c.QValue)
                .Add(c.Significant).Add(c.TestMethod).Add(c.CodebookVersions).Add((int)c.Evidence.CurrentCount)
                .Add((long)c.Evidence.StatementIds.Length);
            for (var i = 0; i < c.Evidence.StatementIds.Length; i++)
                Add(c.Evidence.StatementIds[i]).Add((int)c.Evidence.Stances[i]).Add(c.Evidence.Contributions[i]);
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

        private UInt128 Finish()
        {
            var hash = XxHash128.HashToUInt128(_buffer.AsSpan(0, _length));
            _length = 0;
            return hash;
        }
    }
}
