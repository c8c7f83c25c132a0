using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Alignment;

/// <summary>
/// Exchanges matched across the versions; indexes are <see cref="ParsedExchange.Index"/>. Usually one each; two on one
/// side when one version labels a follow-up as a new question (<c>Q: A quick follow-up.</c> where the Chinese has
/// <c>追问</c>); none on one side for an exchange the other version leaves out.
/// </summary>
public sealed record ExchangeLink(IReadOnlyList<int> Zh, IReadOnlyList<int> En, double Score);

/// <summary>
/// Sentences matched across the versions: one-to-one, one-to-many (a long Chinese sentence rendered as two English ones,
/// or the reverse) or present on one side only (an empty list on the other). Indexes are <see cref="ParsedStatement.Index"/>.
/// <see cref="Score"/> is in [0, 1]: how well length and shared anchors (actors, numbers) support the link.
/// </summary>
public sealed record SentenceLink(IReadOnlyList<int> Zh, IReadOnlyList<int> En, double Score, int? ZhExchange, int? EnExchange)
{
    /// <summary><c>1-1</c>, <c>1-2</c>, <c>2-1</c> …, <c>1-0</c> (Chinese only), <c>0-1</c> (English only).</summary>
    public string Shape => $"{Zh.Count}-{En.Count}";
}

public sealed record BriefingAlignment(IReadOnlyList<ExchangeLink> Exchanges, IReadOnlyList<SentenceLink> Sentences)
{
    /// <summary>Mean link score over sentences (one-sided links count 0): one figure for how well the pair aligned.</summary>
    public double Score => Sentences.Count == 0 ? 0 : Sentences.Average(s => s.Zh.Count > 0 && s.En.Count > 0 ? s.Score : 0);
}

/// <summary>
/// Aligns the English version of a briefing with its Chinese original, in two dynamic programmes: exchanges by order
/// and content (lengths and shared anchors; an exchange may be missing on either side), then the sentences inside
/// each pair of aligned exchanges (Gale–Church-style beads 1-1, 1-2, 2-1, 1-3, 3-1, 2-2, 1-0, 0-1 scored by length
/// ratio and anchors, questions only with questions and answers with answers). Opening announcements (outside any
/// exchange) are aligned as one more block. Pure: the anchors are computed by the caller (see <see cref="AnchorFinder"/>).
/// </summary>
public static class BriefingAligner
{
    // Costs are in "nats": a bead's cost is its negative log-plausibility, roughly. Set by hand before the gold pairs
    // existed and kept round (ADR 0041): the point is the ordering of alternatives, not the values.
    private const double SkipExchange = 6.0;
    private const double MergeExchange = 3.0;
    private const double SkipSentence = 3.2;
    private const double SkipPerChar = 0.004;
    private const double MergeSentence = 1.2;
    // A 2-2 bead (content crossing a sentence boundary) is rare: Gale and Church (1993) found it about as rare as an
    // omission (prior 0.011 against 0.89 for 1-1, about 4.4 nats), far rarer than two 1-1 beads in a row.
    private const double CrossSentence = 4.4;
    private const double LengthWeight = 2.2;
    private const double AnchorBonus = 1.0;
    private const double AnchorMiss = 0.35;
    private const double KindMismatch = 20;

    public static BriefingAlignment Align(ParsedDocument zh, IReadOnlyList<SentenceAnchors> zhAnchors, ParsedDocument en, IReadOnlyList<SentenceAnchors> enAnchors)
    {
        ArgumentNullException.ThrowIfNull(zh);
        ArgumentNullException.ThrowIfNull(en);
        // English runs about three characters per Chinese character; each pair has its own ratio (some answers are summarised).
        var zhChars = Math.Max(1, zh.Statements.Sum(s => s.Text.Length));
        var enChars = Math.Max(1, en.Statements.Sum(s => s.Text.Length));
        var ratio = (double)enChars / zhChars;

        var zhBlocks = Blocks(zh);
        var enBlocks = Blocks(en);
        var exchangeLinks = AlignBlocks(zhBlocks, enBlocks, zhAnchors, enAnchors, ratio);

        var sentences = new List<SentenceLink>();
        foreach (var (zb, eb, _) in exchangeLinks)
        {
            var zs = zb.SelectMany(b => b.Statements).ToList();
            var es = eb.SelectMany(b => b.Statements).ToList();
            foreach (var link in AlignSentences(zs, es, zhAnchors, enAnchors, ratio))
                sentences.Add(link with
                {
                    ZhExchange = link.Zh.Count > 0 ? zs.First(s => s.Index == link.Zh[0]).Exchange : null,
                    EnExchange = link.En.Count > 0 ? es.First(s => s.Index == link.En[0]).Exchange : null,
                });
        }
        var exchanges = exchangeLinks.Where(l => l.Zh.Any(b => b.Exchange is not null) || l.En.Any(b => b.Exchange is not null))
            .Select(l => new ExchangeLink([.. l.Zh.Select(b => b.Exchange!.Value)], [.. l.En.Select(b => b.Exchange!.Value)], l.Score)).ToList();
        return new BriefingAlignment(exchanges, sentences);
    }

