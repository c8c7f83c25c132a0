using System.CommandLine;
using System.Text;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Diplotrack.Features.Coding;

/// <summary><c>diplotrack code FILE [--json]</c>: parse and code one transcript with no database.</summary>
public static class CodeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A transcript file of any supported format." };
        var json = new Option<bool>("--json") { Description = "Write the JSON contract of docs/code-json.md instead of a table." };
        var codebook = new Option<DirectoryInfo?>("--codebook") { Description = "Codebook directory (default: seed/codebook)." };
        var command = new Command("code", "Parse and code one transcript and print the result; needs no database.") { file, json, codebook };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var dir = parse.GetValue(codebook)?.FullName ?? Path.Combine(new SeedOptions().ResolveDirectory(), "codebook");
                // The same coder as ingestion: the rules, refined by the learned model when its file is present.
                // No logger here: stdout carries the JSON contract, and the model version is in the table header.
                var modelPath = new CodingOptions { ModelPath = Environment.GetEnvironmentVariable("Coding__ModelPath") }.ResolveModelPath(new SeedOptions());
                var coder = CoderCache.ForFiles(CodebookLoader.Load(dir), modelPath, NullLogger.Instance);
                if (!path.Exists) throw new DocumentRejectedException("file not found");
                var parsed = TranscriptReader.Default.Read(new SourceFile(path.Name, await File.ReadAllBytesAsync(path.FullName, ct)));
                var coded = coder.Code(parsed);
                if (parse.GetValue(json))
                {
                    await using var stdout = Console.OpenStandardOutput();
                    CodeJsonWriter.Write(stdout, coded);
                    await stdout.WriteAsync("\n"u8.ToArray(), ct);
                }
                else Console.Write(Table(coded, coder.ModelVersion));
                return 0;
            }
            catch (DocumentRejectedException ex)
            {
                await Console.Error.WriteLineAsync($"diplotrack: {path}: {ex.Reason}");
                return 1;
            }
            catch (Exception ex) when (ex is CodebookException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"diplotrack: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>A readable listing: one block per statement with its themes and targets.</summary>
    public static string Table(CodedDocument coded, string? modelVersion = null)
    {
        var doc = coded.Document;
        var sb = new StringBuilder();
        sb.AppendLine($"{doc.Metadata.Title} — {doc.Metadata.Date:yyyy-MM-dd} ({doc.Metadata.Kind}, {doc.Metadata.Language}), codebook v{coded.CodebookVersion}{(modelVersion is null ? "" : $", model {modelVersion}")}");
        sb.AppendLine($"{doc.Statements.Count} statements, {doc.Exchanges.Count} exchanges, sha256 {doc.Sha256}");
        var codings = coded.Statements.ToDictionary(c => c.StatementIndex);
        foreach (var s in doc.Statements)
        {
            var c = codings[s.Index];
            sb.AppendLine();
            sb.AppendLine($"#{s.Index} {s.Kind.ToId()} [{s.Start},{s.End}) ex {(s.Exchange?.ToString() ?? "-")} {s.Speaker?.Name}  themes: {string.Join(", ", c.Themes)}");
            sb.AppendLine($"   {s.Text}");
            foreach (var t in c.Targets)
            {
                var evidence = string.Join(" ", t.Evidence.Select(e => $"{e.Role}:{e.Term}@{e.Start}"));
                sb.AppendLine($"   → {t.Actor,-14} stance {t.Stance,2:+0;-0;0}  {t.Source,-10} conf {t.Confidence:0.00}  {evidence}");
            }
        }
        return sb.ToString();
    }
}
