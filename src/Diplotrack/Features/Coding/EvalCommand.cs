using System.CommandLine;
using System.Text.Json;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Evaluation;

namespace Diplotrack.Features.Coding;

/// <summary>
/// <c>diplotrack eval [GOLD...] [--kinds answer,opening] [--json] [--worst N]</c>: codes the sources of gold files and
/// scores the coder (shared/eval/README.md) with no database. A thin verb: finding, coding and scoring are the library's
/// (<see cref="CoderEvaluation"/>, <see cref="GoldScorer"/>, <see cref="ScoreReportWriter"/>).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string[]>("gold")
        {
            Description = "Gold folders (one JSONL per briefing) or files; default seed/gold/fmprc.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var kinds = new Option<string?>("--kinds") { Description = "Score only these statement kinds, comma-separated (e.g. answer,opening)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per gold argument, in an array." };
        var worst = new Option<int>("--worst") { Description = "How many worst statements to list.", DefaultValueFactory = _ => 10 };
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "Corpus folder holding the briefing pages (default $DIPLOTRACK_CORPUS)." };
        var source = new Option<FileInfo[]>("--source")
        {
            Description = "Source document(s) for gold files whose name has no page id (default: seed/documents/*); matched by text.",
            AllowMultipleArgumentsPerToken = true,
        };
        var codebook = new Option<DirectoryInfo?>("--codebook") { Description = "Codebook directory (default: seed/codebook)." };
        var command = new Command("eval", "Score the coder against gold codings; needs no database.") { gold, kinds, json, worst, corpus, source, codebook };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var seed = new SeedOptions().ResolveDirectory();
                var coder = new StatementCoder(CodebookLoader.Load(parse.GetValue(codebook)?.FullName ?? Path.Combine(seed, "codebook")));
                var golds = parse.GetValue(gold) is { Length: > 0 } g ? g : [Path.Combine(seed, "gold", "fmprc")];
                var corpusDir = parse.GetValue(corpus)?.FullName ?? Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS");
                var sources = parse.GetValue(source) is { Length: > 0 } s ? s.Select(f => f.FullName).ToList()
                    : Directory.EnumerateFiles(Path.Combine(seed, "documents")).Order(StringComparer.Ordinal).ToList();
                var options = new ScoreOptions
                {
                    Worst = Math.Max(0, parse.GetValue(worst)),
                    Kinds = parse.GetValue(kinds) is { Length: > 0 } k
                        ? k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
                        : null,
                };

                var reports = golds.Select(path => (path, Score(coder, path, corpusDir, sources, options))).ToList();
                if (parse.GetValue(json))
                {
                    await using var stdout = Console.OpenStandardOutput();
                    await using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        w.WriteStartArray();
                        foreach (var (path, report) in reports) ScoreReportWriter.WriteJson(w, report, Label(path, options));
                        w.WriteEndArray();
                    }
                    await stdout.WriteAsync("\n"u8.ToArray(), ct);
                }
                else
                    foreach (var (path, report) in reports) Console.Write(ScoreReportWriter.Text(report, Label(path, options)) + "\n");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or CodebookException or InvalidOperationException
                                           or DocumentRejectedException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"diplotrack: {(ex is DocumentRejectedException d ? d.Reason : ex.Message)}");
                return 2;
            }
        });
        return command;
    }

    private static string Label(string path, ScoreOptions options) =>
        options.Kinds is { } k ? $"{path} (kinds {string.Join(",", k.Order(StringComparer.Ordinal))})" : $"{path} (all kinds)";

    /// <summary>
    /// A briefing gold file (<c>&lt;date&gt;-t&lt;page id&gt;.jsonl</c>, seed/gold/README.md) is scored against its page in the
    /// corpus; any other gold file (the seed gold) against the given source documents, matched by text.
    /// </summary>
    private static ScoreReport Score(StatementCoder coder, string path, string? corpus, IReadOnlyList<string> sources, ScoreOptions options)
    {
        IReadOnlyList<GoldDocument> documents = Directory.Exists(path) ? GoldSet.ReadFolder(path)
            : File.Exists(path) ? [new GoldDocument(Path.GetFileNameWithoutExtension(path), GoldSet.ReadFile(path))]
            : throw new FileNotFoundException($"gold not found: {path}");
        if (documents.Count == 0) throw new InvalidDataException($"no *.jsonl gold files in {path}");
        return CoderEvaluation.RunPooled(coder, documents, g =>
        {
            if (!CoderEvaluation.HasPageId(g.Name)) return sources.Select(CoderEvaluation.Parse).ToList();
            if (string.IsNullOrEmpty(corpus))
                throw new InvalidOperationException($"gold file {g.Name} codes a briefing page: set DIPLOTRACK_CORPUS or pass --corpus");
            return [CoderEvaluation.Parse(CoderEvaluation.FindSource(corpus, g.Name))];
        }, options);
    }
}
