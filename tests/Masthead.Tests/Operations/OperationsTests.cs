using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Operations;

/// <summary>What a person running Masthead polls: health, readiness, and metrics that Prometheus's own checker accepts.</summary>
public class OperationsTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_and_readiness_answer_and_are_never_cached(string url)
    {
        var client = app.CreateClient();
        using var response = await client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
        Assert.False(response.Headers.CacheControl?.Public ?? false);
        using var again = await client.GetAsync(url, Cancel);
        Assert.Null(again.Headers.Age);
    }

    /// <remarks>
    /// A server of its own: instruments are found by meter name, so in a process shared with other tests' hosts the
    /// numbers would be theirs too.
    /// </remarks>
    [Fact]
    public async Task Metrics_pass_promtool_and_count_requests_cache_hits_store_time_and_event_lag()
    {
        await using var store = await TestDatabase.CreateAsync();
        var data = TestFolders.NewFolder("metrics-data");
        var folder = TestFolders.NewFolder("metrics");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "---\ntitle: Harbour dues rise\ndate: 2026-01-02\n---\n\nBy a tenth.\n", Cancel);
        // The server, once up, takes the import's event: its lag is measured.
        Assert.Equal(0, (await MastheadProcess.RunAsync("migrate", "--database", store.Setting)).Exit);
        Assert.Equal(0, (await MastheadProcess.RunAsync("import", "markdown", folder, "--database", store.Setting, "--data-folder", data)).Exit);
        using var server = MastheadProcess.Start("--Masthead:Database=" + store.Setting, "--Masthead:Demo=false", "--Masthead:DataFolder=" + data,
            "--Masthead:LinkChecker:Enabled=false", "--Masthead:Telemetry:Prometheus=true");
        await server.ReadyAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        for (var i = 0; i < 3; i++) (await client.GetAsync("/harbour-dues-rise/", Cancel)).EnsureSuccessStatusCode();

        Dictionary<string, double> samples = [];
        for (var attempt = 0; attempt < 50 && !samples.ContainsKey("masthead_events_lag_seconds_count"); attempt++)
        {
            if (attempt > 0) await Task.Delay(100, Cancel);
            var text = await client.GetStringAsync("/metrics", Cancel);
            Assert.Equal(0, await PromtoolAsync(text));
            samples = Samples(text);
        }
        var ours = string.Join(", ", samples.Where(s => s.Key.StartsWith("masthead_", StringComparison.Ordinal)));
        Assert.True(samples.GetValueOrDefault("masthead_output_cache_hits_total") == 2, ours);
        Assert.True(samples.GetValueOrDefault("masthead_output_cache_misses_total") == 1, ours);
        Assert.True(samples.GetValueOrDefault("masthead_output_cache_size_bytes") > 0, ours);
        Assert.True(samples.GetValueOrDefault("masthead_output_cache_entries") == 1, ours);
        Assert.True(samples.GetValueOrDefault("http_server_request_duration_seconds_count") >= 3, ours);
        Assert.True(samples.GetValueOrDefault("masthead_store_duration_seconds_count") > 0, ours);
        Assert.True(samples.GetValueOrDefault("masthead_events_lag_seconds_count") > 0, ours);
    }

    [Fact]
    public async Task Console_logs_are_one_JSON_object_a_line_when_asked()
    {
        await using var store = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await MastheadProcess.RunAsync("migrate", "--database", store.Setting)).Exit);
        using var server = MastheadProcess.Start("--Masthead:Database=" + store.Setting, "--Masthead:Demo=false",
            "--Masthead:DataFolder=" + TestFolders.NewFolder("json-logs"), "--Masthead:LinkChecker:Enabled=false", "--Logging:Console:FormatterName=json");
        for (var i = 0; i < 200 && !server.Output.Any(line => line.Contains("Now listening on", StringComparison.Ordinal)); i++)
            await Task.Delay(100, Cancel);
        var entries = server.Output.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        var listening = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Now listening on: ", StringComparison.Ordinal));
        Assert.Equal("Microsoft.Hosting.Lifetime", listening.GetProperty("Category").GetString());
        Assert.Equal("Information", listening.GetProperty("LogLevel").GetString());
        Assert.Equal(server.BaseUrl, listening.GetProperty("State").GetProperty("address").GetString());
    }

    /// <summary>Every sample's name with its values summed over labels.</summary>
    private static Dictionary<string, double> Samples(string exposition)
    {
        var sums = new Dictionary<string, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var name = line[..line.IndexOfAny(['{', ' '])];
            var value = double.Parse(line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            sums[name] = sums.GetValueOrDefault(name) + value;
        }
        return sums;
    }

    /// <summary>Debian's promtool reads the exposition from its input and lints it; 0 is clean.</summary>
    private static async Task<int> PromtoolAsync(string exposition)
    {
        using var promtool = Process.Start(new ProcessStartInfo("promtool", ["check", "metrics"])
            { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var said = await promtool.StandardOutput.ReadToEndAsync(Cancel) + await promtool.StandardError.ReadToEndAsync(Cancel);
        await promtool.WaitForExitAsync(Cancel);
        Assert.True(promtool.ExitCode == 0, said);
        return promtool.ExitCode;
    }
}

/// <summary>A PostgreSQL cluster's schema moves by `masthead migrate`, never by a server starting.</summary>
public class ReadinessTests : IAsyncLifetime
{
    private readonly MastheadApp app = new(postgres: true) { Settings = { ["Masthead:MigrateOnStart"] = "false" } };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_server_on_an_unmigrated_store_is_up_but_not_ready_until_masthead_migrate_has_run()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Cancel)).StatusCode);
        using (var notReady = await client.GetAsync("/readyz", Cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync(Cancel));
        }
        var database = app.Services.GetRequiredService<Masthead.Data.DatabaseLocation>().ConnectionString;
        var (refused, said) = await MastheadProcess.RunAsync("content-key", "list", "--database", database);
        Assert.Equal(1, refused);
        Assert.Contains("run `masthead migrate`", said);

        var (exit, output) = await MastheadProcess.RunAsync("migrate", "--database", database);
        Assert.True(exit == 0, output);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", Cancel)).StatusCode);
        Assert.Equal(0, (await MastheadProcess.RunAsync("content-key", "list", "--database", database)).Exit);
    }
}