    /// <summary>An exchange, or the opening block (statements outside any exchange, <see cref="Exchange"/> null).</summary>
    private sealed record Block(int? Exchange, IReadOnlyList<ParsedStatement> Statements)
    {
        public int Chars => Statements.Sum(s => s.Text.Length);
        public int QuestionChars => Statements.Where(s => s.Kind == StatementKind.Question).Sum(s => s.Text.Length);
    }

    private static List<Block> Blocks(ParsedDocument d)
    {
        var blocks = new List<Block>();
        var opening = d.Statements.Where(s => s.Exchange is null).ToList();
        if (opening.Count > 0) blocks.Add(new Block(null, opening));
        foreach (var e in d.Exchanges.OrderBy(e => e.Start))
        {
            var statements = d.Statements.Where(s => s.Exchange == e.Index).ToList();
            if (statements.Count > 0) blocks.Add(new Block(e.Index, statements));
        }
        return blocks;
    }

    private static double LengthCost(double zhChars, double enChars, double ratio)
    {
        if (zhChars <= 0 || enChars <= 0) return 0;
        // Short sentences vary more in ratio than long ones: the log-ratio is scaled down for them.
        var deviation = Math.Abs(Math.Log(enChars / (zhChars * ratio)));
        var shrink = Math.Min(1.0, Math.Sqrt((zhChars + enChars / ratio) / 60.0));
        return LengthWeight * deviation * shrink;
    }

    private static double AnchorCost(SentenceAnchors a, SentenceAnchors b)
    {
        var shared = a.Shared(b);
        var missing = a.Count + b.Count - 2 * shared;
        return -AnchorBonus * shared + AnchorMiss * missing;
    }

    private static readonly (int Z, int E, double Prior)[] ExchangeBeads = [(1, 1, 0), (1, 2, MergeExchange), (2, 1, MergeExchange)];

