using System.Net;
using System.Text;

namespace Diplotrack.Tests.Jobs;

/// <summary>
/// Small synthetic pages in the Foreign Ministry's layout (the containers and labels the real format reads), written
/// by the tests: never copies of the corpus.
/// </summary>
public static class FixturePages
{
    public static string Transcript(DateOnly date, string spokesperson, params (string Question, string Answer)[] exchanges)
    {
        var body = new StringBuilder();
        body.Append("<P align=center><IMG src=\"./W0001.jpg\"/></P>\n");
        foreach (var (q, a) in exchanges)
        {
            body.Append($"<P>　　<B>问：{WebUtility.HtmlEncode(q)}</B></P>\n");
            body.Append($"<P>　　答：{WebUtility.HtmlEncode(a)}</P>\n");
        }
        var title = $"{date.Year}年{date.Month}月{date.Day}日外交部发言人{spokesperson}主持例行记者会";
        return $"""
            <!DOCTYPE html>
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>发言人表态</title></head>
            <body><div class="vibox">
            <div class="title" id="News_Body_Title">{title}</div>
            <div class="time"><span id="News_Body_Time">{date:yyyy-MM-dd}</span></div>
            <div id="News_Body_Txt_A" class="content">
            {body}</div>
            <div class="news" id="relnews_list"><ul><li><a href="./t0000001.shtml">相关新闻</a></li></ul></div>
            </div></body></html>
            """;
    }

    /// <summary>A listing page with the Ministry's script-written pager (<c>var currentPage</c> / <c>var countPage</c>).</summary>
    public static string Listing(int currentPage, int countPage, params (string Href, string Title, DateOnly Date)[] links)
    {
        var items = string.Concat(links.Select(l => $"<li><a href=\"{l.Href}\" target=\"_blank\">{WebUtility.HtmlEncode(l.Title)}</a>({l.Date:yyyy-MM-dd})</li>\n"));
        return $"""
            <!DOCTYPE html>
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>发言人表态</title></head>
            <body>
            <div class="rebox_r fl"><div class="rebox_news"><ul>
            {items}</ul></div>
            <div class="page" id="pages"><script type="text/javascript">
            var currentPage = {currentPage};//所在页从0开始
            var countPage = {countPage}//共多少页
            </script></div></div>
            <a href="../other_section/t9999999.shtml">别的栏目</a>
            </body></html>
            """;
    }

    public static (string Question, string Answer) Qa(string question, string answer) => (question, answer);

    public static void Write(string root, string relativePath, string content)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }
}
