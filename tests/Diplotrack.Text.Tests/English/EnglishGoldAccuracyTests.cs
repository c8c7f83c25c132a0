using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Parsing;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Tests.Support;
using Xunit.Abstractions;

namespace Diplotrack.Text.Tests.English;

/// <summary>
/// The English coder against the English gold (seed/gold/fmprc-en: three briefings whose Chinese versions are in the
/// adjudicated Chinese gold), scored as shared/eval/README.md says. The pages come from the corpus (DIPLOTRACK_CORPUS).
/// The bar is the one of issue 15: target F1 ≥ 0.85 and 3-class stance ≥ 0.80; themes hold their measured floor
/// so that a change can only raise it (ADR 0040).
/// </summary>
public sealed class EnglishGoldAccuracyTests(ITestOutputHelper output)
{
    private static readonly (string Gold, string Page)[] Briefings =
    [
        ("2018-11-16-t1613873", "www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1613873.shtml"),
        ("2019-03-27-t1648902", "www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1648902.shtml"),
        ("2020-04-17-t1770948", "www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1770948.shtml"),
    ];

    /// <summary>
    /// Coded by hand after the coder was written and never used to change it: the held-out figure. Do not tune on it;
    /// when it has been used for tuning, move it to <see cref="Briefings"/> and code a new one.
    /// </summary>
    private static readonly (string Gold, string Page)[] HeldOut =
    [
        ("2019-02-14-t1638000", "www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1638000.shtml"),
    ];

    [Fact]
    public void English_coding_meets_its_floor()
    {
        var all = Score(Briefings, "all three");
        if (all is null) return;
        Assert.True(all.Targets.F1 >= Floor.Targets, $"target F1 {all.Targets.F1:0.000} < {Floor.Targets}");
        Assert.True(all.Stance.ThreeClassAccuracy >= Floor.Stance3, $"3-class stance {all.Stance.ThreeClassAccuracy:0.000} < {Floor.Stance3}");
        Assert.True(all.Themes.F1 >= Floor.Themes, $"theme F1 {all.Themes.F1:0.000} < {Floor.Themes}");
    }

    /// <summary>The held-out briefing holds its first measured figures as a floor (ADR 0040): below the bar for stance.</summary>
    [Fact]
    public void English_coding_on_the_held_out_briefing_keeps_its_floor()
    {
        var held = Score(HeldOut, "held out");
        if (held is null) return;
        Assert.True(held.Targets.F1 >= 0.83, $"held-out target F1 {held.Targets.F1:0.000} < 0.83");
        Assert.True(held.Stance.ThreeClassAccuracy >= 0.68, $"held-out 3-class stance {held.Stance.ThreeClassAccuracy:0.000} < 0.68");
        Assert.True(held.Themes.F1 >= 0.74, $"held-out theme F1 {held.Themes.F1:0.000} < 0.74");
    }

    private ScoreReport? Score((string Gold, string Page)[] briefings, string label)
    {
        var corpus = Environment.GetEnvironmentVariable("DIPLOTRACK_CORPUS");
        if (string.IsNullOrEmpty(corpus))
        {
            output.WriteLine("skipped: set DIPLOTRACK_CORPUS=/work/shared/corpus to run the English gold test");
            return null;
        }
        var coder = new StatementCoder(CodebookLoader.Load(RepoPaths.CodebookDirectory));
        var gold = new List<GoldStatement>();
        var statements = new List<Documents.ParsedStatement>();
        var codings = new List<StatementCoding>();
        foreach (var (name, page) in briefings)
        {
            var g = GoldSet.ReadFile(Path.Combine(TestFiles.RepositoryRoot, "seed", "gold", "fmprc-en", name + ".jsonl"));
            var path = Path.Combine(corpus, "fmprc", page);
            var coded = coder.Code(TranscriptReader.Default.Read(new SourceFile(Path.GetFileName(path), File.ReadAllBytes(path))));
            Assert.Equal("en", coded.Document.Metadata.Language);
            var one = GoldScorer.Score(g, coded);
            output.WriteLine(one.Summary(name));
            if (Environment.GetEnvironmentVariable("DIPLOTRACK_SCORE_DETAIL") == "1")
                foreach (var d in one.Differences) output.WriteLine(d);
            // One scoring over the three documents: statements are renumbered so that they stay distinct.
            var offset = statements.Count;
            gold.AddRange(g);
            statements.AddRange(coded.Document.Statements.Select(s => s with { Index = s.Index + offset }));
            codings.AddRange(coded.Statements.Select(c => c with { StatementIndex = c.StatementIndex + offset }));
        }
        var merged = new CodedDocument(new Documents.ParsedDocument
        {
            Metadata = new Documents.DocumentMetadata { Title = "three briefings", Date = default, Kind = "regular-briefing", Language = "en", Source = "gold" },
            NormalisedText = "", Sha256 = "", Exchanges = [], Statements = statements,
        }, coder.CodebookVersion, codings);
        var all = GoldScorer.Score(gold, merged);
        output.WriteLine(all.Summary(label));
        output.WriteLine(GoldScorer.Score(gold, merged, k => k == "answer").Summary(label + ", answers only"));
        Assert.Equal(gold.Count, all.Matched);
        return all;
    }

    private static class Floor
    {
        public const double Targets = 0.85;
        public const double Stance3 = 0.80;
        public const double Themes = 0.59;
    }
}
