using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Diplotrack.Text.Learning;

/// <summary>
/// One linear classifier of the model. <see cref="Labels"/> has one entry per output: a binary head has one output (a
/// logit, probability by the logistic function), a multiclass head one per class (probabilities by softmax).
/// <see cref="Weights"/> is dense, feature-major (<c>[feature * outputs + k]</c>), so one feature's outputs share a cache line.
/// </summary>
public sealed class LinearHead
{
    public string Name { get; }
    public IReadOnlyList<int> Labels { get; }
    public float[] Bias { get; }
    public float[] Weights { get; }
    public int Outputs => Labels.Count;
    public bool Binary => Labels.Count == 1;

    public LinearHead(string name, IReadOnlyList<int> labels, float[] bias, float[] weights)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(weights);
        if (bias.Length != labels.Count) throw new ArgumentException("one bias per output", nameof(bias));
        if (weights.Length % labels.Count != 0) throw new ArgumentException("weights are features × outputs", nameof(weights));
        Name = name;
        Labels = labels;
        Bias = bias;
        Weights = weights;
    }

    /// <summary>Probabilities of the outputs for the sum of one or more feature vectors.</summary>
    public void Probabilities(Span<float> into, params ReadOnlySpan<SparseFeatures> parts)
    {
        var k = Outputs;
        for (var j = 0; j < k; j++) into[j] = Bias[j];
        foreach (var part in parts)
        {
            var idx = part.Indexes;
            var val = part.Values;
            for (var i = 0; i < idx.Count; i++)
            {
                var row = idx[i] * k;
                var v = val[i];
                for (var j = 0; j < k; j++) into[j] += Weights[row + j] * v;
            }
        }
        if (k == 1) { into[0] = 1f / (1f + MathF.Exp(-into[0])); return; }
        var max = float.NegativeInfinity;
        for (var j = 0; j < k; j++) max = MathF.Max(max, into[j]);
        var sum = 0f;
        for (var j = 0; j < k; j++) { into[j] = MathF.Exp(into[j] - max); sum += into[j]; }
        for (var j = 0; j < k; j++) into[j] /= sum;
    }
}

/// <summary>
/// Several heads' weights interleaved feature-major: row f holds every output of every head for feature f, so scoring a
/// sentence for all heads touches one or two cache lines per feature instead of one per head. Measured: the per-head
/// layout spent most of the coder's time on cache misses (ADR 0030). Built once per model, shared by coders (it is
/// read-only); <see cref="LearnedModel"/> keeps the per-head form for training and the file.
/// </summary>
internal sealed class PackedHeads
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LearnedModel, PackedHeads> Cache = [];
    private readonly float[] _rows;
    public int Columns { get; }

    private PackedHeads(float[] rows, int columns) { _rows = rows; Columns = columns; }

    public static PackedHeads For(LearnedModel model, IReadOnlyList<LinearHead> heads) => Cache.GetValue(model, m =>
    {
        var columns = heads.Sum(h => h.Outputs);
        var dim = 1 << m.Bits;
        var rows = new float[dim * columns];
        var offset = 0;
        foreach (var h in heads)
        {
            var k = h.Outputs;
            for (var f = 0; f < dim; f++)
                for (var j = 0; j < k; j++) rows[f * columns + offset + j] = h.Weights[f * k + j];
            offset += k;
        }
        return new PackedHeads(rows, columns);
    });

    /// <summary>Adds the first <paramref name="width"/> outputs of each feature's row, times its value, into <paramref name="into"/>.</summary>
    public void Accumulate(SparseFeatures features, Span<float> into, int width)
    {
        var idx = features.Indexes;
        var val = features.Values;
        var rows = _rows.AsSpan();
        for (var i = 0; i < idx.Count; i++)
        {
            var row = rows.Slice(idx[i] * Columns, width);
            var v = val[i];
            for (var j = 0; j < row.Length; j++) into[j] += row[j] * v;
        }
    }
}

/// <summary>
/// A monotone map from a raw score in [0, 1] to an observed rate, fitted by isotonic regression on held-out folds
/// (ADR 0030): piecewise linear between the fitted points, flat beyond them.
/// </summary>
public sealed record Calibration(IReadOnlyList<float> Scores, IReadOnlyList<float> Rates)
{
    public static readonly Calibration Identity = new([0f, 1f], [0f, 1f]);

    public float Apply(float score)
    {
        if (Scores.Count == 0) return score;
        if (score <= Scores[0]) return Rates[0];
        for (var i = 1; i < Scores.Count; i++)
        {
            if (score > Scores[i]) continue;
            var span = Scores[i] - Scores[i - 1];
            return span <= 0 ? Rates[i] : Rates[i - 1] + (Rates[i] - Rates[i - 1]) * (score - Scores[i - 1]) / span;
        }
        return Rates[^1];
    }
}

