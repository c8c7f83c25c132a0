using System.Globalization;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Learning;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Learning;

/// <summary>The ML.NET trainers the learned layer can use; all are linear so that their weights export (ADR 0030).</summary>
public enum TrainerKind { LbfgsMaximumEntropy, SdcaMaximumEntropy }

public sealed record TrainingOptions
{
    public TrainerKind Trainer { get; init; } = TrainerKind.LbfgsMaximumEntropy;
    /// <summary>Hashed feature space of 2^Bits.</summary>
    public int Bits { get; init; } = 16;
    public float L2 { get; init; } = 1f;
    public float L1 { get; init; }
    /// <summary>5 = the stance head predicts −2..+2; 3 = only the sign, magnitude from the rules.</summary>
    public int StanceClasses { get; init; } = 5;
    /// <summary>Folds of the inner cross-validation that produces held-out scores for the confidence calibration; 0 = none.</summary>
    public int CalibrationFolds { get; init; } = 5;
    public int Seed { get; init; } = 1;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"trainer={Trainer}; bits={Bits}; l2={L2}; l1={L1}; stance-classes={StanceClasses}; calibration-folds={CalibrationFolds}; seed={Seed}");
}

/// <summary>
/// Trains the learned layer with ML.NET (issue #12 part 4): one stance head over rule-proposed targets that are in the
/// gold, one keep/drop head over every rule-proposed target, one binary head per theme over statements. Every head is a
/// maximum-entropy (multinomial logistic) model; its weights are exported into a <see cref="LearnedModel"/> that the coder
/// scores in plain C#. Single-threaded trainers and a fixed seed make training reproducible bit for bit.
/// </summary>
public sealed class ModelTrainer(CodebookData codebook, TrainingOptions? options = null)
{
    private readonly TrainingOptions _options = options ?? new TrainingOptions();

    public TrainingOptions Options => _options;

    /// <summary>Trains on <paramref name="documents"/>, then calibrates the confidence on an inner cross-validation of them.</summary>
    public LearnedModel Train(IReadOnlyList<TrainingDocument> documents, string data = "")
    {
        ArgumentNullException.ThrowIfNull(documents);
        var model = TrainHeads(documents, data);
        if (_options.CalibrationFolds < 2 || documents.Count < _options.CalibrationFolds) return model;
        var points = new List<(float, bool)>();
        foreach (var (train, test) in Folds.ByDocument(documents, _options.CalibrationFolds))
        {
            // Confidence reads only the keep and stance heads: the inner folds skip the eleven theme heads.
            var inner = new LearnedCoder(TrainHeads(train, data, themes: false), codebook);
            foreach (var d in test) points.AddRange(ConfidencePoints(inner, d));
        }
        return model.WithConfidence(Isotonic.Fit(points));
    }

    /// <summary>
    /// Raw confidences of a coder's kept targets on a gold document and whether each was right: the actor is a gold
    /// target of the statement and the stance has the gold's sign (the codebook's 3-class reading).
    /// </summary>
    public static IEnumerable<(float Raw, bool Correct)> ConfidencePoints(LearnedCoder coder, TrainingDocument document)
    {
        ArgumentNullException.ThrowIfNull(coder);
        ArgumentNullException.ThrowIfNull(document);
        var raw = coder.WithoutCalibration().Refine(document.Rules);
        for (var i = 0; i < raw.Statements.Count; i++)
        {
            document.GoldBySystem.TryGetValue(i, out var gold);
            foreach (var t in raw.Statements[i].Targets)
            {
                var g = gold?.Targets.FirstOrDefault(x => x.Actor == t.Actor);
                yield return ((float)t.Confidence, g is not null && Math.Sign(g.Stance) == Math.Sign(t.Stance));
            }
        }
    }

    private LearnedModel TrainHeads(IReadOnlyList<TrainingDocument> documents, string data, bool themes = true)
    {
        var themeIds = themes ? codebook.Themes.Select(t => t.Id).Order(StringComparer.Ordinal).ToList() : [];
        var features = new LearnedFeatures(codebook, _options.Bits);
        var stanceLabels = _options.StanceClasses == 5 ? new[] { -2, -1, 0, 1, 2 } : [-1, 0, 1];
        var stance = new List<Row>();
        var filter = new List<Row>();
        var themeRows = themeIds.ToDictionary(t => t, _ => new List<Row>(), StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var sf = features.Statements(d.Rules);
            for (var i = 0; i < sf.Length; i++)
            {
                if (!d.GoldBySystem.TryGetValue(i, out var gold)) continue;   // an unmatched sentence has no label
                var sv = Vector(sf[i], null);
                foreach (var t in themeIds) themeRows[t].Add(new Row { Label = gold.Themes.Contains(t) ? 1u : 0u, Features = sv });
                foreach (var t in d.Rules.Statements[i].Targets)
                {
                    var pf = features.Pair(d.Rules, i, t);
                    var v = Vector(sf[i], pf);
                    var g = gold.Targets.FirstOrDefault(x => x.Actor == t.Actor);
                    filter.Add(new Row { Label = g is null ? 0u : 1u, Features = v });
                    if (g is null) continue;
                    var label = _options.StanceClasses == 5 ? Math.Clamp(g.Stance, -2, 2) : Math.Sign(g.Stance);
                    stance.Add(new Row { Label = (uint)Array.IndexOf(stanceLabels, label), Features = v });
                }
            }
        }
        var heads = new List<LinearHead>
        {
            Fit(LearnedModel.StanceHead, stance, stanceLabels),
            Binary(Fit(LearnedModel.FilterHead, filter, [0, 1])),
        };
        heads.AddRange(themeIds.Select(t => Binary(Fit(LearnedModel.ThemePrefix + t, themeRows[t], [0, 1]))));
        var description = $"{_options.Describe()}; documents={documents.Count}; codebook={codebook.Version}"
            + (data.Length > 0 ? "; data=" + data : "");
        return new LearnedModel(_options.Bits, heads, Calibration.Identity, description);
    }

