using System.Text.Json;
using Xinyong.Cli;

namespace Xinyong.Tests.Support;

/// <summary>Runs the xinyong command in-process and captures what it prints.</summary>
public static class Xy
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public IReadOnlyList<JsonElement> JsonLines =>
            Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        public JsonElement Json => JsonLines.Single();
    }

    public static async Task<Result> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await CliApp.RunAsync(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }
}
