using Xinyong.Identifiers;

namespace Xinyong.Tests.Identifiers;

public class OtherDocumentAndMaskingTests
{
    [Theory]
    [InlineData("护照", "E12345678", OtherIdType.Passport)]
    [InlineData("passport", "x1234567", OtherIdType.Passport)]
    [InlineData("港澳居民来往内地通行证", "H12345678", OtherIdType.HongKongMacaoPermit)]
    [InlineData("港澳居民来往内地通行证", "M1234567801", OtherIdType.HongKongMacaoPermit)]
    [InlineData("台湾居民来往大陆通行证", "12345678", OtherIdType.TaiwanPermit)]
    [InlineData("外国人永久居留身份证", "USA110012345678", OtherIdType.ForeignPermanentResidence)]
    public void Accepts_other_documents_as_type_and_number(string type, string number, OtherIdType expected)
    {
        Assert.True(OtherIdDocument.TryParseType(type, out var t));
        Assert.Equal(expected, t);
        Assert.True(OtherIdDocument.TryParse(t, number, out var doc, out _));
        Assert.Equal(number.ToUpperInvariant(), doc.Number);
    }

    [Theory]
    [InlineData(OtherIdType.HongKongMacaoPermit, "X12345678", IdError.Format)]
    [InlineData(OtherIdType.HongKongMacaoPermit, "H123", IdError.Length)]
    [InlineData(OtherIdType.TaiwanPermit, "1234567A", IdError.Format)]
    [InlineData(OtherIdType.ForeignPermanentResidence, "US1100123456789", IdError.Format)]
    [InlineData(OtherIdType.Passport, "E1234-678", IdError.Format)]
    public void Refuses_malformed_documents(OtherIdType type, string number, IdError expected)
    {
        Assert.False(OtherIdDocument.TryParse(type, number, out _, out var e));
        Assert.Equal(expected, e);
    }

    [Fact]
    public void New_permanent_residence_card_and_residence_permit_carry_a_check_character()
    {
        var first = "93310019900101001";
        var good = first + ResidentId.CheckCharacter(first);
        Assert.True(OtherIdDocument.TryParse(OtherIdType.ForeignPermanentResidence, good, out _, out _));
        var bad = first + (good[17] == '0' ? '1' : '0');
        Assert.False(OtherIdDocument.TryParse(OtherIdType.ForeignPermanentResidence, bad, out _, out var e));
        Assert.Equal(IdError.Checksum, e);

        var permit = "81000019900101001";
        Assert.True(OtherIdDocument.TryParse(OtherIdType.HmtResidencePermit, permit + ResidentId.CheckCharacter(permit), out _, out _));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("李小龙", "李**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("王", "*")]
    public void Masks_names_keeping_the_surname(string name, string masked) => Assert.Equal(masked, Masking.MaskName(name));

    [Fact]
    public void Masks_phones_addresses_birth_dates_and_documents()
    {
        Assert.Equal("138****5678", Masking.MaskPhone("13812345678"));
        Assert.Equal("********1234", Masking.MaskPhone("045186661234"));
        Assert.Equal("黑龙江省哈尔滨市南岗区****", Masking.MaskAddress("黑龙江省哈尔滨市南岗区学府路74号"));
        Assert.Equal("1985年**月**日", Masking.MaskBirthDate(new DateOnly(1985, 3, 7)));
        Assert.True(OtherIdDocument.TryParse(OtherIdType.Passport, "E12345678", out var p, out _));
        Assert.Equal("E1*****78", p.Masked);
    }
}
