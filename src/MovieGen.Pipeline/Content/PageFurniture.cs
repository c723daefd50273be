using System.Text.RegularExpressions;

namespace MovieGen.Pipeline.Content;

/// <summary>
/// Lines of a page that belong to its frame, not its story, and must never be narrated or shown
/// as a key point: bylines, dates with 公開/更新/Published, reading time, share/tag/related lines,
/// image credits. Recognised by what is left of a short line once those words and dates are taken
/// out: a real sentence that merely mentions a date keeps most of its words.
/// </summary>
public static partial class PageFurniture
{
    private const int MaxJapaneseLength = 60;
    private const int MaxLatinLength = 120;

    /// <summary>True when <paramref name="line"/> (a paragraph) is page furniture. <paramref name="byline"/>
    /// is the byline the reader found, if any: a paragraph that is just that byline goes too.</summary>
    public static bool IsFurniture(string line, string? byline = null)
    {
        var text = line.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        var japanese = TextTools.DetectLanguage(text) == "ja";
        if (text.Length > (japanese ? MaxJapaneseLength : MaxLatinLength))
        {
            return false;
        }

        if (byline is { Length: > 1 } && (string.Equals(text, byline.Trim(), StringComparison.OrdinalIgnoreCase)
            || (text.Contains(byline.Trim(), StringComparison.OrdinalIgnoreCase) && text.Length <= byline.Trim().Length + 40 && Residue(text).Length <= byline.Length + 2)))
        {
            return true;
        }

        if (Leading().IsMatch(text) || Credit().IsMatch(text))
        {
            return true;
        }

        // "By the editors, September 2026", "By Jane Doe and John Smith": a byline names people,
        // "By 2030, most cars…" goes on to say something.
        if (Byline().IsMatch(text))
        {
            return Residue(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 5 && !SentenceEnd().IsMatch(text);
        }

        var hasMarker = Date().IsMatch(text) || Marker().IsMatch(text);
        if (!hasMarker)
        {
            return false;
        }

        // What remains once dates, times, furniture words and separators are gone: a few name-like
        // words at most (an author) for furniture, a clause with a verb for a sentence.
        var residue = Residue(text);
        return japanese
            ? residue.Length <= 12 && !residue.Contains('。')
            : residue.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4 && !SentenceEnd().IsMatch(text);
    }

    /// <summary>True for a heading that opens a block of furniture (related articles, comments,
    /// share buttons, tags): the block under it is not the article.</summary>
    public static bool IsFurnitureHeading(string heading) => FurnitureHeading().IsMatch(heading.Trim());

    private static string Residue(string text)
    {
        var rest = Date().Replace(text, " ");
        rest = Marker().Replace(rest, " ");
        rest = Separators().Replace(rest, " "); // and bare numbers left over from dates
        return TextTools.NormaliseWhitespace(rest).Trim();
    }

    private const string Months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    [GeneratedRegex(
        @"\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?(\s*[（(][月火水木金土日][)）])?|\d{1,2}\s*月\s*\d{1,2}\s*日(\s*[（(][月火水木金土日][)）])?|\d{4}\s*年|" +
        @"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(T[\d:.+Z-]+)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?|" +
        @"\b(" + Months + @")\.?\s+\d{1,2}(st|nd|rd|th)?,?(\s+\d{4})?|\b\d{1,2}(st|nd|rd|th)?\s+(" + Months + @")\.?,?(\s+\d{4})?|\b(" + Months + @")\.?\s+\d{4}|" +
        @"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b|\b(JST|UTC|GMT|EST|EDT|PST|PDT|CET|BST)\b|午前|午後",
        RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(
        @"公開日?|更新日?|最終更新|投稿日?|配信日?|掲載日?|作成日|発売日|執筆|記者|文\s*[:：=／/]|写真\s*[:：=／/]|読了時間|約?\d+\s*分で読めます|約?\d+\s*分|" +
        @"\b(published|updated|posted|last\s+(updated|modified)|modified|first\s+published|originally\s+published|written|by|on|at|and|the|staff|editors?|" +
        @"reporter|correspondent|contributor|min(ute)?s?\s+read|read(ing)?\s+time|\d+\s+min(ute)?s?|ago|hours?|days?)\b|" +
        // Arabic: "last update", "published"; weekday and month names are left to the residue count.
        @"آخر تحديث|تحديث|نشر",
        RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    // Lines that are furniture whatever follows: "By …" bylines, share/tag lines, reading time.
    [GeneratedRegex(
        @"^(share( this( article| story| post| page)?)?|tweet|tags?|tagged|filed under|categor(y|ies)|topics?|related( articles| posts| stories)?|read more|see also|advertisement|sponsored|follow us|sign up|subscribe)\s*([:：|·•]|$)|" +
        @"^(タグ|カテゴリー?|関連記事|関連リンク|関連情報|この記事をシェア|シェア(する)?|ツイート|あわせて読みたい|こちらもおすすめ|おすすめ記事|人気記事|続きを読む|広告|PR)\s*([:：|・]|$)|" +
        @"^\s*[（(]?\s*(文|写真|撮影|構成|取材|編集|筆者|著者)\s*[:：=＝／/]|" +
        @"^(\d+\s*(min(ute)?s?|分)\s*(read|で読めます)|reading time\s*[:：]?\s*\d+|読了時間\s*[:：]?\s*約?\d+)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Leading();

    // Image credits and captions' sources: "Photo: AP", "(Getty Images)", "写真：共同", "©2024 …".
    [GeneratedRegex(
        @"^[(\[（]?\s*(photo|photograph|image|picture|credit|source|illustration|video|写真|画像|図|提供|出典|出所|撮影|イラスト)\s*(credit)?\s*[:：=／/]|" +
        @"^[(\[（]?\s*(©|\(c\)|copyright\b)|^[(\[（]?\s*(getty images|shutterstock|reuters|associated press|ap photo|afp|istock|unsplash|共同通信?|時事通信|ロイター)(\s*/\s*[\w .]+)?\s*[)\]）]?\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Credit();

    [GeneratedRegex(
        @"^(関連記事|関連リンク|関連情報|あわせて読みたい|こちらもおすすめ|おすすめ記事|人気記事|人気の記事|新着記事|最新記事|ランキング|アクセスランキング|コメント|コメントする|この記事をシェア|シェア|タグ|" +
        @"related( articles| posts| stories| content| reading)?|more (from|stories|articles|on)\b.*|recommended( for you| reading)?|you (may|might) also like.*|read (more|next)|popular( now| posts)?|trending|" +
        @"comments?|leave a (comment|reply)|share( this)?( article| post| story)?|tags?|about the author|newsletter|sign up.*)\s*[:：]?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureHeading();

    [GeneratedRegex(@"^(by|written by|words by|text by|story by|posted by|published by|photos? by|images? by|illustrations? by|reporting by)\s+[^\d\s]", RegexOptions.IgnoreCase)]
    private static partial Regex Byline();

    [GeneratedRegex(@"[|｜·•・/／:：,、،\-–—()（）\[\]【】「」]|(?<![\p{L}\d])[+]?\d+(?![\p{L}\d])")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}.*[.!?]$", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceEnd();
}
