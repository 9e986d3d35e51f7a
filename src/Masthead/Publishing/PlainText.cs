namespace Masthead.Publishing;

public static class PlainText
{
    /// <summary>Runs of white space folded to one space, ends trimmed: text as a reader sees it.</summary>
    public static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a form field holds, trimmed, or null when nothing was typed.</summary>
    public static string? TrimmedOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
