namespace Masthead.Publishing.Addresses;

/// <summary>
/// The one rule for addresses people give and readers follow or load: an article's origin and canonical copy, featured
/// images, people's photos. Whatever way they come in (editor, importers, archive), they are held to it, and what is
/// written out (pages, feeds, JSON-LD, the Content API) is held to it again, so an address stored before the rule existed
/// never becomes a link either.
/// </summary>
public static class WebAddress
{
    public const string HttpRule = "must be a full address starting with http:// or https://";
    public const string ImageRule = "must be a full address starting with http:// or https://, or a path on this site starting with /";

    /// <summary>An absolute http(s) address with a host, exactly as given: no spaces, tabs, line breaks or control
    /// characters anywhere (browsers drop them, which is how "java\tscript:" becomes a script).</summary>
    public static bool IsHttp(string? value) =>
        value is { Length: > 0 and <= 2048 } && IsClean(value)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    /// <summary>A path on this site ("/media/…"), not a protocol-relative address ("//elsewhere").</summary>
    public static bool IsSitePath(string? value) =>
        value is { Length: > 1 and <= 2048 } && value[0] == '/' && value[1] is not ('/' or '\\') && IsClean(value);

    public static bool IsImage(string? value) => IsHttp(value) || IsSitePath(value);

    /// <summary>The address when it passes <see cref="IsHttp"/>, otherwise null: for output.</summary>
    public static string? HttpOrNull(string? value) => IsHttp(value) ? value : null;

    /// <summary>The image address when it passes <see cref="IsImage"/>, otherwise null: for output.</summary>
    public static string? ImageOrNull(string? value) => IsImage(value) ? value : null;

    private static bool IsClean(string value)
    {
        foreach (var c in value)
            if (c <= ' ' || c is '\u007f' or '\u00a0' or '\ufeff' or '\u2028' or '\u2029')
                return false;
        return true;
    }
}
