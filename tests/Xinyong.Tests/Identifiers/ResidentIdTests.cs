using Xinyong.Identifiers;

namespace Xinyong.Tests.Identifiers;

public class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("230102199001011230")]
    [InlineData("11010519491231002X")]
    [InlineData("230102200002290011")] // 2000 is a leap year
    [InlineData("440304198503072015")]
    public void Accepts_valid_numbers(string id)
    {
        Assert.True(ResidentId.TryParse(id, Today, out var r, out _));
        Assert.Equal(id, r.Value);
    }

    [Fact]
    public void Accepts_lower_case_x_and_normalizes_it()
    {
        Assert.True(ResidentId.TryParse("11010519491231002x", Today, out var r, out _));
        Assert.Equal("11010519491231002X", r.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), r.BirthDate);
        Assert.False(r.IsMale); // sequence 002 is even
    }

    [Theory]
    [InlineData("23010219900101123", IdError.Length)]
    [InlineData("2301021990010112300", IdError.Length)]
    [InlineData("23010219900101123A", IdError.Format)]
    [InlineData("2301021990010112X0", IdError.Format)]
    [InlineData("990102199001011237", IdError.Region)] // 99 is no province (check digit correct)
    [InlineData("190102199001011230", IdError.Region)]
    [InlineData("230102190002290015", IdError.Date)] // 1900 is not a leap year (check digit correct)
    [InlineData("230102209912310019", IdError.Date)] // in the future (check digit correct)
    [InlineData("230102199013011230", IdError.Date)] // month 13
    [InlineData("230102199001011231", IdError.Checksum)]
    public void Refuses_with_the_precise_reason(string id, IdError expected)
    {
        Assert.False(ResidentId.TryParse(id, Today, out _, out var e));
        Assert.Equal(expected, e);
    }

    [Fact]
    public void The_future_is_judged_against_the_injected_day()
    {
        // Born 2026-11-23: not yet born on 2026-11-22, born the next day.
        var id = "2301022026112300" + "1";
        id += ResidentId.CheckCharacter(id);
        Assert.False(ResidentId.TryParse(id, Today, out _, out var e));
        Assert.Equal(IdError.Date, e);
        Assert.True(ResidentId.TryParse(id, Today.AddDays(1), out _, out _));
    }

    [Fact]
    public void Every_province_level_code_of_the_reference_is_accepted_and_nothing_else()
    {
        var provinces = Divisions.ByCode.Values.Where(d => d.Level == "province").Select(d => d.Code[..2]).ToHashSet();
        Assert.Contains("23", provinces);
        Assert.Contains("81", provinces);
        for (var p = 10; p <= 99; p++)
        {
            var first17 = $"{p}0102199001011" + "23";
            var id = first17 + ResidentId.CheckCharacter(first17);
            var ok = ResidentId.TryParse(id, Today, out _, out var e);
            Assert.Equal(provinces.Contains(p.ToString()), ok);
            if (!ok) Assert.Equal(IdError.Region, e);
        }
    }

    [Fact]
    public void Masks_for_display()
    {
        var r = ResidentId.Parse("11010519491231002X", Today);
        Assert.Equal("110105********002X", r.Masked);
        Assert.Equal("230102********123X", ResidentId.Mask("230102199001011230"[..14] + "123X"));
    }
}
