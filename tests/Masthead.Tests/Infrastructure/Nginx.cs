using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Masthead.Tests.Infrastructure;

/// <summary>Debian's nginx in a process of its own, in front of Masthead servers, with the README's configuration.</summary>
public sealed partial class Nginx(Process process, int port) : IDisposable
{
    public string BaseUrl => $"http://127.0.0.1:{port}";

    /// <summary>The server block of README "Running several servers", with the balancer's and the servers' ports changed.</summary>
    public static string ReadmeConfiguration()
    {
        var readme = File.ReadAllText(TestFolders.Repository(["README.md"]));
        var section = readme[readme.IndexOf("## Running several servers", StringComparison.Ordinal)..];
        var start = section.IndexOf("```nginx\n", StringComparison.Ordinal) + "```nginx\n".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    public static async Task<Nginx> StartAsync(IReadOnlyList<int> servers)
    {
        var folder = TestFolders.NewFolder("nginx");
        var port = MastheadProcess.FreePort();
        var upstreams = UpstreamServer().Matches(ReadmeConfiguration()).Count;
        Assert.Equal(servers.Count, upstreams);
        var next = 0;
        var site = UpstreamServer().Replace(ReadmeConfiguration(), match => $"server 127.0.0.1:{servers[next++]}{match.Groups[1].Value}");
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"), site);
        // nginx run as root hands its workers to "nobody" unless told otherwise; this folder is the test's own.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            {{user}}daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/site.conf;
            }
            """);
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new Nginx(process, port);
            }
            catch (SocketException) when (!process.HasExited) { await Task.Delay(50); }
        }
        throw new InvalidOperationException("nginx did not start: " + File.ReadAllText(Path.Combine(folder, "error.log")));
    }

    [GeneratedRegex(@"server 127\.0\.0\.1:\d+( [^;]*)?(?=;)")]
    private static partial Regex UpstreamServer();

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

}
