using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Support;

/// <summary>The seed document as the real pipeline parses it: what the coder is scored on.</summary>
public static class SeedDocument
{
    public static ParsedDocument Parse()
    {
        var path = TestFiles.SeedDocumentPath;
        return TranscriptReader.Default.Read(new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path)));
    }
}
