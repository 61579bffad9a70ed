namespace Xinyong;

/// <summary>
/// Where the platform's rules live as data (calendar, catalog, measures, deadlines, evaluation model): the folder
/// <c>data/</c> of the repository, which an operator edits and versions. Resolution order: an explicit folder, the
/// environment variable <c>XINYONG_RULES</c>, <c>./data</c> when it holds a calendar, then the copy beside the program.
/// </summary>
public static class RulesLocation
{
    /// <summary>The environment variable that names the rules folder.</summary>
    public const string EnvironmentVariable = "XINYONG_RULES";

    /// <summary>Resolves the rules folder.</summary>
    public static string Resolve(string? explicitDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory)) return Path.GetFullPath(explicitDirectory);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var local = Path.GetFullPath("data");
        if (Directory.Exists(Path.Combine(local, "calendar"))) return local;
        return Path.Combine(AppContext.BaseDirectory, "data");
    }

    /// <summary>The calendar folder inside a rules folder.</summary>
    public static string CalendarDirectory(string rules) => Path.Combine(rules, "calendar");
}
