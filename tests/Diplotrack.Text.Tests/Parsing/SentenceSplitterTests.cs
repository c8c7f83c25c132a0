using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Parsing;

public sealed class SentenceSplitterTests
{
    private static string[] Split(string text) =>
        SentenceSplitter.Split(text, 0, text.Length).Select(s => text[s.Start..s.End]).ToArray();

    [Theory]
    [InlineData("中方欢迎。我们支持！你怎么看？", new[] { "中方欢迎。", "我们支持！", "你怎么看？" })]
    // Repeated marks stay together; the paragraph end ends the last sentence even without a mark.
    [InlineData("真的吗？！这是事实", new[] { "真的吗？！", "这是事实" })]
    // A closing quote right after the mark stays with the sentence; marks inside a quotation do not split it.
    [InlineData("他说：“我们反对。我们坚决反对。”会议结束。", new[] { "他说：“我们反对。我们坚决反对。”", "会议结束。" })]
    [InlineData("「好。」他走了。", new[] { "「好。」", "他走了。" })]
    // A book title is a name inside its sentence, even when it ends with a mark.
    [InlineData("纪录片《好久不见，武汉！》引发热议。", new[] { "纪录片《好久不见，武汉！》引发热议。" })]
    [InlineData("We oppose it. Do you agree? Yes!", new[] { "We oppose it.", "Do you agree?", "Yes!" })]
    // Abbreviations, initials, decimals and a following lower-case word do not end an English sentence.
    [InlineData("Mr. Pompeo met the U.S. delegation at 3.5 p.m. today. It went well.", new[] { "Mr. Pompeo met the U.S. delegation at 3.5 p.m. today.", "It went well." })]
    [InlineData("He said \"stop. Now.\" Then he left.", new[] { "He said \"stop. Now.\"", "Then he left." })]
    [InlineData("  　前后空白被去掉。  ", new[] { "前后空白被去掉。" })]
    [InlineData("", new string[0])]
    public void Splits_at_end_marks_by_the_codebook_rules(string text, string[] expected) =>
        Assert.Equal(expected, Split(text));

    [Fact]
    public void Spans_point_into_the_given_range_of_a_larger_text()
    {
        const string text = "问：甲方同意吗？乙方呢？\n\n答：同意。";
        var spans = SentenceSplitter.Split(text, 2, 12);
        Assert.Equal([(2, 8), (8, 12)], spans);
        Assert.Equal("甲方同意吗？", text[2..8]);
    }

    [Fact]
    public void A_range_outside_the_text_is_an_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SentenceSplitter.Split("abc", 1, 5));
}