    private static List<(List<Block> Zh, List<Block> En, double Score)> AlignBlocks(
        List<Block> zh, List<Block> en, IReadOnlyList<SentenceAnchors> za, IReadOnlyList<SentenceAnchors> ea, double ratio)
    {
        SentenceAnchors Anchors(IEnumerable<Block> blocks, IReadOnlyList<SentenceAnchors> all) =>
            SentenceAnchors.Union(blocks.SelectMany(b => b.Statements).Select(s => s.Index < all.Count ? all[s.Index] : SentenceAnchors.None));
        double Pair(int i0, int zc, int j0, int ec)
        {
            var a = zh.GetRange(i0, zc);
            var b = en.GetRange(j0, ec);
            // The opening pairs only with the opening, never merged with an exchange.
            if (a.Concat(b).Any(x => x.Exchange is null) && (zc + ec > 2 || a[0].Exchange is not null || b[0].Exchange is not null)) return double.PositiveInfinity;
            return LengthCost(a.Sum(x => x.Chars), b.Sum(x => x.Chars), ratio) + LengthCost(a.Sum(x => x.QuestionChars), b.Sum(x => x.QuestionChars), ratio)
                + AnchorCost(Anchors(a, za), Anchors(b, ea)) * 0.5;
        }
        var n = zh.Count;
        var m = en.Count;
        var cost = new double[n + 1, m + 1];
        var move = new (int Z, int E)[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= m; j++)
            {
                if (i == 0 && j == 0) continue;
                var best = double.PositiveInfinity;
                (int, int) how = (0, 0);
                foreach (var (zc, ec, prior) in ExchangeBeads)
                    if (i >= zc && j >= ec && cost[i - zc, j - ec] + prior + Pair(i - zc, zc, j - ec, ec) is var c && c < best) { best = c; how = (zc, ec); }
                if (i > 0 && cost[i - 1, j] + SkipExchange is var c10 && c10 < best) { best = c10; how = (1, 0); }
                if (j > 0 && cost[i, j - 1] + SkipExchange is var c01 && c01 < best) { best = c01; how = (0, 1); }
                cost[i, j] = best;
                move[i, j] = how;
            }
        var links = new List<(List<Block>, List<Block>, double)>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (zc, ec) = move[i, j];
            var score = zc > 0 && ec > 0 ? Confidence(Pair(i - zc, zc, j - ec, ec)) : 0;
            links.Add((zh.GetRange(i - zc, zc), en.GetRange(j - ec, ec), score));
            i -= zc;
            j -= ec;
        }
        links.Reverse();
        return links;
    }

    private static double Confidence(double cost) => Math.Round(1.0 / (1.0 + Math.Exp(cost - 1.0)), 3);

    private static readonly (int Z, int E, double Prior)[] Beads =
        [(1, 1, 0), (1, 2, MergeSentence), (2, 1, MergeSentence), (1, 3, 2 * MergeSentence), (3, 1, 2 * MergeSentence), (2, 2, CrossSentence)];

    private static List<SentenceLink> AlignSentences(
        IReadOnlyList<ParsedStatement> zh, IReadOnlyList<ParsedStatement> en, IReadOnlyList<SentenceAnchors> za, IReadOnlyList<SentenceAnchors> ea, double ratio)
    {
        SentenceAnchors Z(int i) => zh[i].Index < za.Count ? za[zh[i].Index] : SentenceAnchors.None;
        SentenceAnchors E(int j) => en[j].Index < ea.Count ? ea[en[j].Index] : SentenceAnchors.None;
        double BeadCost(int i0, int zc, int j0, int ec, double prior)
        {
            var kinds = zh.Skip(i0).Take(zc).Select(s => s.Kind).Concat(en.Skip(j0).Take(ec).Select(s => s.Kind)).Distinct().Count();
            var zl = zh.Skip(i0).Take(zc).Sum(s => s.Text.Length);
            var el = en.Skip(j0).Take(ec).Sum(s => s.Text.Length);
            var anchors = AnchorCost(SentenceAnchors.Union(Enumerable.Range(i0, zc).Select(Z)), SentenceAnchors.Union(Enumerable.Range(j0, ec).Select(E)));
            return prior + LengthCost(zl, el, ratio) + anchors + (kinds > 1 ? KindMismatch : 0);
        }
        double Skip(string text, double perChar) => SkipSentence + perChar * text.Length;

        var n = zh.Count;
        var m = en.Count;
        var cost = new double[n + 1, m + 1];
        var move = new (int Z, int E)[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= m; j++)
            {
                if (i == 0 && j == 0) continue;
                var best = double.PositiveInfinity;
                (int, int) how = (0, 0);
                foreach (var (zc, ec, prior) in Beads)
                    if (i >= zc && j >= ec && cost[i - zc, j - ec] + BeadCost(i - zc, zc, j - ec, ec, prior) is var c && c < best) { best = c; how = (zc, ec); }
                if (i > 0 && cost[i - 1, j] + Skip(zh[i - 1].Text, SkipPerChar * ratio) is var cz && cz < best) { best = cz; how = (1, 0); }
                if (j > 0 && cost[i, j - 1] + Skip(en[j - 1].Text, SkipPerChar) is var ce && ce < best) { best = ce; how = (0, 1); }
                cost[i, j] = best;
                move[i, j] = how;
            }
        var links = new List<SentenceLink>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (zc, ec) = move[i, j];
            var score = zc > 0 && ec > 0 ? Confidence(BeadCost(i - zc, zc, j - ec, ec, 0)) : 0;
            links.Add(new SentenceLink(
                [.. Enumerable.Range(i - zc, zc).Select(k => zh[k].Index)], [.. Enumerable.Range(j - ec, ec).Select(k => en[k].Index)], score, null, null));
            i -= zc;
            j -= ec;
        }
        links.Reverse();
        return links;
    }
}
