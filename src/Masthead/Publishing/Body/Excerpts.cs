namespace Masthead.Publishing.Body;

public static class Excerpts
{
    /// <summary>The opening of a rendered body as plain text, cut at a word: what lists and feeds show.</summary>
    public static string FromHtml(string html, int maxLength = 280)
    {
        var text = PlainText.FromHtml(html);
        if (text.Length <= maxLength) return text;
        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(',', ';', ':', '–', '-', ' ') + "…";
    }
}
