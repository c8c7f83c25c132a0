using System.Text.RegularExpressions;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Evaluation;

/// <summary>Runs the coder over the documents of a gold set and scores it, with the real parser's segmentation.</summary>
public static partial class CoderEvaluation
{
    public static ScoreReport Run(StatementCoder coder, IReadOnlyList<GoldDocument> gold, Func<GoldDocument, ParsedDocument> source, ScoreOptions options)
    {
        var documents = gold.Select(g => (g.Name, g.Statements, SystemStatement.From(coder.Code(source(g))))).ToList();
        return GoldScorer.Score(documents, options);
    }

    /// <summary>
    /// As above when a gold file codes sentences of several source documents (or may): every source is coded and their
    /// statements are pooled before matching, which is by text (shared/eval/README.md), so order across sources is moot.
    /// </summary>
    public static ScoreReport RunPooled(StatementCoder coder, IReadOnlyList<GoldDocument> gold, Func<GoldDocument, IReadOnlyList<ParsedDocument>> sources, ScoreOptions options)
    {
        var documents = gold.Select(g => (g.Name, g.Statements,
            (IReadOnlyList<SystemStatement>)sources(g).SelectMany(d => SystemStatement.From(coder.Code(d))).ToList())).ToList();
        return GoldScorer.Score(documents, options);
    }

    /// <summary>Whether a gold file's name carries the page id of a briefing (<c>…-t1420479</c>), so its page can be found.</summary>
    public static bool HasPageId(string goldName) => PageId().IsMatch(goldName);

    // A briefing gold file is named <date>-t<page id> after the page it codes (t1420479.shtml).
    [GeneratedRegex(@"(t\d+)$")]
    private static partial Regex PageId();

    /// <summary>
    /// The source page of a briefing gold file under a corpus folder: <c>2016-12-01-t1420479</c> → the one
    /// <c>t1420479.shtml</c> below <paramref name="corpus"/>. Throws when there is none or more than one.
    /// </summary>
    public static string FindSource(string corpus, string goldName)
    {
        var id = PageId().Match(goldName);
        if (!id.Success) throw new FileNotFoundException($"gold file {goldName}: its name does not end with a page id (-tNNNN)");
        var hits = Directory.EnumerateFiles(corpus, id.Groups[1].Value + ".shtml", SearchOption.AllDirectories).ToList();
        return hits.Count switch
        {
            1 => hits[0],
            0 => throw new FileNotFoundException($"gold file {goldName}: no {id.Groups[1].Value}.shtml under {corpus}"),
            _ => throw new InvalidDataException($"gold file {goldName}: {hits.Count} pages named {id.Groups[1].Value}.shtml under {corpus}"),
        };
    }

    /// <summary>Parses a source file with the default reader, as ingestion does.</summary>
    public static ParsedDocument Parse(string path) =>
        TranscriptReader.Default.Read(new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path)));
}
