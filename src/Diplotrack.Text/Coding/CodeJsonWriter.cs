using System.Text.Encodings.Web;
using System.Text.Json;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Writes a <see cref="CodedDocument"/> as the code JSON contract of docs/code-json.md
/// (what <c>diplotrack code</c> prints and what analysts diff between codebook versions).
/// </summary>
public static class CodeJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Chinese stays readable instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(CodedDocument coded)
    {
        using var stream = new MemoryStream();
        Write(stream, coded);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, CodedDocument coded)
    {
        ArgumentNullException.ThrowIfNull(coded);
        var doc = coded.Document;
        if (coded.Statements.Count != doc.Statements.Count)
            throw new ArgumentException($"coding has {coded.Statements.Count} statements, document {doc.Statements.Count}", nameof(coded));
        var codingOf = coded.Statements.ToDictionary(c => c.StatementIndex);

        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteStartObject("document");
        w.WriteString("title", doc.Metadata.Title);
        w.WriteString("date", doc.Metadata.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("kind", doc.Metadata.Kind);
        w.WriteString("language", doc.Metadata.Language);
        w.WriteString("sha256", doc.Sha256);
        w.WriteEndObject();
        w.WriteNumber("codebook_version", coded.CodebookVersion);
        w.WriteStartArray("statements");
        foreach (var s in doc.Statements)
        {
            var c = codingOf.TryGetValue(s.Index, out var found) ? found
                : throw new ArgumentException($"statement {s.Index} has no coding", nameof(coded));
            w.WriteStartObject();
            w.WriteNumber("index", s.Index);
            w.WriteString("kind", s.Kind.ToId());
            if (s.Exchange is { } e) w.WriteNumber("exchange", e); else w.WriteNull("exchange");
            if (s.Speaker is { } sp) w.WriteString("speaker", sp.Name); else w.WriteNull("speaker");
            w.WriteNumber("start", s.Start);
            w.WriteNumber("end", s.End);
            w.WriteString("text", s.Text);
            w.WriteStartArray("themes");
            foreach (var t in c.Themes) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteStartArray("targets");
            foreach (var t in c.Targets)
            {
                w.WriteStartObject();
                w.WriteString("actor", t.Actor);
                w.WriteNumber("stance", t.Stance);
                w.WriteString("source", t.Source);
                w.WriteNumber("confidence", Math.Round(t.Confidence, 3));
                w.WriteStartArray("evidence");
                foreach (var ev in t.Evidence)
                {
                    w.WriteStartObject();
                    w.WriteNumber("start", ev.Start);
                    w.WriteNumber("end", ev.End);
                    w.WriteString("role", ev.Role);
                    w.WriteString("term", ev.Term);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
