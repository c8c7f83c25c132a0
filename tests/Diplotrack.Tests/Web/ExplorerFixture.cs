using System.Net;
using System.Net.Http.Json;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Stance;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Web;

/// <summary>
/// The web app over a small archive with a known stance history toward South Korea (KR), computed by the real stance
/// job: NPC press conferences in 2019-01 (five hostile statements), 2019-02 (five cooperative: a significant change)
/// and 2019-06 (one positive, after three silent months), and one daily briefing in 2019-02 (two neutral statements on
/// another theme). Codings are set explicitly so the figures do not depend on the rule-based coder.
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    public WebAppFixture App { get; } = new();
    public long JanuaryDocument { get; private set; }
    public long FebruaryDocument { get; private set; }
    public IReadOnlyList<long> JanuaryStatements { get; private set; } = [];

    public static readonly string[] January = ["韩国一再挑衅。", "韩方做法十分恶劣。", "韩国必须停止部署。", "韩方应当立即纠正。", "韩国的行为破坏稳定。"];
    public static readonly string[] February = ["韩国是重要合作伙伴。", "韩方愿与中方深化合作。", "韩国人民勤劳智慧。", "韩国积极支持多边主义。", "韩方的努力值得赞赏。"];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        (JanuaryDocument, JanuaryStatements) = await DocumentAsync("2019-01-10", "npc-press-conference", "一月记者会", -2, "security", January);
        (FebruaryDocument, _) = await DocumentAsync("2019-02-10", "npc-press-conference", "二月记者会", 2, "security", February);
        await DocumentAsync("2019-06-10", "npc-press-conference", "六月记者会", 1, "security", "韩国近来态度积极。");
        await DocumentAsync("2019-02-20", "regular-briefing", "二月例行记者会", 0, "relations", "韩国的立场我们注意到了。", "韩方表示愿意沟通。");
        await using var scope = App.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DerivedData>().RefreshAllAsync(default);
    }

    public Task DisposeAsync() => App.DisposeAsync();

    private async Task<(long Document, IReadOnlyList<long> Statements)> DocumentAsync(string date, string kind, string title, short stance, string theme, params string[] sentences)
    {
        var text = WebAppFixture.Transcript("王毅：" + string.Concat(sentences));
        var response = await App.Api(Roles.Editor).PostAsJsonAsync("/api/v1/documents", new { text, title, date, kind, source = "explorer-test", government = "CN" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<WebAppFixture.CreatedDocumentDto>())!.Id;
        var statements = new List<long>();
        foreach (var sentence in sentences)
        {
            var statement = await App.StatementIdAsync(id, sentence);
            await App.AddAutoCodingAsync(statement, "KR", stance, 0.9, theme);
            statements.Add(statement);
        }
        return (id, statements);
    }
}
