using CsCheck;
using Masthead.Articles;
using Masthead.Authors;
using Masthead.Exporting;
using Masthead.Importing.Markdown;
using Masthead.Taxonomy;

namespace Masthead.Tests.Importing;

/// <summary>
/// Import∘export is the identity on generated articles: whatever the exporter writes (headlines with YAML's own
/// characters, quotes, colons, non-Latin script, bodies with Markdown in them), the importer reads back as it was.
/// </summary>
public sealed class MarkdownFormatPropertyTests
{
    // YAML's indicators and quoting characters, Markdown's, and text from other scripts.
    private const string Letters = "abcXYZ éü中文ąß “”‘’«»";
    private const string Tricky = ":#-'\"[]{}!&*|>%@`,?\\/";

    private static readonly Gen<string> Word = Gen.Char[Letters + Letters + Tricky].Array[1, 12].Select(c => new string(c));

    /// <summary>Text as a form or importer leaves it: words, single spaces, no surrounding space.</summary>
    private static readonly Gen<string> Text = Word.Array[1, 6].Select(words => string.Join(' ', words).Trim())
        .Where(t => t.Length > 0);

    private static readonly Gen<string> Body = Gen.OneOf(
            Text, Text.Select(t => "*" + t.Trim('*', ' ') + "*"), Text.Select(t => "> " + t), Text.Select(t => $"[{t.Replace("[", "").Replace("]", "")}](https://example.org/x)"))
        .Array[1, 5].Select(paragraphs => string.Join("\n\n", paragraphs));

    private static readonly Gen<DateTime> Moment = Gen.Int[0, 400_000_000].Select(seconds => DateTime.UnixEpoch.AddYears(30).AddSeconds(seconds));

    private static readonly Gen<Article> Articles =
        Gen.Select(Text, Text.Null(), Text.Null(), Body, Moment, Gen.Bool, Text.Array[0, 3], Text.Array[0, 3])
        .Select(Gen.Select(Text.Null(), Text, Gen.Bool), (a, extra) =>
        {
            var (headline, dek, dateline, body, published, draft, names, terms) = a;
            var (readerNote, outlet, canonical) = extra;
            var article = new Article
            {
                Slug = "story", Headline = headline, Dek = dek, Dateline = dateline, BodyMarkdown = body, ReaderNote = readerNote,
                Status = draft ? ArticleStatus.Draft : ArticleStatus.Published, PublishedAt = draft ? null : published, UpdatedAt = published.AddHours(1),
                SourceId = "md:story",
                Origin = new Origin { Outlet = outlet, Url = "https://original.example/a?b=c&d=e", OriginalDate = DateOnly.FromDateTime(published), IsCanonical = canonical },
            };
            foreach (var (name, i) in names.Distinct().Select((n, i) => (n, i)))
                article.Bylines.Add(new Byline { Person = new Person { Name = name, Slug = "p" + i }, Position = i });
            var theme = new Vocabulary { Name = "Theme", Slug = "theme" };
            foreach (var (name, i) in terms.Distinct().Select((n, i) => (n, i)))
                article.Terms.Add(new ArticleTerm { Term = new Term { Name = name, Slug = "t" + i, Vocabulary = theme }, Position = i });
            return article;
        });

    [Fact]
    public void Reading_what_the_exporter_wrote_gives_back_the_article() =>
        Articles.Sample(article =>
        {
            var read = FrontMatter.Read(MarkdownExporter.Render(article), "story.md", TimeZoneInfo.Utc);
            Assert.Equal(
                (article.Headline, article.Dek, article.Dateline, article.ReaderNote, article.BodyMarkdown, article.Status, article.PublishedAt, article.UpdatedAt),
                (read.Headline, read.Dek, read.Dateline, read.ReaderNote, read.BodyMarkdown, read.Status, read.PublishedAt, read.UpdatedAt));
            Assert.Equal((article.Origin!.Outlet, article.Origin.Url, article.Origin.OriginalDate, article.Origin.IsCanonical),
                (read.Origin!.Outlet, read.Origin.Url, read.Origin.OriginalDate, read.Origin.IsCanonical));
            Assert.Equal(article.Bylines.Select(b => b.Person.Name), read.Bylines);
            Assert.Equal(article.Terms.Select(t => t.Term.Name), read.Terms.SelectMany(t => t.Value));
        }, iter: 300);
}
