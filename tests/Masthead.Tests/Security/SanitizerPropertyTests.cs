using CsCheck;
using Masthead.Publishing.Body;

namespace Masthead.Tests.Security;

/// <summary>The sanitizer's output is a fixed point: sanitizing what it produced changes nothing, for generated HTML
/// made of the tags, attributes and values the audit used (scripts, forms, handlers, hostile URLs and styles).</summary>
public sealed class SanitizerPropertyTests
{
    private static readonly string[] Tags = ["p", "a", "em", "strong", "div", "span", "form", "input", "button", "img", "script", "style", "blockquote",
        "table", "tr", "td", "ul", "li", "iframe", "svg", "math", "textarea", "select", "option", "h2", "code", "pre", "figure", "figcaption", "br"];
    private static readonly string[] Attributes = ["href", "src", "style", "class", "id", "onclick", "onerror", "formaction", "action", "title", "alt", "srcset", "data-x"];
    private static readonly string[] Values = ["https://example.org/", "//evil.example/x", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x",
        "data:text/html,<b>", "position:fixed;top:0", "color:red", "background:url(https://t.example/p.gif)", "x\" onmouseover=\"alert(1)", "<script>",
        "&amp;&lt;", "", "#", "mailto:a@b.example", "/media/a.jpg", "expression(alert(1))"];
    private static readonly Gen<string> TextNode = Gen.OneOf(Gen.Const("Text"), Gen.Const("a & b"), Gen.Const("<"), Gen.Const("\"quoted\""),
        Gen.Const("é中"), Gen.Const("]]>"), Gen.Const("<!-- c -->"), Gen.Const("&nbsp;"));

    private static Gen<string> Node(int depth) => depth == 0
        ? TextNode
        : Gen.Frequency((2, TextNode), (3, Element(depth)));

    private static Gen<string> Element(int depth) =>
        Gen.Select(Gen.OneOf(Tags), Gen.Select(Gen.OneOf(Attributes), Gen.OneOf(Values)).Array[0, 3], Node(depth - 1).Array[0, 3],
            (tag, attributes, children) =>
                $"<{tag}{string.Concat(attributes.Select(a => $" {a.Item1}=\"{a.Item2.Replace("\"", "&quot;")}\""))}>{string.Concat(children)}</{tag}>");

    [Fact]
    public void Sanitizing_twice_changes_nothing()
    {
        var renderer = new BodyRenderer();
        Node(4).Array[1, 4].Select(string.Concat).Sample(html =>
        {
            var once = renderer.SanitizeHtml(html);
            Assert.Equal(once, renderer.SanitizeHtml(once));
        }, iter: 10_000);
    }
}