    /// <summary>
    /// <see cref="Label"/> is the 0-based class index: loading from an enumerable maps a <c>uint</c> under a key type to
    /// key value index + 1 (0 is "missing"), measured on ML.NET 6.0 — a 1-based label silently trains on garbage.
    /// </summary>
    private sealed class Row
    {
        public uint Label { get; set; }
        public VBuffer<float> Features { get; set; }
    }

    /// <summary>Statement and pair features as one sparse vector with sorted, unique indexes (what ML.NET requires).</summary>
    private VBuffer<float> Vector(SparseFeatures statement, SparseFeatures? pair)
    {
        var sum = new SortedDictionary<int, float>();
        foreach (var part in pair is null ? [statement] : new[] { statement, pair })
            for (var i = 0; i < part.Count; i++)
                sum[part.Indexes[i]] = sum.GetValueOrDefault(part.Indexes[i]) + part.Values[i];
        return new VBuffer<float>(1 << _options.Bits, sum.Count, [.. sum.Values], [.. sum.Keys]);
    }

    private LinearHead Fit(string name, List<Row> rows, int[] labels)
    {
        var dim = 1 << _options.Bits;
        var weights = new float[dim * labels.Length];
        var bias = new float[labels.Length];
        // A head with no examples, or with a single class, has nothing to learn: it keeps the prior (log of class shares).
        var present = rows.Select(r => r.Label).Distinct().Count();
        if (present < 2)
        {
            for (var j = 0; j < labels.Length; j++)
                bias[j] = rows.Any(r => r.Label == j) ? 0f : -10f;
            return new LinearHead(name, labels, bias, weights);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ml = new MLContext(seed: _options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), labels.Length);
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        MaximumEntropyModelParameters model = _options.Trainer switch
        {
            TrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
                L2Regularization = _options.L2 / rows.Count, L1Regularization = _options.L1 / rows.Count, NumberOfThreads = 1,
            }).Fit(data).Model,
            _ => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
                L2Regularization = _options.L2, L1Regularization = _options.L1, NumberOfThreads = 1,
                // The default tolerance (1e-7) spends most of the time on digits that change no decision; training on the
                // full gold must take under 2 minutes on one core (issue #12).
                // A short history: each L-BFGS step costs O(history × 2^bits × classes) in dense vector work, which is
                // most of the training time with hashed features.
                OptimizationTolerance = 1e-4f, MaximumNumberOfIterations = 300, HistorySize = 5,
            }).Fit(data).Model,
        };
        if (Environment.GetEnvironmentVariable("DIPLOTRACK_TRAIN_TRACE") is not null)
            Console.Error.WriteLine($"{name}: {rows.Count} rows, {clock.ElapsedMilliseconds} ms");
        VBuffer<float>[] w = [];
        model.GetWeights(ref w, out var classes);
        var b = model.GetBiases().ToArray();
        for (var j = 0; j < Math.Min(classes, labels.Length); j++)
        {
            bias[j] = b[j];
            var values = w[j].GetValues();
            var indices = w[j].GetIndices();
            for (var x = 0; x < values.Length; x++)
                weights[(w[j].IsDense ? x : indices[x]) * labels.Length + j] = values[x];
        }
        return new LinearHead(name, labels, bias, weights);
    }

    /// <summary>A two-class head as one logit (z₁ − z₀): half the weights and one exponential per score.</summary>
    private static LinearHead Binary(LinearHead two)
    {
        var dim = two.Weights.Length / 2;
        var w = new float[dim];
        for (var i = 0; i < dim; i++) w[i] = two.Weights[i * 2 + 1] - two.Weights[i * 2];
        return new LinearHead(two.Name, [1], [two.Bias[1] - two.Bias[0]], w);
    }
}

/// <summary>Folds by document: a briefing is never split across folds (its sentences share context and wording).</summary>
public static class Folds
{
    /// <summary>Documents in name order dealt round-robin into <paramref name="k"/> folds; yields (train, test) per fold.</summary>
    public static IEnumerable<(IReadOnlyList<TrainingDocument> Train, IReadOnlyList<TrainingDocument> Test)> ByDocument(IReadOnlyList<TrainingDocument> documents, int k)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var ordered = documents.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        for (var f = 0; f < k; f++)
        {
            var test = ordered.Where((_, i) => i % k == f).ToList();
            if (test.Count == 0) continue;
            yield return (ordered.Where((_, i) => i % k != f).ToList(), test);
        }
    }
}
