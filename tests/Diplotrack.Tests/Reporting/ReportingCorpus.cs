using System.Security.Cryptography;
using System.Text;
using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Documents;
using Diplotrack.Data.Ingestion;
using Diplotrack.Data.Reference;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Stance;
using CodebookLoader = Diplotrack.Text.Codebook.CodebookLoader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// A small hand-made corpus, written through the app's own model, on which every reporting example must return
/// rows: three documents over two years and two venue kinds, foreign and domestic outlets, a highlight, formulas,
/// superseded automatic codings and people's corrections. Used until the seed carries codings, and afterwards
/// for the cases the single seed document cannot show (changes between documents, year-on-year flips).
/// </summary>
public static class ReportingCorpus
{
    public const int CodebookV1 = 1, CodebookV2 = 2;

    public static async Task LoadAsync(TestDatabase database)
    {
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiplotrackDbContext>();
        var codebooks = scope.ServiceProvider.GetRequiredService<CodebookService>();

        // The project's real codebook (actors, themes, outlets, formula ladder) as version 1, and the same content
        // stored again as version 2, so that agreement can be compared across two versions.
        var stored = await codebooks.StoreAsync(CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook")) with { Version = CodebookV1 }, "test", "reporting corpus", CancellationToken.None);
        Assert.Equal(CodebookV1, stored.Version);
        var v1 = await db.CodebookVersions.SingleAsync(v => v.Id == CodebookV1);
        db.CodebookVersions.Add(new CodebookVersion
        {
            Id = CodebookV2, ContentSha256 = new string('2', 64), Content = v1.Content, CreatedAt = v1.CreatedAt.AddDays(1), Description = "test copy",
        });
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<FormulaLadder>().SyncAsync(CancellationToken.None);

        var wang = new Speaker { Name = "王毅", Role = "外交部长", ActorId = "CN" };
        var spokesperson = new Speaker { Name = "汪文斌", Role = "发言人", ActorId = "CN" };
        var bloomberg = await db.Outlets.SingleAsync(o => o.Name == "彭博社" && o.ActorId == "US");
        var tass = await db.Outlets.SingleAsync(o => o.Name == "塔斯社" && o.ActorId == "RU");
        var xinhua = await db.Outlets.SingleAsync(o => o.Name == "新华社" && o.ActorId == "CN");

        // 2023: warm toward the US; 2024: hostile toward the US (a sign flip and a large change), Russia stays warm.
        var d1 = new DocumentBuilder("外长记者会 2023", new DateOnly(2023, 3, 7), "npc-press-conference", wang);
        d1.Exchange(bloomberg, "中美关系今年会怎样发展？", ("US", 0))
          .Answer("中美应当合作共赢，我们对美方来访表示欢迎。", "relations", ("US", 1))
          .Answer("两国元首会晤取得积极成果。", "relations", ("US", 2));
        d1.Exchange(tass, "中俄关系有何新进展？", ("RU", 0))
          .Answer("中俄全面战略协作伙伴关系不断深化。", "relations", ("RU", 2));
        d1.Exchange(xinhua, "中国外交今年有哪些亮点？")
          .Answer("中国经济展现强大韧性。", "trade", ("CN", 2));

        var d2 = new DocumentBuilder("外长记者会 2024", new DateOnly(2024, 3, 7), "npc-press-conference", wang);
        d2.Exchange(bloomberg, "中方是否坚决反对美国的打压？", ("US", -1))
          .Answer("中方坚决反对美方对中国的无理打压。", "tech-sanctions", ("US", -2))
          .Answer("我们敦促美方停止遏制中国发展。", "tech-sanctions", ("US", -1))
          .Answer("这是霸凌行径。", "tech-sanctions", ("US", -2));
        d2.Exchange(tass, "如何评价中俄合作？", ("RU", 0))
          .Answer("中方对中俄合作的成果表示欢迎。", "trade", ("RU", 2))
          .Answer("双方关系具有历史性意义。", "relations", ("RU", 1));
        d2.Exchange(xinhua, "中国外交如何应对挑战？")
          .Answer("中方将坚定维护国家主权。", "sovereignty", ("CN", 1));
        d2.Highlight("中方坚决反对美方对中国的无理打压。", repeatsAnswer: 0);

        var d3 = new DocumentBuilder("例行记者会 2024-06-12", new DateOnly(2024, 6, 12), "regular-briefing", spokesperson);
        d3.Exchange(bloomberg, "菲律宾在南海的行动你怎么看？", ("PH", 0))
          .Answer("我们对菲方的挑衅表示强烈不满。", "sovereignty", ("PH", -2))
          .Answer("希望美方不要介入。", "security", ("US", -1), ("PH", -1));

        var documents = new[] { d1, d2, d3 }.Select(b => db.Documents.Add(b.Build()).Entity).ToArray();
        await db.SaveChangesAsync();

        // The ingestion jobs' records: one inbox run that stored the briefing and refused a file; the 2024 press
        // conference was corrected after publication (version 2).
        var at = new DateTimeOffset(2024, 6, 12, 9, 0, 0, TimeSpan.Zero);
        var run = new IngestionRun { Trigger = "inbox", StartedAt = at, FinishedAt = at.AddSeconds(3), Status = "succeeded", Created = 1, Failed = 1 };
        db.IngestionRuns.Add(run);
        db.IngestionFiles.AddRange(
            new IngestionFile
            {
                Run = run, FileName = "2024-06-12-briefing.txt", Sha256 = new string('a', 64), Bytes = 2048, Outcome = "created",
                DocumentId = documents[2].Id, MovedTo = "processed/2024-06-12-briefing.txt", At = at.AddSeconds(1),
            },
            new IngestionFile
            {
                Run = run, FileName = "scan.pdf", Sha256 = new string('b', 64), Bytes = 90000, Outcome = "failed",
                Error = "binary file: not a transcript", MovedTo = "failed/scan.pdf", At = at.AddSeconds(2),
            });
        db.DocumentVersions.AddRange(
            new DocumentVersion
            {
                DocumentId = documents[1].Id, Version = 1, Sha256 = new string('c', 64), NormalisedText = documents[1].NormalisedText + "（更正前）",
                FetchedAt = at.AddMonths(-3),
            },
            new DocumentVersion
            {
                DocumentId = documents[1].Id, Version = 2, Sha256 = documents[1].Sha256, NormalisedText = documents[1].NormalisedText,
                FetchedAt = at.AddMonths(-3).AddDays(1), StatementsChanged = 1, Diff = """{"statements":{"changed":1}}""",
            });
        await db.SaveChangesAsync();

        // Codings: version 1 (superseded) and version 2 for every statement; people corrected the 2024 US answers.
        var clock = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var builder in new[] { d1, d2, d3 })
        {
            foreach (var (statement, themes, targets, manual) in builder.Codings)
            {
                db.StatementCodings.Add(Coding(statement, CodebookV1, StatementCoding.Auto, themes, [.. targets.Select(t => (t.Actor, (short)0))],
                    current: false, clock.AddDays(-30)));
                db.StatementCodings.Add(Coding(statement, CodebookV2, StatementCoding.Auto, themes, targets, current: manual is null, clock));
                if (manual is not null)
                    db.StatementCodings.Add(Coding(statement, CodebookV2, StatementCoding.Manual, themes, manual, current: true, clock.AddDays(1)));
            }
        }
        await db.SaveChangesAsync();

        // What the stance jobs derive from these codings: observations, changes and their evidence.
        await scope.ServiceProvider.GetRequiredService<StanceJobs>().RecomputeAllAsync(CancellationToken.None);
        // ...and, as the jobs do at their end, the snapshot reporting.codings reads.
        await scope.ServiceProvider.GetRequiredService<ReportingSnapshot>().RefreshAsync(CancellationToken.None);
    }

