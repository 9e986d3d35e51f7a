namespace Masthead.Importing.Markdown;

/// <summary>
/// The layout of a Markdown export: one <c>SLUG.md</c> per article, plus <c>_authors.yml</c> (name, slug, bio) and
/// <c>_vocabularies.yml</c> (slug, name) so that what the front matter names by slug keeps its full name.
/// </summary>
public static class MarkdownDirectory
{
    public const string AuthorsFile = "_authors.yml";
    public const string VocabulariesFile = "_vocabularies.yml";

    public static IEnumerable<string> ArticleFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('_'))
            .Order(StringComparer.Ordinal);
}
