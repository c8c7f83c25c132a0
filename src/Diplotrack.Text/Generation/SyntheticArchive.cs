using System.Globalization;
using System.Text;
using static Diplotrack.Text.Generation.SyntheticVocabulary;

namespace Diplotrack.Text.Generation;

/// <summary>One generated transcript: a file name and its exact bytes (UTF-8, no BOM, LF line ends).</summary>
public sealed record GeneratedFile(string Name, byte[] Content, DateOnly Date, string Format);

/// <summary>
/// A synthetic archive of Chinese transcripts for benchmarks: Foreign Ministry regular briefings (HTML, the
/// <c>fmprc-briefing-html</c> format) and, about one file in forty, yearly press-conference articles (the
/// <c>press-article-text</c> format with front matter). Dates run evenly over 2005–2024; each actor's stance
/// follows its own trajectory with one or two shifts, so stance-change jobs have real changes to find.
/// Deterministic: document <c>i</c> depends only on the seed, <c>i</c> and the archive size (which spreads the
/// dates), so bytes are identical across runs and machines, and documents can be generated in any order.
/// </summary>
public sealed class SyntheticArchive
{
    public static readonly DateOnly First = new(2005, 1, 1);
    public static readonly DateOnly Last = new(2024, 12, 31);
    public const string BriefingFormat = "fmprc-briefing-html";
    public const string ArticleFormat = "press-article-text";

    private readonly ulong _seed;
    private readonly Trajectory[] _trajectories;

    public SyntheticArchive(ulong seed = 1)
    {
        _seed = seed;
        var rng = new SplitMix64(seed ^ 0x5EED_0F_A11_AC7025UL);
        _trajectories = Actors.Select(_ => Trajectory.Draw(rng)).ToArray();
    }

