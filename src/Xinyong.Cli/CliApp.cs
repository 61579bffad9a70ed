using System.CommandLine;

namespace Xinyong.Cli;

/// <summary>The <c>xinyong</c> command tree. Exit status: 0 success, 1 failure of the operation, 2 usage error.</summary>
public static class CliApp
{
    /// <summary>Parses and runs one command line.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Xinyong (信用): public credit information platform");
        var ctx = new CliContext(stdout, stderr);
        IdCommands.Add(root, ctx);
        CalendarCommands.Add(root, ctx);
        PlatformCommands.Add(root, ctx);
        GenCommand.Add(root, ctx);
        ReportCommands.Add(root, ctx);
        QueryCommands.Add(root, ctx);
        AuditCommands.Add(root, ctx);
        MeasureCommands.Add(root, ctx);
        SignInCommands.Add(root, ctx);
        UserCommands.Add(root, ctx);
        ConfigCommands.Add(root, ctx);
        BackupCommands.Add(root, ctx);
        DrawCommands.Add(root, ctx);
        NetworkCommands.Add(root, ctx);
        SupervisionCommands.Add(root, ctx);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await stderr.WriteLineAsync($"xinyong: {e.Message}");
            await stderr.WriteLineAsync("Run 'xinyong --help' for usage.");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"xinyong: {ex.Message}");
            return 2;
        }
    }
}

/// <summary>Where a command writes, and the clock it reads.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>A usage error found after parsing (exit status 2).</summary>
public sealed class UsageException(string message) : Exception(message);
