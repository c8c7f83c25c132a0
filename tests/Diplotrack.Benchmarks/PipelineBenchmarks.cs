using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Benchmarks;

/// <summary>
/// Parse + code on one core, reported as MB/s (target ≥ 5 MB/s, issue 3): of the seed and, with <c>DIPLOTRACK_CORPUS</c>
/// set, of a few real briefing pages per language (<see cref="PipelineInputs"/>). See README.md for how to run it.
/// The coder is built once per codebook version in production, so its construction is outside the measured call.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private StatementCoder _coder = null!;
    private ParsedDocument[] _parsed = [];

    [ParamsSource(nameof(Inputs))]
    public PipelineInput Input { get; set; } = null!;

    public static IEnumerable<PipelineInput> Inputs() => PipelineInputs.All;

    [GlobalSetup]
    public void Setup()
    {
        _coder = new StatementCoder(CodebookLoader.Load(BenchmarkData.CodebookDirectory));
        _parsed = [.. Input.Files.Select(Parse)];
    }

    private static ParsedDocument Parse(SourceFile file) => TranscriptReader.Default.Read(file);

    [Benchmark(Baseline = true, Description = "parse+code")]
    public int ParseAndCode()
    {
        var statements = 0;
        foreach (var file in Input.Files) statements += _coder.Code(Parse(file)).Statements.Count;
        return statements;
    }

    /// <summary>Parsing alone, to attribute the pipeline's time.</summary>
    [Benchmark(Description = "parse")]
    public int ParseOnly()
    {
        var statements = 0;
        foreach (var file in Input.Files) statements += Parse(file).Statements.Count;
        return statements;
    }

    [Benchmark(Description = "code")]
    public int Code()
    {
        var statements = 0;
        foreach (var document in _parsed) statements += _coder.Code(document).Statements.Count;
        return statements;
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddColumn(new MegabytesPerSecondColumn("MBps", "MB/s", "input megabytes (10^6 bytes as read; HTML includes markup) per second, at the median time", i => i.Bytes));
            AddColumn(new MegabytesPerSecondColumn("TextMBps", "Text MB/s", "megabytes (10^6 UTF-8 bytes) of extracted transcript text per second, at the median time", i => i.TextBytes));
        }
    }

    /// <summary>
    /// Bytes of the case's <see cref="PipelineInput"/> divided by the median time of one call. The median, not the mean:
    /// on the shared machine a few iterations stall behind other processes and would drag a mean far off the typical call.
    /// </summary>
    private sealed class MegabytesPerSecondColumn(string id, string name, string legend, Func<PipelineInput, long> bytes) : IColumn
    {
        public string Id => id;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } stats) return "-";
            if (benchmarkCase.Parameters[nameof(PipelineBenchmarks.Input)] is not PipelineInput input) return "?";
            return (bytes(input) / 1e6 / (stats.Median / 1e9)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
