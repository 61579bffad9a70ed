using Xinyong.Tests.Support;

namespace Xinyong.Tests.Security;

/// <summary><c>xinyong staff add --role</c>: the five roles and nothing else.</summary>
public class StaffRoleCliTests
{
    [Fact]
    public async Task A_window_role_is_added_from_the_command_line_and_an_unknown_role_is_refused()
    {
        using var s = TestStores.Create("sqlite");
        string[] Common(params string[] args) => [.. args, "--db", s.Db, "--keys", Path.Combine(s.Folder, "keys"), "--rules", Paths.Rules];
        var added = await Xy.Run(Common("staff", "add", "--code", "WD-01", "--name", "窗口一", "--role", "window"));
        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("xy_", added.Json.GetProperty("token").GetString());
        var refused = await Xy.Run(Common("staff", "add", "--code", "X-01", "--name", "某人", "--role", "superuser"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("superuser", refused.Err);

        var listed = await Xy.Run(Common("staff", "list"));
        var window = Assert.Single(listed.JsonLines);
        Assert.Equal(("WD-01", "window"), (window.GetProperty("code").GetString(), window.GetProperty("role").GetString()));
    }
}
