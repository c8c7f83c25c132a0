using System.Buffers;
using System.Text;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing;

internal sealed record DecodedText(string Text, bool LineEndingsRepaired);

/// <summary>
/// Turns raw bytes into text, or refuses them with a reason a user can act on.
/// Strict on purpose: a wrongly decoded file would store garbled statements that look real.
/// </summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DecodedText Decode(byte[] bytes, long maxBytes)
    {
        if (bytes.Length > maxBytes)
            throw new DocumentRejectedException($"too large: {bytes.Length} bytes, the limit is {maxBytes} bytes");
        if (bytes.Length == 0)
            throw new DocumentRejectedException("empty file");

        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new DocumentRejectedException("not UTF-8: looks like UTF-16 (byte-order mark); convert it to UTF-8");
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            content = content[3..];

        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
            throw new DocumentRejectedException($"binary file: NUL byte at offset {nul}");
        var controls = CountControlBytes(content);
        // A stray control character can survive copy-paste; many of them mean this is not text.
        if (controls >= 4 && controls * 100L > content.Length)
            throw new DocumentRejectedException($"binary file: {controls} control characters in {content.Length} bytes");

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? $" at byte {ex.Index}" : "";
            throw new DocumentRejectedException(LooksLikeGb18030(content)
                ? "not UTF-8: looks like GBK/GB18030; convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"
                : $"not UTF-8: invalid byte sequence{offset}; save the file as UTF-8");
        }

        if (string.IsNullOrWhiteSpace(text))
            throw new DocumentRejectedException("empty file: only whitespace");

        var repaired = text.Contains('\r');
        if (repaired)
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return new DecodedText(text, repaired);
    }

    // C0 controls and DEL, except tab, LF, CR and form feed, which occur in real text files.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
         0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    private static int CountControlBytes(ReadOnlySpan<byte> content)
    {
        // Vectorised search: real files have none or a few, so this skips whole pages at a time.
        var count = 0;
        for (var i = content.IndexOfAny(ControlBytes); i >= 0; i = content.IndexOfAny(ControlBytes))
        {
            count++;
            content = content[(i + 1)..];
        }
        return count;
    }

    /// <summary>Bytes that decode cleanly as GB18030 into mostly CJK characters were almost certainly saved as GBK.</summary>
    private static bool LooksLikeGb18030(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = Gb18030.Value.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        int nonAscii = 0, cjk = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            nonAscii++;
            if (c is >= '\u4E00' and <= '\u9FFF' || c is >= '\u3000' and <= '\u303F' || c is >= '\uFF00' and <= '\uFFEF')
                cjk++;
        }
        return nonAscii > 0 && cjk * 10 >= nonAscii * 8;
    }

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        // GB18030 is not built into .NET; the code-pages provider ships with the runtime.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });
}
