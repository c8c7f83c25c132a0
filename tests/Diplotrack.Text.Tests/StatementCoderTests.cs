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
        // Self-praise is own conduct: no praise of the EU, and since issue #12 no EU target at all.
        Assert.DoesNotContain(coded.Statements[1].Targets, t => t.Actor == "EU");
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
    [Fact]
    public void An_ambiguous_short_form_takes_the_reading_named_in_full_in_its_exchange()
    {
        // 阿富汗 named in the exchange: 中阿巴 is China–Afghanistan–Pakistan, not the Arab world.
        var (_, trilateral) = Briefing("阿富汗外长下周将来华出席中阿巴三方外长对话，中方有何期待？", "中阿巴三方合作不断取得新进展。");
        Assert.Equal(["AF", "PK"], trilateral.Statements[1].Targets.Select(t => t.Actor).Order());
        // 巴西 named, 巴基斯坦 not: 中巴 is Brazil.
        var (_, brazil) = Briefing("巴西总统即将对中国进行国事访问，你能否介绍有关安排？", "中巴关系发展势头良好。");
        Assert.Equal(["BR"], brazil.Statements[1].Targets.Select(t => t.Actor));
        // 巴拿马 named: 巴方 and 巴中 are Panama.
        var (_, panama) = Briefing("巴拿马外长表示愿深化两国合作，中方有何评论？", "巴方积极评价巴中建交以来的合作成果。");
        Assert.Equal(["PA"], panama.Statements[1].Targets.Select(t => t.Actor).Distinct());
        var (_, senegal) = Briefing("塞内加尔外长将访华，中方有何期待？", "近年来，中塞关系快速发展。");
        Assert.Equal(["SN"], senegal.Statements[1].Targets.Select(t => t.Actor));
        // Nothing named in full: the codebook's default reading.
        Assert.Equal(["PK"], Targets("中巴经济走廊建设进展顺利。").Keys);
        Assert.Equal(["ARAB_WORLD"], Targets("中阿合作论坛将于明年举行。").Keys);
        Assert.Equal(["AF", "PK"], Targets("中方愿继续为阿巴改善关系发挥建设性作用。").Keys.Where(k => k != "CN").Order());
    }

    [Fact]
    public void After_an_answer_names_one_of_the_asked_countries_sentences_naming_none_inherit_only_it()
    {
        // Two unnumbered questions about different countries: each part of the answer inherits the country it is about.
        var (_, coded) = Briefing("日本政府宣布了新的防卫政策。另外，菲律宾称将在南海举行演习，中方有何评论？",
            "日方近来在军事安全领域动作频频。", "我们敦促其深刻反省。", "菲方有关做法破坏地区和平稳定。", "这种做法无助于问题解决。");
        Assert.Equal(["JP"], coded.Statements[3].Targets.Select(t => t.Actor));
        Assert.Equal(["PH"], coded.Statements[5].Targets.Select(t => t.Actor));
        // Before the answer names anyone, a sentence inherits every asked country.
        var (_, early) = Briefing("日本政府宣布了新的防卫政策，菲律宾称将在南海举行演习，中方有何评论？", "这些做法令人关切。", "我们注意到有关报道。");
        Assert.Equal(["JP", "PH"], early.Statements[1].Targets.Select(t => t.Actor).Order());
        // A procedural sentence says nothing of either (issue #12): it inherits no one.
        Assert.Empty(early.Statements[2].Targets);
        // An actor the question did not ask about (a treaty's 联合国) does not take over.
        var (_, treaty) = Briefing("越南称将在争议海域开展钻探，中方有何评论？",
            "中方主张符合《联合国海洋法公约》。", "我们要求有关方停止侵权行为。");
        Assert.Contains(treaty.Statements[2].Targets, t => t.Actor == "VN" && t.Source == "contextual");
        Assert.DoesNotContain(treaty.Statements[2].Targets, t => t.Actor == "UN");
    }

    [Fact]
    public void An_answer_that_says_which_numbered_question_it_takes_first_follows_that_part()
    {
        var (_, coded) = Briefing("第一个问题，日方近日宣布了新的防卫政策。第二个问题，菲律宾称将在南海举行演习。",
            "我先回答你的第一个问题。", "这一做法令人关切。");
        // The switch itself is procedural: it says nothing of Japan and so inherits no one (issue #12); what follows it does.
        Assert.Empty(coded.Statements[2].Targets);
        Assert.Equal(["JP"], coded.Statements[3].Targets.Select(t => t.Actor));
    }

    [Fact]
    public void A_stage_direction_is_about_no_one()
    {
        var (_, coded) = Briefing("美方宣布对中国企业实施新的制裁，中方有何回应？", "（记者笑）", "这种做法严重违反市场经济原则。");
        Assert.Empty(coded.Statements[1].Targets);
        Assert.Contains(coded.Statements[2].Targets, t => t.Actor == "US");
    }

    [Theory]
    [InlineData("我们再次敦促日、美纠正错误。", "JP", "US")]
    [InlineData("中、日、韩三国领导人会议将如期举行。", "JP", "KR")]
    [InlineData("我们再次敦促加、美纠正错误。", "CA", "US")]
    public void One_character_forms_listed_with_a_pause_mark_name_their_countries(string sentence, string first, string second)
    {
        var targets = Targets(sentence);
        Assert.Contains(first, targets.Keys);
        Assert.Contains(second, targets.Keys);
    }

    [Theory]
    [InlineData("博尔顿的言论充满冷战思维。", "US")]
    [InlineData("扎里夫外长将于下周访华。", "IR")]
    [InlineData("康京和外长表示愿加强沟通。", "KR")]
    [InlineData("林郑月娥表示特区政府将依法施政。", "HK")]
    [InlineData("马杜罗总统感谢中方支持。", "VE")]
    [InlineData("有关加公民的合法权利得到保障。", "CA")]
    [InlineData("印尼方面表示欢迎。", "ID")]
    [InlineData("埃塞方面感谢中方援助。", "ET")]
    [InlineData("巴新方面积极评价两国合作。", "PG")]
    public void Leaders_ministers_and_nationals_named_in_2016_to_2020_briefings_map_to_their_country(string sentence, string actor) =>
        Assert.Contains(actor, Targets(sentence).Keys);
    [Fact]
    public void Own_conduct_in_a_sentence_about_the_speakers_country_is_not_stance_toward_the_counterpart()
    {
        var (_, coded) = Briefing("美方官员称中方在社交媒体散布虚假信息，中方有何评论？",
            "中方始终秉持公开透明的态度，积极开展对外交流。", "中方对此坚决反对。");
        // Own conduct gives the counterpart no stance; since issue #12 it does not make it a target either.
        Assert.DoesNotContain(coded.Statements[1].Targets, t => t.Actor == "US");
        Assert.True(Assert.Single(coded.Statements[1].Targets, t => t.Actor == "CN").Stance > 0);
        // A formula the own country pronounces is a speech act toward the counterpart.
        Assert.True(Assert.Single(coded.Statements[2].Targets, t => t.Actor == "US").Stance < 0);
        // Acting together with others is about them too.
        var (_, joint) = Briefing("菲律宾外长称愿通过对话解决分歧，中方有何回应？", "中方愿同各方一道，通过协商妥善处理分歧。");
        Assert.True(Assert.Single(joint.Statements[1].Targets, t => t.Actor == "PH").Stance > 0);
    }

    [Fact]
    public void A_subjectless_sentence_continuing_an_urging_carries_it()
    {
        var (document, coded) = Briefing("美国宣布对中国企业实施制裁，中方有何回应？",
            "我们敦促美方立即撤销有关错误决定。", "同中方一道，推动两国关系回到正确轨道。");
        var us = Assert.Single(coded.Statements[2].Targets, t => t.Actor == "US");
        Assert.True(us.Stance < 0);
        Assert.Contains(us.Evidence, e => e.Role == "cue" && document.NormalisedText[e.Start..e.End] == "敦促");
        // Without an urging before it, the same words are positive toward the counterpart.
        var (_, plain) = Briefing("美国宣布对中国企业实施制裁，中方有何回应？", "我们注意到有关报道。", "同中方一道，推动两国关系回到正确轨道。");
        Assert.True(Assert.Single(plain.Statements[2].Targets, t => t.Actor == "US").Stance >= 0);
    }

    [Fact]
    public void A_question_reporting_anothers_accusation_carries_no_stance_toward_the_reporter()
    {
        var (_, coded) = Briefing("据报道，越南外交部发言人称，中国船只严重侵犯越南专属经济区。中方有何评论？", "中方的立场是一贯的。");
        Assert.Equal(0, Assert.Single(coded.Statements[0].Targets, t => t.Actor == "VN").Stance);
        // The journalist's own framing still counts.
        var (_, own) = Briefing("美方仍持续打压中国企业，中方将如何应对？", "中方将采取必要措施。");
        Assert.True(Assert.Single(own.Statements[0].Targets, t => t.Actor == "US").Stance < 0);
    }

    [Fact]
    public void A_highlights_evidence_points_at_its_own_words()
    {
        const string heading = "### 关于中美关系\n";
        const string quote = "“中美应当相互尊重。”";
        const string answer = "我们认为，中美应当相互尊重。";
        var text = heading + quote + "\n王毅：" + answer;
        var wang = new SpeakerRef("王毅", "外长", null);
        var hStart = heading.Length;
        var aStart = text.Length - answer.Length;
        var document = new ParsedDocument
        {
            Metadata = new DocumentMetadata { Title = "t", Date = new DateOnly(2024, 1, 1), Kind = "press-conference", Language = "zh", Source = "test" },
            NormalisedText = text, Sha256 = new string('0', 64),
            Exchanges = [new ParsedExchange { Index = 0, Section = "关于中美关系", Answerer = wang, Start = hStart, End = text.Length }],
            Statements =
            [
                new() { Index = 0, Kind = StatementKind.Highlight, Exchange = 0, Section = "关于中美关系", Start = hStart, End = hStart + quote.Length, Text = quote, Repeats = [1] },
                new() { Index = 1, Kind = StatementKind.Answer, Exchange = 0, Section = "关于中美关系", Speaker = wang, Start = aStart, End = text.Length, Text = answer },
            ],
        };
        var coded = Coder.Code(document);
        var us = Assert.Single(coded.Statements[0].Targets, t => t.Actor == "US");
        Assert.NotEmpty(us.Evidence);
        Assert.All(us.Evidence, e =>
        {
            Assert.InRange(e.Start, hStart, hStart + quote.Length - e.Term.Length);
            Assert.Equal(e.Term, text[e.Start..e.End]);
        });
        // The answer keeps its own spans.
        Assert.All(coded.Statements[1].Targets.SelectMany(t => t.Evidence), e => Assert.True(e.Start >= aStart));
    }
    [Fact]
    public void The_concerned_country_in_an_exchange_about_a_named_country_is_that_country()
    {
        var (_, coded) = Briefing("越南称将在争议海域开展钻探，中方有何评论？", "希望有关国家切实尊重中方的主权权利。");
        var vn = Assert.Single(coded.Statements[1].Targets, t => t.Actor != "CN");
        Assert.Equal("VN", vn.Actor);
        Assert.Equal("contextual", vn.Source);
        Assert.True(vn.Stance < 0);
        // A veiled critic (个别国家) stays unnamed, and with no named counterpart 有关国家 does too.
        var (_, veiled) = Briefing("越南称将在争议海域开展钻探，中方有何评论？", "个别国家总想搅乱地区局势。");
        Assert.Contains(veiled.Statements[1].Targets, t => t.Actor == "UNNAMED");
        Assert.Equal("UNNAMED", Assert.Single(Coder.CodeSentence("希望有关国家切实尊重中方的主权权利。").Targets, t => t.Actor != "CN").Actor);
        // A sentence that names the countries it means keeps 有关国家 apart from the counterpart.
        var (_, listed) = Briefing("俄罗斯外长表示愿加强抗疫合作，中方有何回应？", "应有关国家请求，中方向意大利、塞尔维亚派遣了医疗专家组。");
        Assert.DoesNotContain(listed.Statements[1].Targets, t => t.Actor == "RU");
    }
    [Theory]
    [InlineData("双方同意推进海上合作，妥善管控分歧。", "SCO")]
    [InlineData("应中国政府邀请，某国公主玛哈扎克里将访华。", "US")]
    [InlineData("克里姆林宫发表声明。", "US")]
    [InlineData("我们愿对加强双边合作作出努力。", "CA")]
    [InlineData("美加征关税的做法违反世贸规则。", "CA")]
    [InlineData("中方对加沙局势表示关切。", "CA")]
    [InlineData("美国议员鲁比欧、加德纳等发推特。", "CA")]
    [InlineData("美国议员鲁比欧、加德纳等发推特。", "EU")]
    [InlineData("俄罗斯在原始创新方面独具优势。", "SG")]
    [InlineData("双方在立法方面交流了经验。", "FR")]
    [InlineData("印尼方面表示欢迎。", "NP")]
    [InlineData("埃塞方面感谢中方援助。", "RS")]
    public void Organisation_and_person_names_do_not_fire_inside_other_words(string sentence, string actor) =>
        Assert.DoesNotContain(actor, Targets(sentence).Keys);
    [Fact]
    public void Countries_named_only_inside_reported_words_are_not_the_exchanges_counterpart()
    {
        var (_, coded) = Briefing("美国政府发表年度报告。该报告指责俄罗斯和伊朗违反有关条约。中方对此有何评论？",
            "这种报告毫无根据。", "俄方已经对此作出回应。", "这种做法不可取。");
        Assert.Equal(["US"], coded.Statements[3].Targets.Select(t => t.Actor));
        // The answer can still turn to a country the report named; the next sentence follows it.
        Assert.Equal(["RU"], coded.Statements[5].Targets.Select(t => t.Actor));
        // "有报道称" names no reporter: the countries after it are what the question is about.
        var (_, report) = Briefing("有报道称印度在与尼泊尔争议地区修建公路，中方有何评论？", "这种做法不可取。");
        Assert.Equal(["IN", "NP"], report.Statements[1].Targets.Select(t => t.Actor).Order());
    }
    [Fact]
    public void A_conditional_warning_is_critical_of_whom_it_warns()
    {
        Assert.Equal(-1, Targets("如果美方执意采取单边措施，中方将采取必要措施，坚决维护自身正当权益。")["US"]);
        // A conditional welcome is not a warning.
        Assert.True(Targets("如果澳方愿意改弦更张，我们对此是欢迎的。")["AU"] >= 0);
    }

    [Fact]
    public void A_sentence_about_nothing_in_particular_inherits_no_counterpart_and_is_other()
    {
        var (_, coded) = Briefing("美方宣布对中国企业实施新的制裁，中方有何回应？", "你很有想象力。", "这种做法不可取。");
        Assert.Empty(coded.Statements[1].Targets);
        Assert.Equal(["other"], coded.Statements[1].Themes);
        // Pointing back at the counterpart's act (这种做法) is about the counterpart.
        Assert.Contains(coded.Statements[2].Targets, t => t.Actor == "US" && t.Source == "contextual");
    }

    [Fact]
    public void A_sentence_about_the_speakers_own_conduct_carries_no_counterpart()
    {
        var (_, coded) = Briefing("美国记者在华采访受到限制，中方有何评论？",
            "中方一贯致力于为外国媒体在华采访工作提供一切必要便利和帮助。", "我们敦促美方停止炒作。");
        Assert.DoesNotContain(coded.Statements[1].Targets, t => t.Actor == "US");
        Assert.Contains(coded.Statements[1].Targets, t => t.Actor == "CN");
        // Criticism in a sentence naming the own country is still a speech act toward the counterpart.
        var (_, urged) = Briefing("美方宣布对中国企业实施新的制裁，中方有何回应？", "中方对此坚决反对。");
        Assert.Contains(urged.Statements[1].Targets, t => t.Actor == "US" && t.Stance < 0);
    }

    [Fact]
    public void Regions_are_targets_only_when_spoken_of_as_actors()
    {
        Assert.DoesNotContain("AFRICA", Targets("美国存在对非洲裔美国人的系统性歧视。").Keys);
        Assert.Contains("US", Targets("美国存在对非洲裔美国人的系统性歧视。").Keys);
        Assert.DoesNotContain("ASIA_PACIFIC", Targets("日本是亚太地区重要国家。").Keys);
        Assert.Contains("AFRICA", Targets("中方愿同非洲国家加强合作。").Keys);
        Assert.Contains("ASIA_PACIFIC", Targets("亚太地区保持和平稳定。").Keys);
    }

    [Fact]
    public void A_question_the_spokesperson_asks_accuses_whom_it_is_about()
    {
        var (_, coded) = Briefing("加方称中方拘押加拿大公民违反国际法，中方有何回应？", "当初加方非法拘押中国企业高管时，他们又在哪里呢？");
        Assert.Equal(-2, Assert.Single(coded.Statements[1].Targets, t => t.Actor == "CA").Stance);
        // The journalist's own question is not rhetorical.
        Assert.True(Assert.Single(coded.Statements[0].Targets, t => t.Actor == "CA").Stance > -2);
    }

    [Fact]
    public void A_hope_that_another_respects_views_correctly_or_minds_its_own_affairs_is_critical()
    {
        Assert.Equal(-1, Targets("我希望美国议员能够更关心自己国内的事情。")["US"]);
        Assert.Equal(-1, Targets("我们希望美方能够端正态度，客观、理性看待中国发展。")["US"]);
        Assert.Equal(-1, Targets("希望蒙方真正从此次事件中汲取教训，切实尊重中方核心利益，为推动中蒙关系改善做出努力。")["MN"]);
        Assert.True(Targets("希望中美双方相互尊重，加强合作。")["US"] > 0);
    }

    [Fact]
    public void Features_are_what_the_rules_saw_and_do_not_change_the_coding()
    {
        var document = SeedDocument.Parse();
        var (coded, features) = Coder.CodeWithFeatures(document);
        var plain = Coder.Code(document);
        Assert.Equal(document.Statements.Count, features.Count);
        Assert.Equal(plain.Statements.Select(Describe), coded.Statements.Select(Describe));
        Assert.All(features, (f, i) => Assert.Equal(document.Statements[i].Index, f.StatementIndex));
        Assert.Contains(features, f => f.Mentions.Any(m => m.Actors.Contains("US")) && f.Cues.Count > 0);

        var (briefing, _) = Briefing("美方宣布对中国企业实施新的制裁，中方有何回应？", "他们又在哪里呢？");
        var rhetorical = Assert.Single(Coder.CodeWithFeatures(briefing).Features, f => f.Kind == "answer");
        Assert.Contains(rhetorical.Cues, c => c.Rhetorical && c.Weight == -2);
        Assert.Equal(["US"], rhetorical.ContextActors);

        static string Describe(StatementCoding c) =>
            $"{string.Join(",", c.Themes)}|{string.Join(";", c.Targets.Select(t => $"{t.Actor}{t.Stance}{t.Source}"))}";
    }

    [Fact]
    public void Facts_that_praise_or_criticise_carry_stance()
    {
        Assert.True(Targets("中韩快捷通道实施以来运行顺利，效果很好。")["KR"] > 0);
        Assert.True(Targets("美国存在系统性种族歧视。")["US"] < 0);
    }

    [Fact]
    public void The_parties_of_an_exchange_are_its_counterparts_and_a_call_on_them_is_a_call_to_restraint()
    {
        // R5, R12, R28 (docs/coding-guide.md): 各方 points back at the exchange's parties; a call on them (…应, 需要各方…)
        // is −1 toward each even when what they are asked to do sounds cooperative; an appeal to treasure a détente is +1.
        var (_, coded) = Briefing("伊朗和沙特近日在边境发生冲突，中方有何评论？",
            "这需要各方相向而行。", "有关各方都应多做有利于地区和平的事。", "目前出现的缓和势头来之不易，值得各方珍惜。");
        foreach (var i in new[] { 1, 2 })
        {
            Assert.Equal(-1, coded.Statements[i].Targets.Single(t => t.Actor == "IR").Stance);
            Assert.Equal(-1, coded.Statements[i].Targets.Single(t => t.Actor == "SA").Stance);
            Assert.All(coded.Statements[i].Targets.Where(t => t.Actor is "IR" or "SA"), t => Assert.Equal("contextual", t.Source));
        }
        Assert.Equal(1, coded.Statements[3].Targets.Single(t => t.Actor == "IR").Stance);
    }

    [Fact]
    public void A_sentence_with_no_theme_word_about_a_foreign_country_is_about_the_relationship()
    {
        // An exchange with no theme of its own: a sentence that still codes a foreign country is `relations`, not
        // `other`, which R20 keeps for procedural sentences about no one.
        var (_, coded) = Briefing("你能否介绍一下有关情况？", "我们已经向日方表明了态度。", "我没有可以提供的信息。");
        Assert.Contains(coded.Statements[1].Targets, t => t.Actor == "JP");
        Assert.Equal(["relations"], coded.Statements[1].Themes);
        Assert.Equal(["other"], coded.Statements[2].Themes);
    }
}
