using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Tests.Support;

namespace Diplotrack.Text.Tests;

/// <summary>The coding rules of codebook §2–4 that users rely on, one behaviour per test.</summary>
public sealed class StatementCoderTests
{
    private static readonly StatementCoder Coder = new(CodebookLoader.Load(RepoPaths.CodebookDirectory));

    private static IReadOnlyDictionary<string, int> Targets(string sentence) =>
        Coder.CodeSentence(sentence).Targets.ToDictionary(t => t.Actor, t => t.Stance);

    [Theory]
    [InlineData("我们追求美好生活，人民生活更加美好。")]
    [InlineData("欧元汇率近日有所波动。")]
    [InlineData("日内瓦会议将于近日举行。")]
    [InlineData("在以联合国为核心的国际体系内行事。")]
    public void Short_forms_do_not_fire_inside_other_words(string sentence)
    {
        var targets = Targets(sentence);
        Assert.DoesNotContain("US", targets.Keys);
        Assert.DoesNotContain("EU", targets.Keys);
        Assert.DoesNotContain("JP", targets.Keys);
        Assert.DoesNotContain("IL", targets.Keys);
    }

    [Fact]
    public void Short_forms_fire_in_compounds()
    {
        Assert.Contains("US", Targets("我们坚决反对美对华出口管制。").Keys);
        Assert.Contains("JP", Targets("美日菲在南海挑衅。").Keys);
        Assert.Contains("PH", Targets("美日菲在南海挑衅。").Keys);
    }

    [Fact]
    public void A_dyad_targets_the_party_that_is_not_the_speakers_own()
    {
        var targets = Targets("中美关系关乎两国人民福祉。");
        Assert.Equal(["US"], targets.Keys);
        Assert.Equal(["RU"], Targets("今年是俄中建交75周年。").Keys);
        Assert.Equal(["CN"], Coder.CodeSentence("美中关系很重要。", ownActor: "US").Targets.Select(t => t.Actor));
    }

    [Fact]
    public void People_map_to_the_actor_they_speak_for()
    {
        Assert.Contains("RU", Targets("普京总统表示愿意加强合作。").Keys);
        Assert.Contains("US", Targets("蓬佩奥的言论充满谎言。").Keys);
        Assert.Equal(-2, Targets("蓬佩奥的言论充满谎言。")["US"]);
    }

    [Fact]
    public void Own_country_as_object_or_speech_act_voice_is_not_self_reference()
    {
        Assert.DoesNotContain("CN", Targets("美方打压中国的手段不断翻新。").Keys);
        Assert.DoesNotContain("CN", Targets("我们敦促美方言行一致。").Keys);
        Assert.Contains("CN", Targets("中方愿同俄方一道，深化合作。").Keys);
        Assert.Equal(1, Targets("中方愿同俄方一道，深化合作。")["CN"]);
    }

    [Fact]
    public void Unnamed_actors_keep_their_phrase()
    {
        var t = Assert.Single(Coder.CodeSentence("不能再允许个别或少数大国垄断国际事务。").Targets);
        Assert.Equal("UNNAMED", t.Actor);
        Assert.Equal("个别或少数大国", t.Phrase);
        Assert.Equal(-1, t.Stance);
    }

    [Fact]
    public void Negation_cancels_hostility_and_a_rhetorical_question_accuses()
    {
        Assert.True(Targets("美方表示不寻求打压遏制中国发展。")["US"] >= 0);
        Assert.Equal(-2, Targets("美方一再打压中国企业。")["US"]);
        Assert.Equal(-2, Targets("美国如果总是说一套、做一套，大国的信誉何在？")["US"]);
    }

    [Fact]
    public void Hope_that_another_complies_is_critical_hope_to_work_together_is_positive()
    {
        Assert.Equal(-1, Targets("希望美方说到做到。")["US"]);
        Assert.Equal(1, Targets("希望菲方同中方一道，妥善管控分歧。")["PH"]);
    }

    [Fact]
    public void Concession_lets_the_clause_after_but_decide()
    {
        Assert.True(Targets("美方虽然表示愿意合作，但仍持续打压中国企业。")["US"] < 0);
    }

