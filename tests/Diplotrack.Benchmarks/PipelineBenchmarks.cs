using System.Text;
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
/// Parse + code of the seed text on one core, reported as MB/s of UTF-8 input (target ≥ 5 MB/s).
/// The coder is built once per codebook version in production, so its construction is outside the measured call.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private byte[] _bytes = [];
    private StatementCoder _coder = null!;
    private ParsedDocument _parsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Encoding.UTF8.GetBytes(BenchmarkData.SeedText);
        _coder = new StatementCoder(CodebookLoader.Load(BenchmarkData.CodebookDirectory));
        _parsed = Parse();
    }

    [Benchmark(Baseline = true, Description = "parse+code")]
    public CodedDocument ParseAndCode() => _coder.Code(Parse());

    private ParsedDocument Parse() => TranscriptReader.Default.Read(new SourceFile("seed.txt", _bytes));

    /// <summary>Parsing alone, to attribute the pipeline's time.</summary>
    [Benchmark(Description = "parse")]
    public ParsedDocument ParseOnly() => Parse();

    [Benchmark(Description = "code")]
    public CodedDocument Code() => _coder.Code(_parsed);

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());
    }

    /// <summary>Input MB (10^6 bytes of UTF-8) divided by the mean time of one call.</summary>
    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "UTF-8 input megabytes (10^6 bytes) processed per second";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return "-";
            var bytes = Encoding.UTF8.GetByteCount(BenchmarkData.SeedText);
            return (bytes / 1e6 / (stats.Mean / 1e9)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
