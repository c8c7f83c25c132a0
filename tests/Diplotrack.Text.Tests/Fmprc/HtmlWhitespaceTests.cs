using System.Text.RegularExpressions;
using Diplotrack.Text.Parsing.Fmprc;

namespace Diplotrack.Text.Tests.Fmprc;

/// <summary>
/// Paragraph text of briefing pages is rendered as a browser shows it; every statement span depends on it, so the
/// one-pass collapse must give exactly what the rule (collapse runs of HTML white space, trim spaces and U+3000) says.
/// </summary>
public sealed class HtmlWhitespaceTests
{
    private static string Rule(string raw) => Regex.Replace(raw, "[ \t\r\n\f\u00A0]+", " ").Trim(' ', '\u3000');

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("\u3000\u3000问：你好。", "问：你好。")]
    [InlineData("答：\n  中方\u00A0\u00A0立场\t明确。\r\n", "答： 中方 立场 明确。")]
    [InlineData("\u3000 \n\u3000文字\u3000内\u3000", "文字\u3000内")]
    [InlineData("a\fb", "a b")]
    public void Collapses_runs_and_trims_indentation(string raw, string expected)
    {
        Assert.Equal(expected, HtmlWhitespace.Collapse(raw));
        Assert.Equal(Rule(raw), HtmlWhitespace.Collapse(raw));
    }

    [Fact]
    public void Agrees_with_the_rule_on_mixed_text()
    {
        var random = new Random(7);
        const string alphabet = "中美 \t\r\n\f\u00A0\u3000a。";
        for (var i = 0; i < 500; i++)
        {
            var raw = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.Equal(Rule(raw), HtmlWhitespace.Collapse(raw));
        }
    }
}
