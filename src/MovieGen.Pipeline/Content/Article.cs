namespace MovieGen.Pipeline.Content;

/// <summary>What the fetch stage extracts from a page; serialised to <c>article.json</c>.</summary>
/// <param name="Url">The final URL after redirects.</param>
/// <param name="Title">The article's own headline (not the site's name or its og:title suffix).</param>
/// <param name="Language">"ja" or "en", detected from the text's script.</param>
/// <param name="Text">The main text, paragraphs (then each section's listings) separated by blank
/// lines; page furniture (bylines, dates, reading time, share and tag lines, image credits) is not
/// part of it.</param>
/// <param name="Byline">Who wrote it, as the page says (shown, never narrated).</param>
/// <param name="Published">When it was published, when the page says so.</param>
public sealed record Article(
    string Url,
    string Title,
    string? Description,
    string Language,
    IReadOnlyList<ArticleSection> Sections,
    IReadOnlyList<ArticleImage> Images,
    string Text,
    string? Byline = null,
    DateTimeOffset? Published = null);

/// <summary>A heading with the paragraphs under it (Heading is null for text before the first
/// heading, or for paragraph groups of an article without headings).</summary>
/// <param name="Listings">Code listings and data tables of the section as text: part of the article
/// (the LLM writer sees them), never narrated.</param>
public sealed record ArticleSection(string? Heading, IReadOnlyList<string> Paragraphs, string? ImageUrl = null, IReadOnlyList<string>? Listings = null);

/// <summary>A candidate image: absolute URL with its meaningful alt or title text.</summary>
public sealed record ArticleImage(string Url, string? Alt);
