using System.Text.Json;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Identifiers;

public class IdCliTests
{
    [Fact]
    public async Task Prints_one_json_object_per_value_and_exits_0_when_all_are_valid()
    {
        var r = await Xy.Run("id", "check", "91230100ma1b2c3d49", "11010519491231002x");
        Assert.Equal(0, r.ExitCode);
        var lines = r.JsonLines;
        Assert.Equal(2, lines.Count);
        Assert.Equal("{\"input\":\"91230100ma1b2c3d49\",\"valid\":true,\"kind\":\"uscc\",\"normalized\":\"91230100MA1B2C3D49\",\"error\":null}", r.Out.Split('\n')[0]);
        Assert.Equal("resident-id", lines[1].GetProperty("kind").GetString());
        Assert.Equal("11010519491231002X", lines[1].GetProperty("normalized").GetString());
    }

    [Fact]
    public async Task Exits_1_when_any_is_invalid_and_names_the_error()
    {
        var r = await Xy.Run("id", "check", "91230100MA1B2C3D49", "230102199001011231", "123");
        Assert.Equal(1, r.ExitCode);
        var l = r.JsonLines;
        Assert.True(l[0].GetProperty("valid").GetBoolean());
        Assert.Equal("checksum", l[1].GetProperty("error").GetString());
        Assert.Equal("resident-id", l[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, l[1].GetProperty("normalized").ValueKind);
        Assert.Equal("length", l[2].GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_kind_option_forces_the_check()
    {
        var r = await Xy.Run("id", "check", "--kind", "resident-id", "91230100MA1B2C3D49");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("resident-id", r.Json.GetProperty("kind").GetString());
        Assert.Equal("format", r.Json.GetProperty("error").GetString());

        r = await Xy.Run("id", "check", "--kind", "resident-id", "990102199001011237");
        Assert.Equal("region", r.Json.GetProperty("error").GetString());
        r = await Xy.Run("id", "check", "--kind", "uscc", "990102199001011237");
        Assert.Equal("checksum", r.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_value_valid_as_both_is_reported_as_uscc()
    {
        // Search for an 18-digit value that passes both check algorithms.
        string? both = null;
        for (var i = 0; both is null && i < 100000; i++)
        {
            var first17 = $"2301021990010{i % 10000:D4}";
            var r = first17 + Xinyong.Identifiers.ResidentId.CheckCharacter(first17);
            if (Xinyong.Identifiers.Uscc.TryParse(r, out _, out _)) both = r;
            first17 = $"23010219850{i % 1000000:D6}"[..17];
        }
        Assert.NotNull(both);
        var res = await Xy.Run("id", "check", both!);
        Assert.Equal("uscc", res.Json.GetProperty("kind").GetString());
        Assert.True(res.Json.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(2, (await Xy.Run("id", "check")).ExitCode);
        Assert.Equal(2, (await Xy.Run("id", "check", "--kind", "passport", "X")).ExitCode);
        Assert.Equal(2, (await Xy.Run("id", "frobnicate")).ExitCode);
    }
}
