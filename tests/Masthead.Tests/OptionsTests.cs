using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests;

/// <summary>Settings are typed, documented and checked at start.</summary>
public partial class OptionsTests
{
    /// <summary>Every options class: a class whose const Section is a Masthead section.</summary>
    private static IEnumerable<(string Key, string Default)> OptionsKeys() =>
        from type in typeof(Program).Assembly.GetTypes()
        let section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        where type.IsClass && section is not null && (section == "Masthead" || section.StartsWith("Masthead:", StringComparison.Ordinal))
        let instance = Activator.CreateInstance(type)
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.CanWrite
        let value = property.GetValue(instance)
        select value is IDictionary
            ? ($"{section}:{property.Name}:NAME", "(none)")
            : ($"{section}:{property.Name}", value switch
            {
                null => "(none)",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            });

    [GeneratedRegex(@"^\| `(?<key>Masthead:[^`]+)` \| (?:`(?<default>[^`]*)`|(?<none>\(none\))) \|")]
    private static partial Regex ReadmeRow();

    [Fact]
    public void The_README_table_names_the_keys_of_the_options_classes_with_their_defaults()
    {
        var readme = File.ReadAllLines(TestFolders.Repository("README.md"));
        var documented = readme.Select(line => ReadmeRow().Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups["key"].Value, m.Groups["none"].Success ? "(none)" : m.Groups["default"].Value)).Order().ToList();
        var declared = OptionsKeys().Order().ToList();
        Assert.True(declared.Count >= 20, $"only {declared.Count} keys found in options classes");
        Assert.Equal(declared, documented);
    }

    [Theory]
    [InlineData("--Masthead:SitemapPageSize=abc", "Masthead:SitemapPageSize")]
    [InlineData("--Masthead:Events:PollIntervalMs=-5", "Masthead:Events:PollIntervalMs")]
    [InlineData("--Masthead:Database=Host=db;Port=not-a-number", "Masthead:Database")]
    [InlineData("--Masthead:Cdn:PurgeUrl=not an address", "Masthead:Cdn:PurgeUrl")]
    [InlineData("--Masthead:SiteUrl=news.example.org", "Masthead:SiteUrl")]
    public async Task A_wrong_setting_stops_start_up_with_a_message_naming_its_key(string setting, string key)
    {
        var data = TestFolders.NewFolder("bad-setting");
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0", "--Masthead:Demo=false",
            "--Masthead:DataFolder=" + data, "--Masthead:Database=sqlite:" + Path.Combine(data, "site.db"), setting])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }

        Assert.Equal(2, process.ExitCode);
        var message = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("Configuration: ", StringComparison.Ordinal));
        Assert.Contains(key, message);
        Assert.False(File.Exists(Path.Combine(data, "site.db")), "the store is not touched before the settings are good");
        _ = await output;
    }

    [Fact]
    public async Task A_CLI_command_refuses_a_wrong_setting_the_same_way()
    {
        var output = new StringWriter();
        var exit = await Masthead.Cli.MastheadCli.Build(services => services.AddMastheadCore(), output)
            .Parse(["links", "--broken", "--database", "Host=db;Port=not-a-number"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Contains("Masthead:Database", output.ToString());
    }
}
