using System.Diagnostics;
using System.Text.Json;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Runs the Node scripts of tests/conformance, which wrap libraries we did not write (feedparser; the sitemaps.org
/// schema comes from the same folder). test.sh installs them with npm ci from the committed lockfile.
/// </summary>
public static class Conformance
{
    public static string Folder(params string[] parts) => TestFolders.Repository(["tests", "conformance", .. parts]);

    public static async Task<JsonElement> RunAsync(string script, string stdin)
    {
        if (!Directory.Exists(Folder("node_modules")))
            throw new InvalidOperationException("tests/conformance/node_modules is missing: ./test.sh installs it (npm ci).");
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Folder(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}): {await error}");
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.Clone();
    }
}
