using System.Globalization;
using System.Text;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Benchmarks;

/// <summary>
/// One measured input of <see cref="PipelineBenchmarks"/>: the seed, or a few real briefing pages of one language,
/// parsed and coded one after another in each call. <see cref="ToString"/> is what the summary table shows.
/// </summary>
public sealed class PipelineInput
{
    public required string Name { get; init; }
    public required IReadOnlyList<SourceFile> Files { get; init; }

    /// <summary>Bytes of the files as read (UTF-8; HTML pages include their markup).</summary>
    public long Bytes => Files.Sum(f => (long)f.Content.Length);

    /// <summary>UTF-8 bytes of the text the parser extracts (<see cref="ParsedDocument.NormalisedText"/>): the prose that gets coded.</summary>
    public required long TextBytes { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// The inputs: always the seed; with <c>DIPLOTRACK_CORPUS</c> set (the read-only crawl, e.g. /work/shared/corpus)
/// also <see cref="PagesPerLanguage"/> Chinese and as many English transcript pages, read from there at benchmark time
/// (never copied into the repository). Pages are taken at evenly spaced places of the manifest so that every year's
/// layout is represented and every run measures the same pages.
/// </summary>
public static class PipelineInputs
{
    public const int PagesPerLanguage = 3;

    private static readonly Lazy<IReadOnlyList<PipelineInput>> Cached = new(Load);

    public static IReadOnlyList<PipelineInput> All => Cached.Value;

    private static IReadOnlyList<PipelineInput> Load()
    {
        var seed = new SourceFile("seed.txt", Encoding.UTF8.GetBytes(BenchmarkData.SeedText));
        var inputs = new List<PipelineInput> { Input("seed", [seed]) };
        var corpus = Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS");
        if (string.IsNullOrEmpty(corpus)) return inputs;

        var root = Path.Combine(corpus, "fmprc");
        var manifest = Path.Combine(root, "manifest.csv");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"DIPLOTRACK_CORPUS is set but {manifest} does not exist", manifest);
        // manifest.csv: path,url,kind,lang,... — paths and kinds hold no commas.
        var transcripts = File.ReadLines(manifest).Skip(1).Select(l => l.Split(','))
            .Where(f => f[2] == "transcript").Select(f => (Path: f[0], Lang: f[3])).ToList();
        foreach (var lang in new[] { "zh", "en" })
        {
            var rows = transcripts.Where(t => t.Lang == lang).ToList();
            var files = new List<SourceFile>();
            // Evenly spaced picks; a page the parser refuses (an English title without a year) is replaced by the next one.
            for (var k = 0; k < PagesPerLanguage && rows.Count > 0; k++)
            {
                for (var i = (int)((k + 0.5) * rows.Count / PagesPerLanguage); i < rows.Count; i++)
                {
                    var file = new SourceFile(rows[i].Path, File.ReadAllBytes(Path.Combine(root, rows[i].Path)));
                    if (files.Any(f => f.Name == file.Name) || !Parses(file)) continue;
                    files.Add(file);
                    break;
                }
            }
            if (files.Count > 0) inputs.Add(Input($"{lang} x{files.Count}", files));
        }
        return inputs;
    }

    private static PipelineInput Input(string name, IReadOnlyList<SourceFile> files)
    {
        var text = files.Sum(f => (long)Encoding.UTF8.GetByteCount(TranscriptReader.Default.Read(f).NormalisedText));
        var bytes = files.Sum(f => (long)f.Content.Length);
        return new PipelineInput
        {
            // Short: BenchmarkDotNet abbreviates parameter values longer than 20 characters.
            Name = string.Create(CultureInfo.InvariantCulture, $"{name} ({bytes / 1000.0:0.#} kB)"),
            Files = files,
            TextBytes = text,
        };
    }

    private static bool Parses(SourceFile file)
    {
        try
        {
            TranscriptReader.Default.Read(file);
            return true;
        }
        catch (DocumentRejectedException)
        {
            return false;
        }
    }
}
