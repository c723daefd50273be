namespace MovieGen.Pipeline.Script;

/// <summary>The fixed lines of the offline writer's dialogue, per language. The listener
/// (ずんだもん, "…のだ") asks and reacts; the explainer (四国めたん) explains. Variants rotate by
/// section number, never at random, so the same article always gives the same script.</summary>
internal sealed record DialogueTemplates(
    string HookQuestion,
    Func<string, string> HookIntro,
    string WhyItMatters,
    string HookLead,
    IReadOnlyList<Func<string, string>> OpenersWithHeading,
    IReadOnlyList<string> OpenersWithoutHeading,
    IReadOnlyList<string> Reactions,
    IReadOnlyList<Func<string, string>> AskTerm,
    IReadOnlyList<Func<string, string>> EchoNumber,
    IReadOnlyList<Func<string, string>> SumUp,
    Func<string, string?> Plain,
    string IntroductionTitle,
    Func<int, string> UntitledSection,
    string SummaryTitle,
    string SummaryQuestion,
    Func<string, string> SummaryIntro,
    string RecapLead,
    Func<int, string, string> Recap,
    string RecapTopicsLead,
    Func<int, string, string> RecapTopic,
    string Thanks,
    string Goodbye,
    string UntitledArticle,
    string ExplainerRole,
    string ListenerRole)
{
    public static DialogueTemplates For(string language) => language == "ja" ? Japanese : English;

    public static readonly DialogueTemplates Japanese = new(
        HookQuestion: "今日はどんな話なのだ？",
        HookIntro: title => $"今日は「{title}」という記事を紹介するわ。",
        WhyItMatters: "それって、どうして大事なのだ？",
        HookLead: "面白そうなのだ！詳しく教えてほしいのだ。",
        OpenersWithHeading:
        [
            h => $"まずは「{h}」について教えてほしいのだ。",
            h => $"次は「{h}」なのだ？",
            h => $"「{h}」って、どういうことなのだ？",
            h => $"「{h}」の話も気になるのだ！",
        ],
        OpenersWithoutHeading:
        [
            "まずは何から話すのだ？",
            "それで、どうなるのだ？",
            "続きを聞かせてほしいのだ！",
            "次のポイントは何なのだ？",
        ],
        Reactions: ["なるほどなのだ。", "へえ、そうなのだ！", "ふむふむ、それで？", "それは知らなかったのだ！", "わかりやすいのだ。", "そういう仕組みなのだ。", "うんうん、続けてほしいのだ。", "ちょっと意外なのだ！"],
        AskTerm: [term => $"「{term}」って何なのだ？", term => $"ちょっと待って、「{term}」ってどういうものなのだ？", term => $"「{term}」？初めて聞いたのだ。"],
        EchoNumber: [n => $"{n}も！？それはすごいのだ！", n => $"えっ、{n}なのだ？", n => $"{n}かあ、覚えておくのだ。"],
        SumUp: [p => $"つまり、{p}ってことなのだ？", p => $"まとめると、{p}ってことなのだね。", p => $"要するに、{p}ってことなのだ！"],
        Plain: PlainJapanese.Of,
        IntroductionTitle: "はじめに",
        UntitledSection: n => $"ポイント{n}",
        SummaryTitle: "まとめ",
        SummaryQuestion: "最後にまとめてほしいのだ！",
        SummaryIntro: title => $"今回は「{title}」を紹介したわ。",
        RecapLead: "ポイントをおさらいするわね。",
        Recap: (i, point) => $"{Ordinal(i)}、{point}。",
        RecapTopicsLead: "どんな話をしたか、おさらいするわね。",
        RecapTopic: (i, heading) => $"{Ordinal(i)}、「{heading}」。",
        Thanks: "最後まで見てくれてありがとう。",
        Goodbye: "とても勉強になったのだ！またね！",
        UntitledArticle: "この記事",
        ExplainerRole: "解説役。記事の内容をわかりやすく説明する。",
        ListenerRole: "聞き役。質問し、驚いたり納得したりして話を進める。");

    public static readonly DialogueTemplates English = new(
        HookQuestion: "Hi! What are we reading today?",
        HookIntro: title => $"Today's article is \"{title}\".",
        WhyItMatters: "Why does it matter?",
        HookLead: "Sounds interesting. Tell me more!",
        OpenersWithHeading:
        [
            h => $"Let's start with \"{h}\". What is that about?",
            h => $"Next up: \"{h}\". What's that?",
            h => $"So what about \"{h}\"?",
            h => $"I'm curious about \"{h}\" too!",
        ],
        OpenersWithoutHeading:
        [
            "Where do we start?",
            "So what happens next?",
            "Tell me more!",
            "What's the next point?",
        ],
        Reactions: ["I see!", "Oh, really?", "Interesting. Go on.", "I didn't know that!", "That makes sense.", "Huh, clever.", "Okay, and then?", "That's surprising!"],
        AskTerm: [term => $"Wait, what's {term}?", term => $"{term}? What is that exactly?", term => $"Hold on, I've never heard of {term}."],
        EchoNumber: [n => $"{n}? Wow!", n => $"Really, {n}?", n => $"{n}. That's worth remembering."],
        SumUp: [p => $"So, in short: {LowerFirst(p)}?", p => $"Let me get this right: {LowerFirst(p)}.", p => $"Got it. {p}."],
        Plain: p => p,
        IntroductionTitle: "Introduction",
        UntitledSection: n => $"Part {n}",
        SummaryTitle: "Summary",
        SummaryQuestion: "Can you sum it up for me?",
        SummaryIntro: title => $"We looked at \"{title}\".",
        RecapLead: "Here are the key points.",
        Recap: (i, point) => $"{EnglishOrdinal(i)}, {point}.",
        RecapTopicsLead: "Here is what we covered.",
        RecapTopic: (i, heading) => $"{EnglishOrdinal(i)}, \"{heading}\".",
        Thanks: "Thanks for watching!",
        Goodbye: "That was really helpful. See you next time!",
        UntitledArticle: "this article",
        ExplainerRole: "Explainer: walks through the article clearly.",
        ListenerRole: "Listener: asks questions and reacts to move the story along.");

    private static string LowerFirst(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static string Ordinal(int i) => i switch
    {
        0 => "ひとつ目は",
        1 => "ふたつ目は",
        2 => "みっつ目は",
        3 => "よっつ目は",
        _ => "いつつ目は",
    };

    private static string EnglishOrdinal(int i) => i switch
    {
        0 => "First",
        1 => "Second",
        2 => "Third",
        3 => "Fourth",
        _ => "Fifth",
    };
}
