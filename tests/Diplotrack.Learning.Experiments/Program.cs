using System.Diagnostics;
using System.Globalization;
using Diplotrack.Learning;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Learning;

// Usage: Diplotrack.Learning.Experiments GOLD_DIR [CORPUS_DIR] [CODEBOOK_DIR] [quick]
// The last 6 briefings by name are the hold-out test set (issue #12): they are scored once, never tuned on.
var gold = args.Length > 0 ? args[0] : "/work/goldwork/passA";
var corpus = args.Length > 1 ? args[1] : "/work/shared/corpus/fmprc";
var codebookDir = args.Length > 2 ? args[2] : Path.Combine(FindRoot(), "seed", "codebook");
var quick = args.Contains("quick");
var configsOnly = args.Contains("configs");
const int TestCount = 6;

var codebook = CodebookLoader.Load(codebookDir);
var rules = new StatementCoder(codebook);
if (args.Contains("speed")) { Speed(); return; }
var load = Stopwatch.StartNew();
var all = TrainingDocuments.Load(rules, corpus, gold);
Console.WriteLine($"loaded in {load.Elapsed.TotalSeconds:0.0} s");
if (args.Contains("debug"))
{
    var m = new ModelTrainer(codebook, new TrainingOptions { CalibrationFolds = 0 }).Train(all.Take(3).ToList());
    var f = new LearnedFeatures(codebook, m.Bits);
    var d0 = all[0];
    var sf = f.Statements(d0.Rules);
    Span<float> pp = stackalloc float[8];
    foreach (var h in m.Heads.Values)
        Console.WriteLine($"{h.Name}: bias {string.Join(",", h.Bias)} nnz {h.Weights.Count(w => w != 0)} maxabs {h.Weights.Max(Math.Abs)}");
    for (var i = 0; i < 8; i++)
    {
        d0.GoldBySystem.TryGetValue(i, out var g);
        m.Heads["theme:" + (g?.Themes.FirstOrDefault() ?? "other")].Probabilities(pp, sf[i]);
        Console.WriteLine($"{i} gold {string.Join(",", g?.Themes ?? [])} p(first gold theme) {pp[0]:0.00} nfeat {sf[i].Count}");
    }
    return;
}
load.Restart();
var cpu0 = Cpu();
_ = new ModelTrainer(codebook, new TrainingOptions { CalibrationFolds = 0 }).Train(all);
Console.WriteLine($"one training on all (no calibration) {load.Elapsed.TotalSeconds:0.0} s wall, {Cpu() - cpu0:0.0} s CPU");
var dev = all.Take(all.Count - TestCount).ToList();
var test = all.Skip(all.Count - TestCount).ToList();
Console.WriteLine($"gold {gold}: {all.Count} briefings; DEV {dev.Count} ({dev[0].Name} .. {dev[^1].Name}); TEST {test.Count} ({test[0].Name} .. {test[^1].Name})");

var policies = new List<(string, LearnedPolicy)>
{
    ("rules", LearnedPolicy.RulesOnly),
    ("model alone (filter, stance, themes)", LearnedPolicy.Default with { Stance = StanceDecision.Model }),
    ("combined (default): rules on formula, filter 0.4, themes 0.4", LearnedPolicy.Default),
    ("rules + filter only", LearnedPolicy.RulesOnly with { DropBelow = 0.4f }),
    ("rules themes + model targets/stance", LearnedPolicy.Default with { Themes = ThemeDecision.Rules }),
    ("combined: rules on any cue", LearnedPolicy.Default with { Stance = StanceDecision.RulesWhenCue }),
    ("model, contextual drop only", LearnedPolicy.Default with { DropContextualOnly = true }),
    ("model, drop < 0.5", LearnedPolicy.Default with { DropBelow = 0.5f }),
    ("model, drop < 0.6", LearnedPolicy.Default with { DropBelow = 0.6f }),
    ("model, themes at 0.5", LearnedPolicy.Default with { ThemeAt = 0.5f }),
    ("model, themes at 0.3", LearnedPolicy.Default with { ThemeAt = 0.3f }),
};

var configs = new List<(string, TrainingOptions)>
{
    ("LBFGS maxent, 2^16, 5-class stance, l2=1", new TrainingOptions()),
};
if (configsOnly)
{
    configs.Clear();
    configs.Add(("LBFGS maxent, 2^16 features", new TrainingOptions { Bits = 16 }));
    configs.Add(("SDCA maxent, 2^16 features", new TrainingOptions { Bits = 16, Trainer = TrainerKind.SdcaMaximumEntropy }));
    configs.Add(("LBFGS maxent, 2^16, 3-class stance", new TrainingOptions { Bits = 16, StanceClasses = 3 }));
    configs.Add(("LBFGS maxent, 2^16, l2=3", new TrainingOptions { Bits = 16, L2 = 3f }));
}

foreach (var (name, options) in configs)
{
    var cv = CrossValidation.Run(dev, codebook, options, policies);
    Console.WriteLine($"\n## DEV 5-fold CV by briefing — {name} (fold training {cv.TrainingTime.TotalSeconds:0.0} s)");
    Console.WriteLine("answer+opening: target F1 (no CN) | stance exact | stance 3-class | theme micro-F1; then all kinds");
    Console.Write(cv.Table());
    Console.WriteLine();
    Console.Write(cv.ReliabilityTable());
}

