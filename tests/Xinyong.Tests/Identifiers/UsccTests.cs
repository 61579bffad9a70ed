using Xinyong.Identifiers;

namespace Xinyong.Tests.Identifiers;

public class UsccTests
{
    // Check characters computed independently (Python, GB 32100-2015 weights).
    [Theory]
    [InlineData("91230100MA1B2C3D49")]
    [InlineData("91110000710925462X")]
    [InlineData("12100000400000624D")]
    [InlineData("91230102MA18YBK983")]
    public void Accepts_valid_codes(string code)
    {
        Assert.True(Uscc.TryParse(code, out var u, out _));
        Assert.Equal(code, u.Value);
        Assert.Equal(code[17], Uscc.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Fact]
    public void Normalizes_spaces_and_lower_case()
    {
        Assert.True(Uscc.TryParse(" 91230100ma1b2c3d49 ", out var u, out _));
        Assert.Equal("91230100MA1B2C3D49", u.Value);
        Assert.True(Uscc.TryParse("9123 0100 MA1B 2C3D 49", out u, out _));
        Assert.Equal("91230100MA1B2C3D49", u.Value);
    }

    [Theory]
    [InlineData("91230100MA1B2C3D4", IdError.Length)]
    [InlineData("91230100MA1B2C3D491", IdError.Length)]
    [InlineData("", IdError.Length)]
    [InlineData("91230100MA1B2C3D48", IdError.Checksum)]
    [InlineData("91230100MI1B2C3D49", IdError.Format)] // I is not allowed
    [InlineData("91230100MO1B2C3D49", IdError.Format)] // O
    [InlineData("91230100MZ1B2C3D49", IdError.Format)] // Z
    [InlineData("91230100MS1B2C3D49", IdError.Format)] // S
    [InlineData("91230100MV1B2C3D49", IdError.Format)] // V
    [InlineData("91230100MA1B2C3D4-", IdError.Format)]
    public void Refuses_with_the_precise_reason(string code, IdError expected)
    {
        Assert.False(Uscc.TryParse(code, out _, out var e));
        Assert.Equal(expected, e);
    }

    [Fact]
    public void Every_single_character_change_is_caught()
    {
        const string good = "91230100MA1B2C3D49";
        for (var i = 0; i < 18; i++)
            foreach (var c in Uscc.Alphabet)
            {
                if (c == good[i]) continue;
                var bad = string.Concat(good.AsSpan(0, i), c.ToString(), good.AsSpan(i + 1));
                Assert.False(Uscc.TryParse(bad, out _, out var e), bad);
                Assert.Equal(IdError.Checksum, e);
            }
    }

    [Fact]
    public void Parse_throws_with_a_chinese_message()
    {
        var ex = Assert.Throws<FormatException>(() => Uscc.Parse("91230100MA1B2C3D48"));
        Assert.Equal("统一社会信用代码校验位错误", ex.Message);
    }
}