    [Fact]
    public void Evidence_spans_point_at_the_words_in_the_normalised_text()
    {
        var document = SeedDocument.Parse();
        var coded = Coder.Code(document);
        var evidence = coded.Statements.SelectMany(s => s.Targets).SelectMany(t => t.Evidence).ToList();
        Assert.NotEmpty(evidence);
        foreach (var e in evidence)
            Assert.Equal(e.Term, document.NormalisedText[e.Start..e.End]);
        Assert.All(coded.Statements.SelectMany(s => s.Targets), t => Assert.InRange(t.Confidence, 0, 1));
        Assert.All(coded.Statements, s => Assert.InRange(s.Themes.Count, 1, 3));
    }

    /// <summary>A one-exchange briefing: one question sentence, then the answer sentences.</summary>
    private static (ParsedDocument Document, CodedDocument Coded) Briefing(string question, params string[] answers)
    {
        var text = "问：" + question + "\n答：" + string.Concat(answers);
        var spokesman = new SpeakerRef("汪文斌", "发言人", null);
        var statements = new List<ParsedStatement>();
        var pos = 2;
        foreach (var q in System.Text.RegularExpressions.Regex.Split(question, "(?<=[。？])").Where(q => q.Length > 0))
        {
            statements.Add(new() { Index = statements.Count, Kind = StatementKind.Question, Exchange = 0, Start = pos, End = pos + q.Length, Text = q });
            pos += q.Length;
        }
        pos += 3;
        foreach (var a in answers)
        {
            statements.Add(new() { Index = statements.Count, Kind = StatementKind.Answer, Exchange = 0, Speaker = spokesman, Start = pos, End = pos + a.Length, Text = a });
            pos += a.Length;
        }
        var document = new ParsedDocument
        {
            Metadata = new DocumentMetadata { Title = "t", Date = new DateOnly(2024, 1, 1), Kind = "regular-briefing", Language = "zh", Source = "test" },
            NormalisedText = text, Sha256 = new string('0', 64),
            Exchanges = [new ParsedExchange { Index = 0, Answerer = spokesman, Start = 0, End = text.Length }],
            Statements = statements,
        };
        return (document, Coder.Code(document));
    }

    [Fact]
    public void A_sentence_naming_no_actor_inherits_the_exchanges_counterpart()
    {
        var (document, coded) = Briefing("美方宣布对中国企业实施新的制裁，中方有何回应？", "中方坚决反对。", "这种做法严重违反市场经济原则。");
        var inherited = Assert.Single(coded.Statements[2].Targets);
        Assert.Equal("US", inherited.Actor);
        Assert.Equal("contextual", inherited.Source);
        Assert.True(inherited.Stance < 0);
        Assert.Contains(inherited.Evidence, e => e.Role == "actor" && document.NormalisedText[e.Start..e.End] == "美方");
        Assert.Contains(coded.Statements[1].Targets, t => t.Actor == "US" && t.Source == "contextual");
    }

    [Fact]
    public void Self_praise_does_not_become_praise_of_the_inherited_counterpart()
    {
        var (_, coded) = Briefing("欧盟在人权理事会指责新疆人权状况，中方对此有何评论？", "中国举措卓有成效。");
        var eu = Assert.Single(coded.Statements[1].Targets, t => t.Actor == "EU");
        Assert.Equal("contextual", eu.Source);
        Assert.True(eu.Stance <= 0);
        Assert.Equal(2, Assert.Single(coded.Statements[1].Targets, t => t.Actor == "CN").Stance);
    }

    [Fact]
    public void The_speaker_is_resolved_to_their_country_from_the_person_aliases()
    {
        var (_, coded) = Briefing("今年是中美建交45周年，你有何评论？", "中方愿同美方一道，推动两国关系健康发展。");
        Assert.Contains(coded.Statements[1].Targets, t => t.Actor == "CN" && t.Stance == 1);
        Assert.Contains(coded.Statements[0].Targets, t => t.Actor == "US");
        Assert.DoesNotContain(coded.Statements[0].Targets, t => t.Actor == "CN");
    }

    [Fact]
    public void A_numbered_sub_question_gives_its_own_counterpart_to_the_answer_about_it()
    {
        var (_, coded) = Briefing("第一个问题，日方近日宣布了新的防卫政策。第二，菲律宾称将在南海举行演习，中方有何评论？",
            "关于第一个问题，我们敦促其深刻反省。", "关于第二个问题，这一做法破坏地区和平稳定。");
        Assert.Equal(["JP"], coded.Statements[2].Targets.Select(t => t.Actor));
        Assert.Equal(["PH"], coded.Statements[3].Targets.Select(t => t.Actor));
    }
}
