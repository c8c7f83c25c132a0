using Diplotrack.Text.Coding;

namespace Diplotrack.Text.Tests;

/// <summary>
/// The automaton behind every actor, cue and theme match: it must report exactly the occurrences a plain search finds,
/// in its documented order, whatever the shape of the trie (shared prefixes, suffixes that are other patterns, nodes
/// with one or many children).
/// </summary>
public sealed class AhoCorasickTests
{
    private static List<TermMatch> Naive(IReadOnlyList<string> patterns, string text)
    {
        var found = new List<TermMatch>();
        for (var p = 0; p < patterns.Count; p++)
            for (var at = text.IndexOf(patterns[p], StringComparison.Ordinal); at >= 0; at = text.IndexOf(patterns[p], at + 1, StringComparison.Ordinal))
                found.Add(new TermMatch(at, at + patterns[p].Length, p));
        return [.. found.OrderBy(m => m.End).ThenByDescending(m => m.Length)];
    }

    [Fact]
    public void Finds_every_overlapping_occurrence_in_end_then_longest_order()
    {
        // A small alphabet makes many overlaps, fail links and branching nodes; the seed makes the case reproducible.
        var random = new Random(20240307);
        const string alphabet = "中美俄国家方不";
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var patterns = Enumerable.Range(0, 300).Select(_ => Word(1, 5)).Distinct().ToList();
        var automaton = new AhoCorasick();
        foreach (var p in patterns) Assert.Equal(patterns.IndexOf(p), automaton.Add(p));
        automaton.Build();

        for (var round = 0; round < 50; round++)
        {
            var text = Word(0, 80) + "，美国" + Word(0, 40);
            Assert.Equal(Naive(patterns, text), automaton.FindAll(text));
        }
    }

    [Fact]
    public void Adding_the_same_text_twice_returns_its_first_index()
    {
        var automaton = new AhoCorasick();
        Assert.Equal(0, automaton.Add("美国"));
        Assert.Equal(1, automaton.Add("美"));
        Assert.Equal(0, automaton.Add("美国"));
        automaton.Build();
        Assert.Equal(2, automaton.Count);
        Assert.Throws<InvalidOperationException>(() => automaton.Add("俄"));
    }

    [Fact]
    public void Leftmost_longest_keeps_the_longer_term_that_starts_first_and_filters_by_pattern()
    {
        var automaton = new AhoCorasick();
        string[] patterns = ["美", "美好", "发展中国家", "中国", "国家"];
        foreach (var p in patterns) automaton.Add(p);
        automaton.Build();
        const string text = "美好的发展中国家和中国";
        var all = automaton.FindAll(text);

        var chosen = AhoCorasick.LeftmostLongest(all).Select(m => text[m.Start..m.End]);
        Assert.Equal(["美好", "发展中国家", "中国"], chosen);
        // Without 发展中国家 and 美好, the shorter terms inside them are chosen.
        var filtered = AhoCorasick.LeftmostLongest(all, p => patterns[p] is not ("发展中国家" or "美好"));
        Assert.Equal(["美", "中国", "中国"], filtered.Select(m => text[m.Start..m.End]));
        Assert.Equal(AhoCorasick.LeftmostLongest(all.Where(m => patterns[m.Pattern] != "美好")), AhoCorasick.LeftmostLongest(all, p => patterns[p] != "美好"));
    }
}
