using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Masthead.Tests.Infrastructure;

/// <summary>The real executable in a process of its own, to be killed with SIGKILL as a crash would.</summary>
public sealed class MastheadProcess(Process process, string baseUrl, System.Collections.Concurrent.ConcurrentQueue<string> output) : IDisposable
{
    public string BaseUrl => baseUrl;

    /// <summary>What the server has written to its standard output so far, line by line.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>Starts `masthead` on a free loopback port with these `--key=value` settings.</summary>
    public static MastheadProcess Start(params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}", .. settings])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is { } data && output.Count < 10_000) output.Enqueue(data); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MastheadProcess(process, $"http://127.0.0.1:{port}", output);
    }

    /// <summary>Runs a `masthead` command in a process of its own; returns its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true); // SIGKILL: nothing runs on the way out
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }

    /// <summary>Waits until the server answers /readyz with 200 (store reachable, schema current).</summary>
    public async Task ReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"{baseUrl} never became ready");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
