using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>The README's run command, as a real process: serve on a port, sample data on first start, /healthz.</summary>
public class ServeTests
{
    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static Process Serve(string dir, int port, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "xinyong.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Paths.Repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "serve", "--port", port.ToString(), "--db", Path.Combine(dir, "x.db") }.Concat(extra)) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static async Task<HttpResponseMessage> WaitFor(HttpClient http, string url)
    {
        for (var i = 0; i < 300; i++)
        {
            try { return await http.GetAsync(url); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException(url);
    }

    [Fact]
    public async Task Serve_answers_healthz_and_loads_the_sample_into_an_empty_store()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-serve-").FullName;
        var port = FreePort();
        using var p = Serve(dir, port);
        try
        {
            using var http = new HttpClient();
            var health = await WaitFor(http, $"http://127.0.0.1:{port}/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            // {"status":"ok"} when healthy, with each background job's state beside it.
            var healthBody = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("ok", healthBody.GetProperty("status").GetString());
            var subject = await http.GetAsync($"http://127.0.0.1:{port}/api/v1/subjects/91230103MA1C8FK2X8");
            Assert.Equal(HttpStatusCode.OK, subject.StatusCode);
            var body = JsonDocument.Parse(await subject.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("哈尔滨喆堃食品有限公司", body.GetProperty("name").GetString());
            Assert.True(File.Exists(Path.Combine(dir, "x.db")));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task No_sample_leaves_the_store_empty()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-serve-").FullName;
        var port = FreePort();
        using var p = Serve(dir, port, "--no-sample");
        try
        {
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await WaitFor(http, $"http://127.0.0.1:{port}/healthz")).StatusCode);
            var subject = await http.GetAsync($"http://127.0.0.1:{port}/api/v1/subjects/91230103MA1C8FK2X8");
            Assert.Equal(HttpStatusCode.NotFound, subject.StatusCode);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            Directory.Delete(dir, true);
        }
    }
}
