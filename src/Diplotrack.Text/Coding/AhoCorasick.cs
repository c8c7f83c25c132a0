namespace Diplotrack.Text.Coding;

/// <summary>A match of pattern <see cref="Pattern"/> at [Start, End) of the searched text.</summary>
public readonly record struct TermMatch(int Start, int End, int Pattern)
{
    public int Length => End - Start;
}

/// <summary>
/// Aho–Corasick automaton over UTF-16 chars: finds every occurrence of thousands of terms in one pass.
/// Written here because no package for it is served; see docs/decisions/0003-coding-technique.md.
/// </summary>
public sealed class AhoCorasick
{
    private readonly List<Dictionary<char, int>> _next = [new()];
    private readonly List<int> _fail = [0];
    private readonly List<int> _pattern = [-1];      // pattern ending exactly at this node, -1 if none
    private readonly List<int> _outLink = [-1];      // nearest node on the fail chain that ends a pattern
    private readonly List<int> _depth = [0];
    private bool _built;

    public int Count { get; private set; }

    /// <summary>Adds a pattern and returns its index; adding the same text twice returns the first index.</summary>
    public int Add(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (_built) throw new InvalidOperationException("automaton already built");
        var node = 0;
        foreach (var c in pattern)
        {
            if (!_next[node].TryGetValue(c, out var child))
            {
                child = _next.Count;
                _next.Add(new());
                _fail.Add(0);
                _pattern.Add(-1);
                _outLink.Add(-1);
                _depth.Add(_depth[node] + 1);
                _next[node][c] = child;
            }
            node = child;
        }
        if (_pattern[node] < 0) _pattern[node] = Count++;
        return _pattern[node];
    }

    public void Build()
    {
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values) queue.Enqueue(child);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next[f].ContainsKey(c)) f = _fail[f];
                _fail[child] = _next[f].TryGetValue(c, out var g) && g != child ? g : 0;
                var fc = _fail[child];
                _outLink[child] = _pattern[fc] >= 0 ? fc : _outLink[fc];
                queue.Enqueue(child);
            }
        }
        _built = true;
    }

    /// <summary>Every occurrence of every pattern (overlapping), ordered by end then by length descending.</summary>
    public List<TermMatch> FindAll(ReadOnlySpan<char> text)
    {
        if (!_built) throw new InvalidOperationException("call Build() first");
        var result = new List<TermMatch>();
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            while (node != 0 && !_next[node].ContainsKey(c)) node = _fail[node];
            node = _next[node].TryGetValue(c, out var n) ? n : 0;
            for (var o = _pattern[node] >= 0 ? node : _outLink[node]; o > 0; o = _outLink[o])
                result.Add(new TermMatch(i + 1 - _depth[o], i + 1, _pattern[o]));
        }
        return result;
    }

    /// <summary>
    /// Leftmost-longest non-overlapping selection among <paramref name="matches"/> (as a tokenizer would cut):
    /// a longer term that starts earlier wins, so <c>美好</c> hides <c>美</c> and <c>发展中国家</c> hides <c>中国</c>.
    /// </summary>
    public static List<TermMatch> LeftmostLongest(IEnumerable<TermMatch> matches)
    {
        var sorted = new List<TermMatch>(matches);
        sorted.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var chosen = new List<TermMatch>();
        var end = 0;
        foreach (var m in sorted)
        {
            if (m.Start < end) continue;
            chosen.Add(m);
            end = m.End;
        }
        return chosen;
    }
}
