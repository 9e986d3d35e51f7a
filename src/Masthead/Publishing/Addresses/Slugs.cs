using System.Globalization;
using System.Text;

namespace Masthead.Publishing.Addresses;

public static class Slugs
{
    /// <summary>
    /// "Middle East &amp; North Africa" → "middle-east-north-africa". Accents are folded; letters of other scripts are kept
    /// (WordPress and Ghost do the same), so a Cyrillic name still gets a readable slug.
    /// </summary>
    public static string From(string text, int maxLength = 120)
    {
        var folded = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingDash && slug.Length > 0) slug.Append('-');
                var lower = char.ToLowerInvariant(c);
                if (LatinWithoutDecomposition.TryGetValue(lower, out var ascii)) slug.Append(ascii);
                else slug.Append(lower);
                pendingDash = false;
                if (slug.Length >= maxLength) break;
            }
            else if (c != '\'' && c != '’')
                pendingDash = true;
        }
        return slug.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The one rule for an article's address: <paramref name="wanted"/> as a slug, or "article" when it has no letters
    /// or digits, numbered (-2, -3…) past slugs that are taken, reserved for the site's own pages, or in
    /// <paramref name="alsoTaken"/> (an import's batch not saved yet).
    /// </summary>
    public static async Task<string> UniqueArticleSlugAsync(Data.MastheadDb db, string wanted, int articleId, ISet<string>? alsoTaken = null,
        CancellationToken cancellation = default)
    {
        var root = From(wanted);
        if (root.Length == 0) root = "article";
        var candidate = root;
        for (var n = 2; SiteRoutes.Reserved.Contains(candidate) || alsoTaken?.Contains(candidate) == true
                        || await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Articles, a => a.Slug == candidate && a.Id != articleId, cancellation); n++)
            candidate = $"{root}-{n}";
        alsoTaken?.Add(candidate);
        return candidate;
    }

    // Latin letters that Unicode does not decompose into a base letter and an accent; folded as WordPress folds them.
    private static readonly Dictionary<char, string> LatinWithoutDecomposition = new()
    {
        ['ø'] = "o", ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['đ'] = "d", ['ð'] = "d", ['ł'] = "l", ['þ'] = "th", ['ı'] = "i", ['ħ'] = "h",
    };
}
