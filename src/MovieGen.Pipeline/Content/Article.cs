namespace MovieGen.Pipeline.Content;

/// <summary>What the fetch stage extracts from a page; serialised to <c>article.json</c>.</summary>
/// <param name="Url">The final URL after redirects.</param>
/// <param name="Language">"ja" or "en", detected from the text's script.</param>
/// <param name="Text">The main text, paragraphs separated by blank lines.</param>
public sealed record Article(
    string Url,
    string Title,
    string? Description,
    string Language,
    IReadOnlyList<ArticleSection> Sections,
    IReadOnlyList<ArticleImage> Images,
    string Text);

/// <summary>A heading with the paragraphs under it (Heading is null for text before the first
/// heading, or for paragraph groups of an article without headings).</summary>
public sealed record ArticleSection(string? Heading, IReadOnlyList<string> Paragraphs, string? ImageUrl = null);

/// <summary>A candidate image: absolute URL with its meaningful alt or title text.</summary>
public sealed record ArticleImage(string Url, string? Alt);
