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

    private static int CountControlBytes(ReadOnlySpan<byte> content)
    {
        var count = 0;
        foreach (var b in content)
        {
            // Tab, LF, CR and form feed occur in real text files.
            if ((b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C)) || b == 0x7F)
                count++;
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
