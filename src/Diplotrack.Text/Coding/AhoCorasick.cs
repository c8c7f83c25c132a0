using System.Buffers;
using System.Runtime.InteropServices;

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
/// <remarks>
/// Patterns are collected in a dictionary trie; <see cref="Build"/> then freezes it into flat arrays, because the scan
/// runs over every character of every sentence (ADR 0014): the root, where most characters of a Chinese sentence
/// land, gets a dense 64K-entry table (one array read per character), and every other node keeps its few children
/// as a sorted char array searched in place, with no dictionary hashing and no per-node objects.
/// </remarks>
public sealed class AhoCorasick
{
    // Construction-time trie; dropped by Build().
    private List<Dictionary<char, int>>? _next = [new()];
    private readonly List<int> _patternList = [-1];
    private readonly List<int> _depthList = [0];

    // Frozen automaton (valid after Build()).
    private int[] _rootNext = [];          // char -> child of the root, 0 if none
    private int[] _childStart = [];        // node -> first index in _childChars/_childNodes; node+1 -> end
    private char[] _childChars = [];       // children's chars, sorted within each node
    private int[] _childNodes = [];
    private int[] _fail = [];
    private int[] _pattern = [];           // pattern ending exactly at this node, -1 if none
    private int[] _outLink = [];           // nearest node on the fail chain that ends a pattern, -1 if none
    private int[] _depth = [];
    private bool _built;

    public int Count { get; private set; }

    /// <summary>Adds a pattern and returns its index; adding the same text twice returns the first index.</summary>
    public int Add(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (_built || _next is null) throw new InvalidOperationException("automaton already built");
        var node = 0;
        foreach (var c in pattern)
        {
            if (!_next[node].TryGetValue(c, out var child))
            {
                child = _next.Count;
                _next.Add(new());
                _patternList.Add(-1);
                _depthList.Add(_depthList[node] + 1);
                _next[node][c] = child;
            }
            node = child;
        }
        if (_patternList[node] < 0) _patternList[node] = Count++;
        return _patternList[node];
    }

    public void Build()
    {
        if (_built || _next is null) throw new InvalidOperationException("automaton already built");
        var nodes = _next.Count;
        _pattern = [.. _patternList];
        _depth = [.. _depthList];
        _fail = new int[nodes];
        _outLink = new int[nodes];
        Array.Fill(_outLink, -1);

        // Flatten the children: node n's children are [_childStart[n], _childStart[n + 1]), sorted by char.
        _childStart = new int[nodes + 1];
        for (var n = 0; n < nodes; n++) _childStart[n + 1] = _childStart[n] + _next[n].Count;
        _childChars = new char[_childStart[nodes]];
        _childNodes = new int[_childStart[nodes]];
        for (var n = 0; n < nodes; n++)
        {
            var at = _childStart[n];
            foreach (var (c, child) in _next[n]) { _childChars[at] = c; _childNodes[at] = child; at++; }
            Array.Sort(_childChars, _childNodes, _childStart[n], _next[n].Count);
        }
        _rootNext = new int[char.MaxValue + 1];
        foreach (var (c, child) in _next[0]) _rootNext[c] = child;

        // Failure links, breadth first (a node's fail target is shallower, so it is final when the node is reached).
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values) queue.Enqueue(child);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (var i = _childStart[node]; i < _childStart[node + 1]; i++)
            {
                var c = _childChars[i];
                var child = _childNodes[i];
                var f = _fail[node];
                while (f != 0 && Child(f, c) == 0) f = _fail[f];
                var g = Child(f, c);
                _fail[child] = g != child ? g : 0;
                var fc = _fail[child];
                _outLink[child] = _pattern[fc] >= 0 ? fc : _outLink[fc];
                queue.Enqueue(child);
            }
        }
        _next = null;
        _built = true;
    }

    /// <summary>The child of <paramref name="node"/> on <paramref name="c"/>, 0 (the root) if none.</summary>
    private int Child(int node, char c)
    {
        if (node == 0) return _rootNext[c];
        int from = _childStart[node], count = _childStart[node + 1] - from;
        if (count == 0) return 0;
        // Most nodes below the root have one child (the rest of a phrase): compare before searching.
        if (count == 1) return _childChars[from] == c ? _childNodes[from] : 0;
        var i = _childChars.AsSpan(from, count).BinarySearch(c);
        return i >= 0 ? _childNodes[from + i] : 0;
    }

    /// <summary>Every occurrence of every pattern (overlapping), ordered by end then by length descending.</summary>
    public List<TermMatch> FindAll(ReadOnlySpan<char> text)
    {
        if (!_built) throw new InvalidOperationException("call Build() first");
        var result = new List<TermMatch>();   // grows on the first match: English sentences have none
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int n;
            while ((n = Child(node, c)) == 0 && node != 0) node = _fail[node];
            node = n;
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
        return SelectLeftmostLongest(CollectionsMarshal.AsSpan(sorted));
    }

    /// <summary>
    /// <see cref="LeftmostLongest(IEnumerable{TermMatch})"/> over the matches whose pattern satisfies
    /// <paramref name="include"/>, sorting in a pooled buffer: it runs three times per sentence (ADR 0014).
    /// </summary>
    public static List<TermMatch> LeftmostLongest(List<TermMatch> matches, Func<int, bool> include)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(include);
        var buffer = ArrayPool<TermMatch>.Shared.Rent(Math.Max(matches.Count, 1));
        try
        {
            var count = 0;
            foreach (var m in matches)
                if (include(m.Pattern)) buffer[count++] = m;
            return SelectLeftmostLongest(buffer.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<TermMatch>.Shared.Return(buffer);
        }
    }

    private static List<TermMatch> SelectLeftmostLongest(Span<TermMatch> sorted)
    {
        // Distinct patterns never share (start, length), so the order is total and any sort gives the same result.
        sorted.Sort(StartThenLongest.Instance);
        var chosenCount = 0;
        var end = 0;
        foreach (var m in sorted)
            if (m.Start >= end) { chosenCount++; end = m.End; }
        var chosen = new List<TermMatch>(chosenCount);
        end = 0;
        foreach (var m in sorted)
        {
            if (m.Start < end) continue;
            chosen.Add(m);
            end = m.End;
        }
        return chosen;
    }

    private sealed class StartThenLongest : IComparer<TermMatch>
    {
        public static readonly StartThenLongest Instance = new();
        public int Compare(TermMatch a, TermMatch b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length);
    }
}
