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

    /// <summary>The headlines of an archive page's article cards, in the order shown.</summary>
    public static string[] Headlines(IDocument page) =>
        [.. page.QuerySelectorAll("main article.card h2").Select(h => h.TextContent.Trim())];

    /// <summary>Text with runs of white space folded, as a reader sees it.</summary>
    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
