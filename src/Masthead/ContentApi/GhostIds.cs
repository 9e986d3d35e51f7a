using System.Globalization;

namespace Masthead.ContentApi;

/// <summary>
/// Ghost ids are 24 hex digits (MongoDB ObjectIds). Masthead's are integers per table, so a Ghost id is the kind in the
/// first two digits and the integer in the other 22: stable, reversible, and never the same for a post and a tag.
/// </summary>
public static class GhostIds
{
    public enum Kind { Post = 1, Tag = 2, Author = 3 }

    public static string For(Kind kind, int id) => ((int)kind).ToString("x2") + id.ToString("x22", CultureInfo.InvariantCulture);

    public static int? Parse(Kind kind, string? ghostId)
    {
        if (ghostId is not { Length: 24 } || !ghostId.StartsWith(((int)kind).ToString("x2"), StringComparison.Ordinal)) return null;
        return long.TryParse(ghostId.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) && id is > 0 and <= int.MaxValue
            ? (int)id : null;
    }
}