/// <summary>
/// The learned layer's model (ADR 0030): hashed-feature linear heads exported from ML.NET, the calibration of target
/// confidence, and how it was trained. Stored as one gzip'd binary file; <see cref="Version"/> is a hash of its content,
/// stored with each coding like the codebook version so that what an older model coded can be found and re-coded.
/// </summary>
public sealed class LearnedModel
{
    public const string StanceHead = "stance";
    public const string FilterHead = "filter";
    public const string ThemePrefix = "theme:";
    private const string Magic = "DTLM";
    private const int FormatVersion = 1;

    public int Bits { get; }
    public IReadOnlyDictionary<string, LinearHead> Heads { get; }
    public Calibration Confidence { get; }
    /// <summary>Free text: data, trainer and settings it was trained with (no clock time: training is reproducible).</summary>
    public string Description { get; }
    /// <summary>First 16 hex digits of the SHA-256 of the uncompressed file content.</summary>
    public string Version { get; }

    public LearnedModel(int bits, IEnumerable<LinearHead> heads, Calibration confidence, string description)
    {
        ArgumentNullException.ThrowIfNull(heads);
        Bits = bits;
        Heads = heads.ToDictionary(h => h.Name, StringComparer.Ordinal);
        Confidence = confidence ?? Calibration.Identity;
        Description = description ?? "";
        foreach (var h in Heads.Values)
            if (h.Weights.Length != (1 << bits) * h.Outputs) throw new ArgumentException($"head {h.Name}: weights do not match 2^{bits} features");
        Version = Convert.ToHexStringLower(SHA256.HashData(Serialise())).Substring(0, 16);
    }

    public LinearHead? Head(string name) => Heads.GetValueOrDefault(name);

    public IEnumerable<string> Themes => Heads.Keys.Where(k => k.StartsWith(ThemePrefix, StringComparison.Ordinal))
        .Select(k => k[ThemePrefix.Length..]).Order(StringComparer.Ordinal);

    public LearnedModel WithConfidence(Calibration confidence) => new(Bits, Heads.Values, confidence, Description);

    public void Save(string path)
    {
        using var file = File.Create(path);
        Write(file);
    }

    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        gz.Write(Serialise());
    }

    public static LearnedModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    public static LearnedModel Read(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8);
        if (new string(r.ReadChars(4)) != Magic) throw new InvalidDataException("not a Diplotrack model file");
        var format = r.ReadInt32();
        if (format != FormatVersion) throw new InvalidDataException($"model file format {format}, this build reads {FormatVersion}");
        var bits = r.ReadInt32();
        if (bits is < 8 or > 24) throw new InvalidDataException($"model file: {bits} hash bits");
        var description = r.ReadString();
        var heads = new List<LinearHead>();
        for (int h = 0, n = r.ReadInt32(); h < n; h++)
        {
            var name = r.ReadString();
            var k = r.ReadInt32();
            var labels = new int[k];
            var bias = new float[k];
            for (var j = 0; j < k; j++) labels[j] = r.ReadInt32();
            for (var j = 0; j < k; j++) bias[j] = r.ReadSingle();
            var weights = new float[(1 << bits) * k];
            // Only rows with a non-zero weight are stored: most hashed features never occur in training.
            for (int i = 0, rows = r.ReadInt32(); i < rows; i++)
            {
                var row = r.ReadInt32();
                if (row < 0 || row >= 1 << bits) throw new InvalidDataException($"model file: feature {row} out of range");
                for (var j = 0; j < k; j++) weights[row * k + j] = r.ReadSingle();
            }
            heads.Add(new LinearHead(name, labels, bias, weights));
        }
        var points = r.ReadInt32();
        var xs = new float[points];
        var ys = new float[points];
        for (var i = 0; i < points; i++) { xs[i] = r.ReadSingle(); ys[i] = r.ReadSingle(); }
        return new LearnedModel(bits, heads, new Calibration(xs, ys), description);
    }

    private byte[] Serialise()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic.ToCharArray());
            w.Write(FormatVersion);
            w.Write(Bits);
            w.Write(Description);
            // Heads in name order: the same model always serialises (and so hashes) the same.
            var heads = Heads.Values.OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
            w.Write(heads.Count);
            foreach (var h in heads)
            {
                w.Write(h.Name);
                w.Write(h.Outputs);
                foreach (var l in h.Labels) w.Write(l);
                foreach (var b in h.Bias) w.Write(b);
                var k = h.Outputs;
                var rows = Enumerable.Range(0, 1 << Bits).Where(i => h.Weights.AsSpan(i * k, k).ContainsAnyExcept(0f)).ToList();
                w.Write(rows.Count);
                foreach (var row in rows)
                {
                    w.Write(row);
                    for (var j = 0; j < k; j++) w.Write(h.Weights[row * k + j]);
                }
            }
            w.Write(Confidence.Scores.Count);
            for (var i = 0; i < Confidence.Scores.Count; i++) { w.Write(Confidence.Scores[i]); w.Write(Confidence.Rates[i]); }
        }
        return ms.ToArray();
    }
}
