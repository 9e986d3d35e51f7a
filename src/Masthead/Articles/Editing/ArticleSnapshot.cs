using System.Text;
using System.Text.Json;

namespace Masthead.Articles.Editing;

public sealed record SnapshotByline(int PersonId, string Name);
public sealed record SnapshotTerm(int TermId, string Vocabulary, string Name);
public sealed record SnapshotNote(int Id, NoteKind Kind, DateTime At, string Text);

/// <summary>Everything an editor can change on an article, as it stood at one save.</summary>
public sealed record ArticleSnapshot(
    string Headline, string? Dek, string Slug, string? Dateline, string BodyMarkdown, ArticleStatus Status, DateTime? PublishedAt,
    IReadOnlyList<SnapshotByline> Bylines, IReadOnlyList<SnapshotTerm> Terms,
    string? OriginOutlet, string? OriginUrl, DateOnly? OriginDate, string? ReaderNote, string? FeaturedImage,
    IReadOnlyList<SnapshotNote> Notes, bool OriginIsCanonical = false, Visibility Visibility = Visibility.Public,
    string? FeaturedImageAlt = null, string? FeaturedImageCaption = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The article must have its bylines' people, its terms' vocabularies and its notes loaded.</summary>
    public static ArticleSnapshot Of(Article a) => new(
        a.Headline, a.Dek, a.Slug, a.Dateline, a.BodyMarkdown, a.Status, a.PublishedAt,
        a.Bylines.OrderBy(b => b.Position).Select(b => new SnapshotByline(b.PersonId, b.Person.Name)).ToList(),
        a.Terms.OrderBy(t => t.Position).Select(t => new SnapshotTerm(t.TermId, t.Term.Vocabulary.Name, t.Term.Name)).ToList(),
        a.Origin?.Outlet, a.Origin?.Url, a.Origin?.OriginalDate, a.ReaderNote, a.FeaturedImage,
        a.Notes.OrderBy(n => n.At).Select(n => new SnapshotNote(n.Id, n.Kind, n.At, n.Text)).ToList(),
        a.Origin?.IsCanonical ?? false, a.Visibility, a.FeaturedImageAlt, a.FeaturedImageCaption);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ArticleSnapshot FromJson(string json) => JsonSerializer.Deserialize<ArticleSnapshot>(json, Json)!;

    /// <summary>The snapshot as lines of text, fields first, then the body, then the notes: what a diff compares.</summary>
    public IReadOnlyList<string> ToLines()
    {
        var lines = new List<string>
        {
            "Headline: " + Headline,
            "Dek: " + Dek,
            "Slug: " + Slug,
            "Dateline: " + Dateline,
            "Status: " + Status,
            "Bylines: " + string.Join(", ", Bylines.Select(b => b.Name)),
        };
        lines.AddRange(Terms.GroupBy(t => t.Vocabulary).Select(g => g.Key + ": " + string.Join(", ", g.Select(t => t.Name))));
        lines.Add("Origin: " + string.Join(" · ", new[] { OriginOutlet, OriginUrl, OriginDate?.ToString("yyyy-MM-dd"), OriginIsCanonical ? "canonical" : null }.Where(s => !string.IsNullOrEmpty(s))));
        lines.Add("Reader note: " + ReaderNote);
        lines.Add("Featured image: " + FeaturedImage);
        if (FeaturedImageAlt is not null) lines.Add("Featured image alt: " + FeaturedImageAlt);
        if (FeaturedImageCaption is not null) lines.Add("Featured image caption: " + FeaturedImageCaption);
        if (Visibility != Visibility.Public) lines.Add("Visibility: " + Visibility);
        lines.Add("");
        lines.AddRange(BodyMarkdown.Replace("\r\n", "\n").Split('\n'));
        foreach (var note in Notes)
            lines.Add($"{note.Kind} ({note.At:yyyy-MM-dd HH:mm} UTC): {note.Text}");
        return lines;
    }
}

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

public static class LineDiff
{
    /// <summary>A line diff by longest common subsequence: small inputs (one article), so the quadratic table is fine.</summary>
    public static IReadOnlyList<DiffLine> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        int n = before.Count, m = after.Count;
        var common = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < n && y < m)
        {
            if (before[x] == after[y]) { lines.Add(new(DiffKind.Same, before[x])); x++; y++; }
            else if (common[x + 1, y] >= common[x, y + 1]) lines.Add(new(DiffKind.Removed, before[x++]));
            else lines.Add(new(DiffKind.Added, after[y++]));
        }
        while (x < n) lines.Add(new(DiffKind.Removed, before[x++]));
        while (y < m) lines.Add(new(DiffKind.Added, after[y++]));
        return lines;
    }

    public static string ToText(IEnumerable<DiffLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(line.Kind switch { DiffKind.Added => "+ ", DiffKind.Removed => "- ", _ => "  " }).AppendLine(line.Text);
        return text.ToString();
    }
}
