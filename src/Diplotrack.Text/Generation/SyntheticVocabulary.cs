namespace Diplotrack.Text.Generation;

/// <summary>
/// The generator's own vocabulary and sentence templates. Written for the benchmark, never taken from real pages:
/// the spokespersons are invented names, the sentences are generic diplomatic phrasing assembled from slots.
/// Placeholders: {A} actor, {T} theme, {M}/{D} month/day, {P} person.
/// </summary>
internal static class SyntheticVocabulary
{
    /// <summary>Codebook-style actor ids with the Chinese name used in the text.</summary>
    public static readonly (string Id, string Zh)[] Actors =
    [
        ("US", "美国"), ("JP", "日本"), ("RU", "俄罗斯"), ("EU", "欧盟"), ("IN", "印度"), ("KR", "韩国"),
        ("KP", "朝鲜"), ("PH", "菲律宾"), ("VN", "越南"), ("AU", "澳大利亚"), ("GB", "英国"), ("FR", "法国"),
        ("DE", "德国"), ("PK", "巴基斯坦"), ("IR", "伊朗"), ("IL", "以色列"), ("UA", "乌克兰"), ("BR", "巴西"),
        ("ZA", "南非"), ("CA", "加拿大"), ("NZ", "新西兰"), ("SA", "沙特阿拉伯"), ("EG", "埃及"), ("KZ", "哈萨克斯坦"),
        ("ID", "印度尼西亚"), ("TH", "泰国"), ("MX", "墨西哥"), ("AR", "阿根廷"), ("NG", "尼日利亚"), ("TR", "土耳其"),
        ("ASEAN", "东盟"), ("UN", "联合国"), ("AU-ORG", "非盟"), ("NATO", "北约"),
    ];

    /// <summary>Themes with a short and a long wording.</summary>
    public static readonly (string Id, string Short, string Long)[] Themes =
    [
        ("trade", "经贸", "双边经贸合作"), ("security", "地区安全", "地区和平稳定"), ("climate", "气候变化", "应对气候变化"),
        ("health", "公共卫生", "全球公共卫生合作"), ("energy", "能源", "能源安全与转型"), ("tech", "科技", "科技创新合作"),
        ("maritime", "海洋", "海上安全与航行自由"), ("nuclear", "核不扩散", "核不扩散与军控"), ("food", "粮食安全", "粮食安全保障"),
        ("culture", "人文交流", "人文交流与民间往来"), ("peacekeeping", "维和", "联合国维和行动"), ("finance", "金融", "国际金融治理"),
        ("development", "发展", "共同发展与减贫"), ("cyber", "网络安全", "网络空间治理"),
    ];

    /// <summary>Outlets as a briefing prints them before <c>记者：</c>.</summary>
    public static readonly string[] Outlets =
    [
        "路透社", "法新社", "彭博社", "美联社", "共同社", "塔斯社", "新华社", "中新社", "《环球时报》", "凤凰卫视",
        "总台央视", "日本广播协会", "韩联社", "德新社", "埃菲社", "半岛电视台", "澎湃新闻", "北京日报",
    ];

    /// <summary>Invented spokespersons (two or three characters, like real names, but made up here).</summary>
    public static readonly string[] Spokespersons = ["林书远", "宋嘉", "钟明远", "贺若", "夏文清", "顾长宁", "温岚", "邵启明"];

    /// <summary>Invented ministers for the yearly press conference.</summary>
    public static readonly string[] Ministers = ["钱望舒", "秦安邦", "梁致远"];

    public static readonly string[] Visitors = ["外长", "总理", "总统", "副总统", "议长", "国防部长", "特使"];

