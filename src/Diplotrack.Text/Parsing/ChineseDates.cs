using System.Text.RegularExpressions;

namespace Diplotrack.Text.Parsing;

/// <summary>
/// Dates a Chinese article states only partly. Press articles print <c>3月7日</c> without a year; the year then
/// follows from the occasion: the 5th National People's Congress (and the 5th CPPCC National Committee) opened in
/// 1978 and each term since lasts five years, so term N opened in 1978 + 5 × (N − 5) and its M-th annual session
/// met in that year + M − 1 (十四届全国人大二次会议 → 2024).
/// </summary>
internal static partial class ChineseDates
{
    private const string Numeral = "[〇零一二三四五六七八九十两0-9]+";

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?<![\d年])(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex MonthDay();

    [GeneratedRegex(
        @"(?<pre>全国人大|全国政协|政协)?第?(?<n>" + Numeral + @")届(?<body>全国人大|全国人民代表大会|全国政协|中国人民政治协商会议全国委员会)?(?:常委会)?第?(?<m>" + Numeral + @")次(?:全体)?会议")]
    private static partial Regex Session();

    /// <summary>The first full date (2024年3月7日) in the text.</summary>
    public static DateOnly? FindFullDate(string text)
    {
        foreach (Match m in FullDate().Matches(text))
        {
            if (TryDate(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value)) is { } date)
                return date;
        }
        return null;
    }

    /// <summary>The first month and day (3月7日) not preceded by a year.</summary>
    public static (int Month, int Day)? FindMonthDay(string text)
    {
        var m = MonthDay().Match(text);
        return m.Success ? (int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value)) : null;
    }

    /// <summary>The annual NPC or CPPCC session named in the text, e.g. <c>十四届全国人大二次会议</c>; null when none.</summary>
    public static (string Occasion, int Year)? FindSession(string text)
    {
        foreach (Match m in Session().Matches(text))
        {
            // A standing-committee meeting (常委会第八次会议) is not an annual session: its number says nothing of the year.
            if (m.Value.Contains("常委会")) continue;
            if (!m.Groups["pre"].Success && !m.Groups["body"].Success) continue;
            if (ParseNumeral(m.Groups["n"].Value) is not { } term || ParseNumeral(m.Groups["m"].Value) is not { } session) continue;
            if (term < 5 || session is < 1 or > 5) continue;
            return (m.Value, 1978 + 5 * (term - 5) + session - 1);
        }
        return null;
    }

    public static DateOnly? TryDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    /// <summary>Chinese numerals up to 99 (十四, 二十一, 两) or Arabic digits.</summary>
    internal static int? ParseNumeral(string s)
    {
        if (int.TryParse(s, out var arabic)) return arabic;
        const string digits = "〇一二三四五六七八九";
        int Digit(char c) => c == '零' ? 0 : c == '两' ? 2 : digits.IndexOf(c);
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 && Digit(s[0]) >= 0 ? Digit(s[0]) : null;
        var tensPart = s[..ten];
        var onesPart = s[(ten + 1)..];
        int tens = tensPart.Length == 0 ? 1 : tensPart.Length == 1 ? Digit(tensPart[0]) : -1;
        int ones = onesPart.Length == 0 ? 0 : onesPart.Length == 1 ? Digit(onesPart[0]) : -1;
        return tens < 0 || ones < 0 ? null : tens * 10 + ones;
    }
}
