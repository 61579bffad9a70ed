namespace Xinyong.Tests.Support;

/// <summary>Locations of the repository and of the shared reference data.</summary>
public static class Paths
{
    /// <summary>The repository root (the folder holding Xinyong.sln).</summary>
    public static string Repo { get; } = FindUp("Xinyong.sln");

    /// <summary>The repository's rules folder.</summary>
    public static string Rules => Path.Combine(Repo, "data");

    /// <summary>The reference data shipped with the project specification, when present (../shared/data).</summary>
    public static string? SharedData
    {
        get
        {
            var d = Path.GetFullPath(Path.Combine(Repo, "..", "shared", "data"));
            return Directory.Exists(d) ? d : null;
        }
    }

    private static string FindUp(string marker)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, marker))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"{marker} not found above {AppContext.BaseDirectory}");
    }
}
