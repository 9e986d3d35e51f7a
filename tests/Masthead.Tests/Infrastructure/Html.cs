using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Tests.Infrastructure;

public static class Html
{
    public static async Task<(int Status, IDocument Document)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, new HtmlParser().ParseDocument(html));
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Text with runs of white space folded, as a reader sees it.</summary>
    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
