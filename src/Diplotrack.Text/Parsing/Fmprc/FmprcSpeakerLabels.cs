using System.Text.RegularExpressions;

namespace Diplotrack.Text.Parsing.Fmprc;

/// <summary>What a paragraph's leading label says about its turn.</summary>
internal enum TurnRole
{
    /// <summary>A new question: starts a new exchange (<c>问：</c>, <c>路透社记者：</c>, <c>Q:</c>).</summary>
    Question,
    /// <summary>The same journalist again inside the current exchange (<c>追问：</c>, <c>记者：</c>, <c>Follow-up:</c>).</summary>
    FollowUp,
    /// <summary>The spokesperson (<c>答：</c>, <c>赵立坚：</c>, <c>A:</c>).</summary>
    Answer,
}

/// <param name="Length">Characters of the paragraph taken by the label, colon included (0: no label to strip).</param>
/// <param name="Outlet">The asking outlet as printed, for outlet-labelled questions.</param>
/// <param name="SpeakerName">The answering spokesperson's name when the label names them.</param>
/// <param name="Aside">A parenthesised interjection inside another turn, e.g. <c>（记者点头）</c>.</param>
internal sealed record SpeakerLabel(TurnRole Role, int Length, string? Outlet = null, string? SpeakerName = null, bool Aside = false);

/// <summary>
/// Recognises the speaker labels of the Ministry's transcripts (see docs/transcript-formats.md). A label is a short
/// prefix ending in a colon; only known shapes count, so a sentence such as <c>我想强调几点：</c> is never a label.
/// </summary>
internal static partial class FmprcSpeakerLabels
{
    /// <summary>Spokespersons of the corpus years; the page title's name is added per page.</summary>
    public static readonly IReadOnlyList<string> KnownChineseNames = ["耿爽", "华春莹", "陆慷", "赵立坚"];
    public static readonly IReadOnlyList<string> KnownEnglishNames = ["Geng Shuang", "Hua Chunying", "Lu Kang", "Zhao Lijian"];

    private const int MaxLabelLength = 30;

    public static SpeakerLabel? Chinese(string paragraph, IReadOnlyCollection<string> spokespersons)
    {
        // A journalist's aside inside an answer: （记者点头） / （记者：日本媒体。…）. Kept whole as the journalist's turn.
        if (paragraph.StartsWith("（记者", StringComparison.Ordinal) || paragraph.StartsWith("(记者", StringComparison.Ordinal))
            return new SpeakerLabel(TurnRole.FollowUp, 0, Aside: true);

        var colon = paragraph.IndexOfAny(['：', ':']);
        if (colon <= 0 || colon > MaxLabelLength) return null;
        var label = paragraph[..colon].Trim(' ', '\u3000');
        var length = colon + 1;

        if (label is "问" or "问题") return new SpeakerLabel(TurnRole.Question, length);
        if (label == "答") return new SpeakerLabel(TurnRole.Answer, length);
        foreach (var name in spokespersons)
        {
            if (label == name || label == name + "表示")
                return new SpeakerLabel(TurnRole.Answer, length, SpeakerName: name);
        }
        if (ChineseFollowUp().IsMatch(label)) return new SpeakerLabel(TurnRole.FollowUp, length);
        // 记者问 / 有记者问 / 会后有记者问及 / 会后有俄罗斯记者问及: a question with no outlet named.
        if (ChineseUnnamedQuestion().IsMatch(label)) return new SpeakerLabel(TurnRole.Question, length);
        var outlet = ChineseOutlet().Match(label);
        if (outlet.Success) return new SpeakerLabel(TurnRole.Question, length, Outlet: outlet.Groups["outlet"].Value);
        return null;
    }

    public static SpeakerLabel? English(string paragraph, IReadOnlyCollection<string> spokespersons)
    {
        var colon = paragraph.IndexOf(':');
        if (colon <= 0 || colon > 60) return null;
        var label = paragraph[..colon].Trim();
        var length = colon + 1;

        if (label is "Q" or "Question") return new SpeakerLabel(TurnRole.Question, length);
        if (label is "A" or "Answer") return new SpeakerLabel(TurnRole.Answer, length);
        foreach (var name in spokespersons)
        {
            if (string.Equals(label, name, StringComparison.OrdinalIgnoreCase))
                return new SpeakerLabel(TurnRole.Answer, length, SpeakerName: name);
        }
        if (EnglishFollowUp().IsMatch(label)) return new SpeakerLabel(TurnRole.FollowUp, length);
        var outlet = EnglishOutlet().Match(label);
        if (outlet.Success && label.Split(' ').Length <= 6 && !NotAnOutlet.Contains(label))
            return new SpeakerLabel(TurnRole.Question, length, Outlet: outlet.Groups["outlet"].Value);
        return null;
    }

    // Capitalised phrases before a colon that open a spokesperson's sentence rather than name an outlet.
    private static readonly HashSet<string> NotAnOutlet = new(StringComparer.OrdinalIgnoreCase)
    {
        "First", "Second", "Third", "Fourth", "Fifth", "Finally", "Lastly", "Note", "Firstly", "Secondly", "Thirdly",
    };

    // 追问 / 追问一 / 记者追问 / 记者 / 记者解释 / 记者澄清 / 记者笑: the journalist continues the current exchange.
    [GeneratedRegex(@"^(追问[一二三四五六七八九十\d]{0,2}|记者(追问|解释|澄清|补充|笑|插话|再问)?)$")]
    private static partial Regex ChineseFollowUp();

    [GeneratedRegex(@"^((会后)?有[^，。、；？！“”\s]{0,8}|会后)?记者(问及|问)$")]
    private static partial Regex ChineseUnnamedQuestion();

    // 路透社记者 / 《北京青年报》记者 / 中央广播电视总台央视记者 / 路透社记者提问. No sentence punctuation inside.
    [GeneratedRegex(@"^(?<outlet>[^，。、；？！“”：\s][^，。、；？！“”：]{0,24}?)记者(提问|问)?$")]
    private static partial Regex ChineseOutlet();

    // Follow-up / Journalist / Journalist clarifies / The journalist clarified / Reporter.
    [GeneratedRegex(@"^(Follow[- ]?up( question)?|(The )?(journalist|reporter)( [a-z]+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFollowUp();

    // Reuters / AFP / CCTV4 / The Paper / Press Trust of India / The Globe and Mail: at most six words, each capitalised
    // (or a linking word), so that "Our position is very clear:" or "At 10:" is not taken for an outlet.
    [GeneratedRegex(@"^(?<outlet>[A-Z][A-Za-z0-9&'’.\-]*( ([A-Z][A-Za-z0-9&'’.\-]*|of|and|the|for|de|du|la|le))*)$")]
    private static partial Regex EnglishOutlet();
}
