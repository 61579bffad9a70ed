using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// Where the platform writes its store and its secrets by default: <c>./data/xinyong.db</c> and <c>./data/keys</c> of the
/// directory it was started in, which for <c>dotnet run --project src/Xinyong.Cli</c> from the repository root is the
/// repository root (covered by .gitignore), not the project's folder.
/// </summary>
public class DataLocationTests
{
    private static async Task<(int Code, string Out)> Run(string workingDirectory, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Dotnet_run_starts_the_program_in_the_directory_it_was_invoked_from()
    {
        // The Web SDK defaults RunWorkingDirectory to the project's folder; the CLI project turns that off.
        var (code, text) = await Run(Paths.Repo, "dotnet", "msbuild", "src/Xinyong.Cli/Xinyong.Cli.csproj", "-nologo", "-getProperty:RunWorkingDirectory", "-getProperty:MSBuildProjectName");
        Assert.Equal(0, code);
        var properties = JsonDocument.Parse(text).RootElement.GetProperty("Properties");
        Assert.Equal("Xinyong.Cli", properties.GetProperty("MSBuildProjectName").GetString());
        Assert.Equal("", properties.GetProperty("RunWorkingDirectory").GetString());
    }

    [Fact]
    public async Task Serve_without_db_or_keys_writes_both_under_data_of_the_working_directory()
    {
        var dir = Directory.CreateTempSubdirectory("xinyong-cwd-").FullName;
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "xinyong.dll"), "serve", "--port", port.ToString(), "--no-sample" }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("XINYONG_DB");
        psi.Environment.Remove("XINYONG_PID_KEY");
        using var p = Process.Start(psi)!;
        try
        {
            using var http = new HttpClient();
            HttpResponseMessage? health = null;
            for (var i = 0; i < 300 && health is null; i++)
            {
                try { health = await http.GetAsync($"http://127.0.0.1:{port}/healthz"); }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            Assert.Equal(HttpStatusCode.OK, health?.StatusCode);
            Assert.True(File.Exists(Path.Combine(dir, "data", "xinyong.db")));
            Assert.True(File.Exists(Path.Combine(dir, "data", "keys", "personal-id.key")));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        // Nothing was written anywhere else in that directory, and git would ignore both.
        Assert.Equal(["data"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        var (code, ignored) = await Run(Paths.Repo, "git", "check-ignore", "--no-index",
            "data/xinyong.db", "data/xinyong.db-wal", "data/keys/personal-id.key", "data/keys/report-signing.pem",
            "src/Xinyong.Cli/data/xinyong.db", "src/Xinyong.Cli/data/keys/report-signing.pem");
        Assert.Equal(0, code);
        Assert.Equal(6, ignored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Directory.Delete(dir, true);
    }
}
