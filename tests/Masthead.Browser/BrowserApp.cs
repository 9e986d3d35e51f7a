using System.Text.Json;
using Masthead.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>
/// The application on a real Kestrel port over a real store, and Debian's Chromium driven by Playwright
/// (never a downloaded browser). Screenshots go to artifacts/screenshots/ at the repository root.
/// </summary>
public class BrowserApp : LiveApp
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser? browser;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs Debian's chromium");
        playwright = await Playwright.CreateAsync();
        // Assertions wait as long as actions: a save under the HTTP suite's load has taken over 5 s (CI, stop 21).
        Assertions.SetDefaultExpectTimeout(30_000);
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await browser!.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, JavaScriptEnabled = javaScript });
        // Generous: ./test.sh runs these beside the HTTP suite's own servers, and a sign-in under that load has taken over 15 s.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new staff member of this role signed in through the login form, on the articles list.</summary>
    public async Task<IPage> SignedInAsync(Masthead.Staff.StaffRole role)
    {
        var member = await StaffClient.CreateAsync(this, role);
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(member.Email);
        await page.GetByLabel("Password").FillAsync(StaffClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/admin/articles");
        }
        catch (TimeoutException)
        {
            // Say where the login went instead, and what that page said.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"signing in {member.Email} ended on {page.Url}: {said}");
        }
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var store = TestDatabase.IsPostgres ? "postgres" : "sqlite";
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{store}.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Masthead.slnx"))) directory = directory.Parent;
        return directory!.FullName;
    }

    /// <summary>axe-core (npm, installed by test.sh) injected into the page; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var axe = Path.Combine(RepositoryRoot(), "tests", "Masthead.Browser", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe)) throw new InvalidOperationException($"{axe} is missing: ./test.sh runs npm ci in tests/Masthead.Browser");
        // Evaluated through the DevTools protocol, which the page's CSP does not govern: a <script> tag would be refused.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe) + "\n;true");
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' ')).join(', ') }))");
        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("where").GetString()}")
            .ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