    private static StatementCoding Coding(Statement statement, int version, string origin, string[] themes,
        (string Actor, short Stance)[] targets, bool current, DateTimeOffset at) => new()
    {
        Statement = statement,
        Origin = origin,
        CodebookVersionId = version,
        Themes = [.. themes],
        IsCurrent = current,
        CreatedAt = at,
        SupersededAt = current ? null : at.AddDays(1),
        Reason = origin == StatementCoding.Manual ? "checked against the transcript" : null,
        Targets = [.. targets.Select(t => new CodingTarget
        {
            ActorId = t.Actor, Stance = t.Stance, Source = "explicit", Confidence = origin == StatementCoding.Manual ? 1 : 0.8,
            Evidence = [new EvidenceSpan { Start = statement.SpanStart, End = statement.SpanStart + 2, Role = "actor", Term = statement.Text[..2] }],
        })],
    };

    private sealed class DocumentBuilder(string title, DateOnly date, string kind, Speaker answerer)
    {
        private readonly StringBuilder _text = new();
        private readonly Document _document = new()
        {
            Title = title, Date = date, Kind = kind, Language = "zh", Source = "test/" + title, Format = "test",
            Sha256 = "", NormalisedText = "", IngestedAt = DateTimeOffset.UnixEpoch,
        };
        private readonly List<Statement> _answers = [];
        private Exchange? _exchange;

        public List<(Statement Statement, string[] Themes, (string Actor, short Stance)[] Targets, (string, short)[]? Manual)> Codings { get; } = [];

        public DocumentBuilder Exchange(Outlet outlet, string question, params (string Actor, short Stance)[] targets)
        {
            _exchange = new Exchange { Ordinal = _document.Exchanges.Count, Outlet = outlet, Answerer = answerer, SpanStart = _text.Length };
            _document.Exchanges.Add(_exchange);
            var q = Add("question", question, null);
            if (targets.Length > 0) Codings.Add((q, ["relations"], targets, null));
            return this;
        }

        public DocumentBuilder Answer(string text, string theme, params (string Actor, short Stance)[] targets)
        {
            var statement = Add("answer", text, answerer);
            _answers.Add(statement);
            // People corrected the coder on the hostile 2024 answers: one stance softened, one target added.
            (string, short)[]? manual = text.Contains("霸凌") ? [("US", -1)]
                : text.Contains("遏制") ? [("US", -1), ("CN", 0)]
                : text.Contains("坚决反对") ? [("US", -2)] : null;
            Codings.Add((statement, [theme], targets, manual));
            return this;
        }

        public void Highlight(string text, int repeatsAnswer)
        {
            _exchange = null;
            var highlight = Add("highlight", text, null);
            highlight.HighlightSources.Add(new HighlightSource { SourceStatement = _answers[repeatsAnswer] });
            Codings.Add((highlight, ["tech-sanctions"], [("US", -2)], null));
        }

        private Statement Add(string kind, string text, Speaker? speaker)
        {
            var statement = new Statement
            {
                Ordinal = _document.Statements.Count, Kind = kind, Speaker = speaker, Exchange = _exchange,
                SpanStart = _text.Length, SpanEnd = _text.Length + text.Length, Text = text,
            };
            _text.Append(text);
            if (_exchange is not null) _exchange.SpanEnd = _text.Length;
            _document.Statements.Add(statement);
            return statement;
        }

        public Document Build()
        {
            _document.NormalisedText = _text.ToString();
            _document.Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_document.NormalisedText)));
            return _document;
        }
    }
}
