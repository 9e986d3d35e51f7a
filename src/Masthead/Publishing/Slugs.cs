using System.Globalization;
using System.Text;

namespace Masthead.Publishing;

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
                slug.Append(char.ToLowerInvariant(c));
                pendingDash = false;
                if (slug.Length >= maxLength) break;
            }
            else if (c != '\'' && c != '’')
                pendingDash = true;
        }
        return slug.ToString().Normalize(NormalizationForm.FormC);
    }
}
