using System.Runtime.CompilerServices;

namespace Diplotrack.Text.Learning;

/// <summary>
/// Hashed sparse features (the "hashing trick"): every feature string or character n-gram becomes an index in
/// [0, 2^bits). No vocabulary is stored, so the model file holds only weights and scoring needs no dictionary look-up
/// or string allocation per n-gram — the coder must stay above 5 MB/s (ADR 0030).
/// </summary>
public static class FeatureHashing
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>FNV-1a over the characters of <paramref name="text"/>, seeded so that blocks do not share indexes.</summary>
    public static uint Hash(ReadOnlySpan<char> text, uint seed)
    {
        var h = FnvOffset ^ seed;
        foreach (var c in text) h = (h ^ c) * FnvPrime;
        return h;
    }

    /// <summary>Final mix (murmur3's fmix32): FNV's low bits are weak, and the index takes the low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Raw hashes of the character n-grams (lengths <paramref name="minN"/>..<paramref name="maxN"/>) of a text, seed-free so that one list serves several blocks.</summary>
    public static void NGrams(ReadOnlySpan<char> text, int minN, int maxN, List<uint> into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var h = FnvOffset;
            for (var n = 1; n <= maxN && i + n <= text.Length; n++)
            {
                h = (h ^ text[i + n - 1]) * FnvPrime;
                if (n >= minN) into.Add(h ^ (uint)n);
            }
        }
    }
}

/// <summary>A sparse feature vector under construction: indexes may repeat (their values add up in a dot product).</summary>
public sealed class SparseFeatures
{
    private readonly int _mask;
    public List<int> Indexes { get; } = [];
    public List<float> Values { get; } = [];

    public SparseFeatures(int bits) => _mask = (1 << bits) - 1;

    public int Count => Indexes.Count;

    public void Clear() { Indexes.Clear(); Values.Clear(); }

    /// <summary>Adds one block of raw hashes under a block seed, each weighted 1/√n so that long sentences do not dominate.</summary>
    public void AddBlock(List<uint> raw, uint seed, float scale = 1f)
    {
        if (raw.Count == 0) return;
        var v = scale / MathF.Sqrt(raw.Count);
        foreach (var h in raw)
        {
            Indexes.Add((int)(FeatureHashing.Mix(h ^ seed) & (uint)_mask));
            Values.Add(v);
        }
    }

    /// <summary>Adds named indicator features (rule features), each at <paramref name="value"/>.</summary>
    public void Add(string name, float value = 1f)
    {
        Indexes.Add((int)(FeatureHashing.Mix(FeatureHashing.Hash(name, 0x9e3779b9)) & (uint)_mask));
        Values.Add(value);
    }

    public void AddAll(SparseFeatures other)
    {
        Indexes.AddRange(other.Indexes);
        Values.AddRange(other.Values);
    }
}