    /// <summary>Answer sentences by stance, from −2 (hostile) to +2 (cooperative); index = stance + 2.</summary>
    public static readonly string[][] StanceSentences =
    [
        [
            "中方对{A}在{T}问题上的错误做法表示强烈不满和坚决反对，已向{A}方面提出严正交涉。",
            "{A}的有关行径严重损害双方互信，我们敦促{A}立即停止在{T}问题上的挑衅。",
            "我们严厉谴责{A}方面无视国际法、蓄意破坏{L}的恶劣行为。",
            "{A}必须为其在{T}领域的错误行为承担全部责任，中方将采取坚决措施予以回应。",
        ],
        [
            "我们对{A}近期在{T}问题上的动向表示关切，希望{A}方面慎重行事。",
            "{A}的做法无助于{L}，我们希望其多做有利于地区稳定的事。",
            "中方注意到{A}的有关言论，对其中的消极表述表示不赞成。",
            "我们奉劝{A}不要在{T}问题上一意孤行，以免影响双边关系大局。",
        ],
        [
            "中方注意到{A}方面的有关表态，愿继续保持沟通。",
            "关于{A}在{T}问题上的具体安排，请向主管部门了解。",
            "我们将根据{L}的进展情况同{A}方面保持联系。",
            "中方在{T}问题上的立场是一贯的、明确的，这一点没有变化。",
        ],
        [
            "我们欢迎{A}为推进{L}所作的积极努力。",
            "中方愿同{A}一道，在{T}领域加强对话，妥善处理分歧。",
            "{A}方面的表态是积极的，我们对此表示赞赏。",
            "中方期待同{A}在{T}问题上开展更多务实合作。",
        ],
        [
            "中方高度赞赏{A}在{L}方面发挥的建设性作用，愿同{A}深化全方位合作。",
            "{A}是中方重要的合作伙伴，双方在{T}领域的合作成果丰硕、前景广阔。",
            "我们愿同{A}携手并进，把{T}合作打造成双边关系的新亮点。",
            "中方热烈祝贺{A}成功举办有关{T}的国际会议，愿同{A}共同维护{L}。",
        ],
    ];

    /// <summary>Neutral sentences that pad answers without naming an actor.</summary>
    public static readonly string[] FillerSentences =
    [
        "我们一贯主张通过对话协商解决分歧。",
        "国际社会普遍认为，{L}符合各方共同利益。",
        "中方愿同各方一道，为{L}作出应有贡献。",
        "具体情况我们会适时发布消息，请大家保持关注。",
        "这一问题由来已久，各方应当着眼长远、相向而行。",
        "我们已经多次阐明在{T}问题上的原则立场，不再重复。",
        "对话合作是正道，对抗施压没有出路。",
        "有关会议将在{M}月{D}日举行，届时我们会发布详细信息。",
        "我想强调的是，第一，尊重各国主权和领土完整；第二，坚持多边主义；第三，推动共同发展。",
    ];

    public static readonly string[] QuestionSentences =
    [
        "据报道，{A}近日就{T}问题发表声明。中方对此有何评论？",
        "{A}官员昨天表示将在{T}领域采取新的措施。中方如何看待？",
        "有分析认为，{A}正在调整其{T}政策，中方是否担心由此带来的影响？",
        "请问中方对{A}本周举行的{T}会议有何期待？",
        "{A}方面称愿同中方加强{T}合作，你能否介绍双方下一步的安排？",
        "关于{L}，{A}领导人日前发表讲话。中方有何回应？",
        "{A}媒体报道称，双方将在{M}月{D}日举行{T}磋商，你能否证实？",
    ];

    public static readonly string[] FollowUps =
    [
        "中方是否会采取反制措施？",
        "你能否透露更多细节？",
        "这是否意味着中方的立场有所变化？",
        "双方是否已就此进行沟通？",
    ];

    public static readonly string[] OpeningSentences =
    [
        "应{A}政府邀请，{P}将于{M}月{D}日对{A}进行正式访问。",
        "访问期间，双方将就{L}及共同关心的国际和地区问题深入交换意见。",
        "{A}{P}将于{M}月{D}日至{D2}日访华，双方将举行会谈。",
        "我们期待此访取得圆满成功，推动两国关系不断向前发展。",
    ];

    public static readonly string[] SectionTitles =
    [
        "大国外交", "周边关系", "全球治理", "经贸合作", "地区热点", "多边主义", "发展合作", "人文交流",
    ];

    public static readonly string[] Headlines =
    [
        "在变局中开新局", "以合作应对共同挑战", "坚定维护和平发展", "推动构建开放型世界经济", "携手共创美好未来",
    ];

    public static readonly string[] Venues = ["新闻中心", "新闻发布厅", "国际会议中心"];
}
