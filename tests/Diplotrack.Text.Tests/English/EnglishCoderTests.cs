using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Coding.English;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Tests.Support;

namespace Diplotrack.Text.Tests.English;

/// <summary>The English coder's conventions, one sentence each (invented sentences in the Ministry's style).</summary>
public sealed class EnglishCoderTests
{
    private static readonly Codebook.Codebook Book = CodebookLoader.Load(RepoPaths.CodebookDirectory);
    private static readonly EnglishCoder Coder = new(Book);

    private static Dictionary<string, int> Targets(string sentence, StatementKind kind = StatementKind.Answer) =>
        Coder.CodeSentence(sentence, "CN", kind).Targets.ToDictionary(t => t.Actor, t => t.Stance);

    [Fact]
    public void Acronyms_match_only_in_their_case()
    {
        Assert.Equal(["US"], Targets("The US side should stop this.").Keys);
        Assert.DoesNotContain("US", Targets("Let us work together for peace.").Keys);
        Assert.Contains("WHO", Targets("We support the WHO in playing its role.").Keys);
        Assert.DoesNotContain("WHO", Targets("Those who spread rumors will fail.").Keys);
    }

    [Fact]
    public void Formulas_decide_the_stance_toward_what_follows()
    {
        Assert.Equal(-2, Targets("China firmly opposes the US side's interference.")["US"]);
        Assert.Equal(-2, Targets("We strongly deplore the remarks of the Japanese side.")["JP"]);
        Assert.Equal(-1, Targets("We urge the US side to stop its wrong actions.")["US"]);
        Assert.Equal(1, Targets("China welcomes the agreement reached by Ethiopia and Eritrea.")["ET"]);
    }

    [Fact]
    public void China_is_a_target_for_its_own_conduct_not_as_the_voice()
    {
        Assert.DoesNotContain("CN", Targets("China firmly opposes the US side's interference.").Keys);
        Assert.DoesNotContain("CN", Targets("China always supports the DPRK and the US in their dialogue.").Keys);
        Assert.Equal(1, Targets("China is ready to work with Japan to improve relations.")["CN"]);
        Assert.DoesNotContain("CN", Targets("We have noted the relevant reports about Japan.").Keys);
        Assert.Equal(1, Targets("We will continue to provide assistance.")["CN"]);
        Assert.DoesNotContain("CN", Targets("Some US politicians keep smearing China.").Keys);
    }

    [Fact]
    public void A_journalist_naming_china_asks_about_it()
    {
        Assert.Contains("CN", Targets("What is China's comment on the Japanese statement?", StatementKind.Question).Keys);
        Assert.DoesNotContain("CN", Targets("What is your comment?", StatementKind.Question).Keys);
    }

    [Fact]
    public void Regions_and_places_are_not_taken_from_compounds()
    {
        Assert.DoesNotContain("AFRICA", Targets("African Americans protested in many cities in the United States.").Keys);
        Assert.DoesNotContain("CN", Targets("Peace and stability in the South China Sea matter to all.").Keys);
        Assert.DoesNotContain("UN", Targets("The US has not ratified the United Nations Convention on the Law of the Sea.").Keys);
        Assert.DoesNotContain("SG", Targets("Premier Li met with President Putin at the meeting in Singapore.").Keys);
    }

    [Fact]
    public void Veiled_actors_are_unnamed_unless_placed_in_a_named_country()
    {
        Assert.Contains(StatementCoder.Unnamed, Targets("Some countries keep smearing China.").Keys);
        var placed = Targets("Certain people in the US keep smearing China.");
        Assert.Contains("US", placed.Keys);
        Assert.DoesNotContain(StatementCoder.Unnamed, placed.Keys);
    }

    [Fact]
    public void Hopes_are_critical_when_they_ask_for_compliance()
    {
        Assert.Equal(-1, Targets("We hope the US side will stop interfering in China's internal affairs.")["US"]);
        Assert.Equal(1, Targets("We hope that Pakistan will work with China for a successful visit.")["PK"]);
    }

    [Fact]
    public void Rhetorical_questions_in_answers_accuse()
    {
        Assert.Equal(-2, Targets("Why did the US close its consulate so early?")["US"]);
        Assert.Equal(0, Targets("Why did the US close its consulate so early?", StatementKind.Question)["US"]);
    }

    [Fact]
    public void Evidence_spans_point_at_the_words()
    {
        const string text = "We urge the US side to stop its wrong actions.";
        var doc = new ParsedDocument
        {
            Metadata = new DocumentMetadata { Title = "t", Date = new DateOnly(2020, 1, 1), Kind = "regular-briefing", Language = "en", Source = "t" },
            NormalisedText = text, Sha256 = "", Exchanges = [],
            Statements = [new ParsedStatement { Index = 0, Kind = StatementKind.Answer, Start = 0, End = text.Length, Text = text }],
        };
        // Through StatementCoder: English documents are handed to the English coder.
        var coded = new StatementCoder(Book).Code(doc);
        var us = coded.Statements[0].Targets.Single(t => t.Actor == "US");
        Assert.All(us.Evidence, e => Assert.Equal(e.Term, text[e.Start..e.End]));
        Assert.Contains(us.Evidence, e => e.Role == "cue" && e.Term == "urge");
    }
}