if (configsOnly) return;
// Hold-out: trained once on all DEV briefings with the first configuration, scored on TEST.
var clock = Stopwatch.StartNew();
var trainer = new ModelTrainer(codebook, configs[0].Item2);
var model = trainer.Train(dev, "dev");
Console.WriteLine($"\n## TEST ({test.Count} briefings), model trained on DEV in {clock.Elapsed.TotalSeconds:0.0} s (with calibration), version {model.Version}");
var coder = new LearnedCoder(model, codebook);
var rows = policies.Select(p => CrossValidation.Score(p.Item1,
    test.Select(d => (d, p.Item2 == LearnedPolicy.RulesOnly ? d.Rules : coder.WithPolicy(p.Item2).Refine(d.Rules))).ToList())).ToList();
Console.Write(new CrossValidationResult(rows, [], 0, TimeSpan.Zero).Table());
var testPoints = test.SelectMany(d => ModelTrainer.ConfidencePoints(coder, d))
    .Select(p => (model.Confidence.Apply(p.Raw), p.Correct)).ToList();
var testTable = Reliability.Table(testPoints);
Console.Write(new CrossValidationResult([], testTable, Reliability.ExpectedError(testTable), TimeSpan.Zero).ReliabilityTable());

clock.Restart();
var cpuFull = Cpu();
var full = trainer.Train(all, "all");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\ntraining on all {all.Count} briefings (with 5-fold calibration): {clock.Elapsed.TotalSeconds:0.0} s wall, {Cpu() - cpuFull:0.0} s CPU"));
var path = Path.Combine(Path.GetTempPath(), "diplotrack-model.bin");
full.Save(path);
Console.WriteLine($"model file {path}: {new FileInfo(path).Length / 1024} KiB, version {full.Version}");

// Parse + code throughput on one thread, rules alone and with the learned layer (issue #12: at least 5 MB/s).
void Speed()
{
    var model = File.Exists(Path.Combine(Path.GetTempPath(), "diplotrack-model.bin"))
        ? LearnedModel.Load(Path.Combine(Path.GetTempPath(), "diplotrack-model.bin"))
        : new ModelTrainer(codebook, new TrainingOptions { CalibrationFolds = 0 }).Train(TrainingDocuments.Load(rules, corpus, gold));
    var learned = new LearnedCoder(model, codebook);
    var files = GoldFiles(gold).Select(n => Diplotrack.Text.Evaluation.CoderEvaluation.FindSource(corpus, n))
        .Append(Path.Combine(FindRoot(), "seed", "documents", "2024-03-07-wang-yi-npc-press-conference.txt"))
        .Select(p => (Name: Path.GetFileName(p), Bytes: File.ReadAllBytes(p))).ToList();
    foreach (var set in new[] { ("20 gold briefings (HTML)", files.Take(files.Count - 1).ToList()), ("seed (text)", files.Skip(files.Count - 1).ToList()) })
    {
        var bytes = set.Item2.Sum(f => f.Bytes.Length);
        var parsed = set.Item2.Select(f => Diplotrack.Text.Parsing.TranscriptReader.Default.Read(new Diplotrack.Text.Parsing.SourceFile(f.Name, f.Bytes))).ToList();
        var textBytes = parsed.Sum(d => System.Text.Encoding.UTF8.GetByteCount(d.NormalisedText));
        var sentences = parsed.Sum(d => d.Statements.Count);
        // CPU time, not wall time: the shared machine runs other builds, and one thread's CPU time is what one core gives.
        // Process CPU time ticks in 10 ms steps: each sample times enough repetitions to last about half a second.
        double Median(Action a, int n = 5)
        {
            var warm = Cpu(); a(); a();
            var reps = Math.Max(1, (int)(0.5 / Math.Max(1e-4, (Cpu() - warm) / 2)));
            var t = new List<double>();
            for (var i = 0; i < n; i++) { var c = Cpu(); for (var r = 0; r < reps; r++) a(); t.Add((Cpu() - c) * 1000 / reps); }
            t.Sort();
            return t[n / 2];
        }
        var coded = parsed.Select(rules.Code).ToList();
        var parseMs = Median(() => { foreach (var f in set.Item2) Diplotrack.Text.Parsing.TranscriptReader.Default.Read(new Diplotrack.Text.Parsing.SourceFile(f.Name, f.Bytes)); });
        var codeMs = Median(() => { foreach (var d in parsed) rules.Code(d); });
        var refineMs = Median(() => { foreach (var c in coded) learned.Refine(c); });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set.Item1}: {bytes / 1000.0:0.0} kB input, {textBytes / 1000.0:0.0} kB text, {sentences} sentences; median ms parse {parseMs:0.00}, rules {codeMs:0.00}, learned {refineMs:0.00} ({refineMs * 1000 / sentences:0.0} µs/sentence)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  parse+code: rules {bytes / 1e3 / (parseMs + codeMs):0.0} MB/s, rules+learned {bytes / 1e3 / (parseMs + codeMs + refineMs):0.0} MB/s (input); text {textBytes / 1e3 / (parseMs + codeMs):0.0} → {textBytes / 1e3 / (parseMs + codeMs + refineMs):0.0} MB/s"));
    }
}

static IEnumerable<string> GoldFiles(string folder) =>
    Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension).OfType<string>();

static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Diplotrack.slnx"))) return d.FullName;
    throw new DirectoryNotFoundException("repository root (Diplotrack.slnx) not found");
}