    /// <summary>Files 0..count-1, generated lazily one at a time (an archive is never held in memory).</summary>
    public IEnumerable<GeneratedFile> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++) yield return Document(i, count);
    }

    /// <summary>Document <paramref name="index"/> of an archive of <paramref name="count"/> documents.</summary>
    public GeneratedFile Document(int index, int count)
    {
        var rng = new SplitMix64(_seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1);
        var article = index % 40 == 17;
        var date = DateFor(index, count, article, rng);
        var text = article ? new ArticleWriter(this, rng, date).Write() : new BriefingWriter(this, rng, date).Write();
        var name = $"{index:D5}-{date:yyyy-MM-dd}" + (article ? ".txt" : ".shtml");
        return new GeneratedFile(name, Encoding.UTF8.GetBytes(text), date, article ? ArticleFormat : BriefingFormat);
    }

    private static DateOnly DateFor(int index, int count, bool article, SplitMix64 rng)
    {
        // Spread evenly over the twenty years, then nudge to a working day (briefings are held Monday to Friday).
        var span = Last.DayNumber - First.DayNumber;
        var day = First.AddDays((int)((long)span * index / Math.Max(count, 1)));
        if (article) return new DateOnly(day.Year, 3, 5 + rng.Int(10));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day > Last ? Last : day;
    }

    /// <summary>An actor's stance over time: a baseline and one or two dated shifts.</summary>
    private sealed record Trajectory(int Baseline, (DateOnly From, int Stance)[] Shifts)
    {
        public static Trajectory Draw(SplitMix64 rng)
        {
            var baseline = rng.Int(5) - 2;
            var shifts = new List<(DateOnly, int)>();
            var when = new DateOnly(2007 + rng.Int(6), 1 + rng.Int(12), 1);
            var stance = baseline;
            for (var k = 1 + rng.Int(2); k > 0; k--)
            {
                // A shift of at least two points, so it stands out from the day-to-day noise.
                var target = Math.Clamp(stance + (stance >= 0 ? -2 - rng.Int(2) : 2 + rng.Int(2)), -2, 2);
                shifts.Add((when, target));
                stance = target;
                when = when.AddYears(4 + rng.Int(6));
            }
            return new Trajectory(baseline, shifts.ToArray());
        }

        public int At(DateOnly date)
        {
            var stance = Baseline;
            foreach (var (from, s) in Shifts) if (date >= from) stance = s;
            return stance;
        }
    }

    private int StanceOf(int actor, DateOnly date, SplitMix64 rng)
    {
        var s = _trajectories[actor].At(date);
        // Day-to-day noise: one statement in five is a notch warmer or cooler than the trend.
        if (rng.Chance(0.2)) s += rng.Chance(0.5) ? 1 : -1;
        return Math.Clamp(s, -2, 2);
    }

    /// <summary>Fills sentence templates; shared by both formats.</summary>
    private abstract class Writer(SyntheticArchive archive, SplitMix64 rng, DateOnly date)
    {
        protected readonly SplitMix64 Rng = rng;
        protected readonly DateOnly Date = date;

        protected string Fill(string template, int actor, int theme)
        {
            var month = 1 + Rng.Int(12);
            var day = 1 + Rng.Int(26);
            return template
                .Replace("{A}", Actors[actor].Zh, StringComparison.Ordinal)
                .Replace("{T}", Themes[theme].Short, StringComparison.Ordinal)
                .Replace("{L}", Themes[theme].Long, StringComparison.Ordinal)
                .Replace("{P}", Pick(Visitors), StringComparison.Ordinal)
                .Replace("{M}", month.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{D2}", (day + 2).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{D}", day.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        protected T Pick<T>(T[] items) => items[Rng.Int(items.Length)];

        protected string Question(int actor, int theme) => Fill(Pick(QuestionSentences), actor, theme);

        /// <summary>Answer paragraphs about one actor and theme, each of one to three sentences.</summary>
        protected List<string> Answer(int actor, int theme)
        {
            var paragraphs = new List<string>();
            for (var p = 1 + Rng.Int(3); p > 0; p--)
            {
                var sb = new StringBuilder();
                for (var s = 1 + Rng.Int(3); s > 0; s--)
                {
                    var template = Rng.Chance(0.3)
                        ? Pick(FillerSentences)
                        : Pick(StanceSentences[archive.StanceOf(actor, Date, Rng) + 2]);
                    sb.Append(Fill(template, actor, theme));
                }
                paragraphs.Add(sb.ToString());
            }
            return paragraphs;
        }
    }

    private sealed class BriefingWriter(SyntheticArchive archive, SplitMix64 rng, DateOnly date) : Writer(archive, rng, date)
    {
        private readonly StringBuilder _html = new();

        public string Write()
        {
            var spokesperson = Pick(Spokespersons);
            var title = $"{Date.Year}年{Date.Month}月{Date.Day}日外交部发言人{spokesperson}主持例行记者会";
            _html.Append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
                .Append("<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n")
                .Append("<title>发言人表态</title>\n</head>\n<body>\n\t<div class=\"vibox\">\n")
                .Append("\t\t<div class=\"title\" id=\"News_Body_Title\">").Append(title.Replace("主持", "<br>主持", StringComparison.Ordinal)).Append("</div>\n")
                .Append("\t\t<div class=\"time\"><span id=\"News_Body_source\">来源：</span><span id=\"News_Body_Time\">")
                .Append(Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</span></div>\n")
                .Append("\t\t<div id=\"News_Body_Txt_A\" class=\"content\">\n");
            Paragraph("", bold: false);
            if (Rng.Chance(0.4))
            {
                var actor = Rng.Int(Actors.Length);
                var theme = Rng.Int(Themes.Length);
                Paragraph(Fill(OpeningSentences[0], actor, theme) + Fill(OpeningSentences[1], actor, theme), bold: false);
                if (Rng.Chance(0.5)) Paragraph(Fill(OpeningSentences[3], actor, theme), bold: false);
            }
            for (var exchanges = 6 + Rng.Int(9); exchanges > 0; exchanges--)
            {
                var actor = Rng.Int(Actors.Length);
                var theme = Rng.Int(Themes.Length);
                var label = Rng.Chance(0.7) ? Pick(Outlets) + "记者：" : "问：";
                Paragraph(label + Question(actor, theme), bold: true);
                Turn("答：", Answer(actor, theme));
                if (Rng.Chance(0.3))
                {
                    Paragraph("追问：" + Pick(FollowUps), bold: true);
                    Turn("答：", Answer(actor, theme));
                }
                if (Rng.Chance(0.1)) _html.Append("<P align=center><IMG src=\"./W0001.jpg\" OLDSRC=\"W0001.jpg\"/></P>\n");
            }
            _html.Append("\t\t</div>\n")
                .Append("\t\t<div class=\"news\" id=\"relnews_list\" style=\"display:none;\">\n\t\t\t<div class=\"news_top\">相关新闻</div>\n\t\t\t<ul>\n")
                .Append("\t\t\t\t<li><a href=\"./t0000001.shtml\" target=\"_blank\">").Append(title).Append("</a></li>\n")
                .Append("\t\t\t</ul>\n\t\t</div>\n\t</div>\n</body>\n</html>\n");
            return _html.ToString();
        }

        private void Turn(string label, List<string> paragraphs)
        {
            for (var i = 0; i < paragraphs.Count; i++) Paragraph((i == 0 ? label : "") + paragraphs[i], bold: false);
        }

        private void Paragraph(string text, bool bold)
        {
            // The pages indent with full-width spaces and sometimes &nbsp;; the parser trims both.
            _html.Append("<P style=\"FONT-FAMILY: arial\">").Append(Rng.Chance(0.1) ? "&nbsp;&nbsp;　　" : "　　");
            if (bold) _html.Append("<B>").Append(text).Append("</B>");
            else _html.Append(text);
            _html.Append("</P>\n");
        }
    }

    private sealed class ArticleWriter(SyntheticArchive archive, SplitMix64 rng, DateOnly date) : Writer(archive, rng, date)
    {
        public string Write()
        {
            var minister = Pick(Ministers);
            var headline = Pick(Headlines);
            var venue = Pick(Venues);
            var occasion = NpcSession(Date.Year);
            var sb = new StringBuilder();
            sb.Append("---\n")
                .Append("title: ").Append(minister).Append("外长答中外记者问：").Append(headline).Append('\n')
                .Append("date: ").Append(Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
                .Append("kind: npc-press-conference\n")
                .Append("place: ").Append(venue).Append('\n')
                .Append("occasion: ").Append(occasion).Append('\n')
                .Append("language: zh\n")
                .Append("source: synthetic benchmark archive\n")
                .Append("government: CN\n")
                .Append("---\n\n");
            sb.Append("## ").Append(minister).Append("外长答中外记者问\n\n");
            sb.Append("# ").Append(headline).Append("\n\n");
            sb.Append(Date.Month).Append('月').Append(Date.Day).Append("日，").Append(occasion).Append("在").Append(venue)
                .Append("举行记者会。外交部长").Append(minister).Append("就中国外交政策和对外关系回答中外记者提问。\n\n");

            var sections = SectionTitles.OrderBy(_ => Rng.Next()).Take(3 + Rng.Int(3)).ToArray();
            foreach (var section in sections)
            {
                var body = new StringBuilder();
                string? quote = null;
                for (var exchanges = 2 + Rng.Int(4); exchanges > 0; exchanges--)
                {
                    var actor = Rng.Int(Actors.Length);
                    var theme = Rng.Int(Themes.Length);
                    body.Append(Pick(Outlets)).Append("记者：").Append(Question(actor, theme)).Append("\n\n");
                    var answer = Answer(actor, theme);
                    for (var i = 0; i < answer.Count; i++)
                        body.Append(i == 0 ? minister + "：" : "").Append(answer[i]).Append("\n\n");
                    // The pull-quote repeats the first sentence of the section's first answer.
                    quote ??= answer[0][..(answer[0].IndexOf('。', StringComparison.Ordinal) + 1)];
                }
                sb.Append("### ").Append(section).Append("\n\n");
                sb.Append('“').Append(quote).Append("”\n\n");
                sb.Append(body);
            }
            return sb.ToString();
        }

        /// <summary>Term N of the NPC opened in 1978 + 5(N − 5); its M-th session meets in that year + M − 1.</summary>
        private static string NpcSession(int year)
        {
            var term = 5 + (year - 1978) / 5;
            var session = (year - 1978) % 5 + 1;
            return $"{Numeral(term)}届全国人大{Numeral(session)}次会议";
        }

        private static string Numeral(int n)
        {
            const string digits = "零一二三四五六七八九";
            return n switch
            {
                < 10 => digits[n].ToString(),
                10 => "十",
                < 20 => "十" + digits[n - 10],
                _ => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            };
        }
    }
}

/// <summary>SplitMix64: tiny, fast and fully specified, so a seed gives the same archive on every .NET version.</summary>
internal sealed class SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Int(int bound) => (int)(Next() % (ulong)bound);

    public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;
}
