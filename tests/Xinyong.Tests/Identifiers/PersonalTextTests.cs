using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Identifiers;
using Xinyong.Publication;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Identifiers;

/// <summary>Personal information inside free text: what is found, how it is masked, and what is left alone.</summary>
public class PersonalTextTests
{
    private static readonly CatalogSet Catalog = CatalogSet.Load(Paths.Rules, TimeProvider.System);
    private static readonly string Id18 = Shuanggongshi.ResidentId("19850307", 201);

    private static string IdEndingInX()
    {
        for (var seq = 100; ; seq++)
        {
            var first = $"23010219900101{seq:D3}";
            if (ResidentId.CheckCharacter(first) == 'X') return first + "X";
        }
    }

    [Fact]
    public void Masks_resident_identity_numbers_of_18_and_15_digits_inside_text()
    {
        var x = IdEndingInX();
        var text = $"当事人（身份证号{Id18}）与其配偶（{x.ToLowerInvariant()}），旧证号230102850307201，经查属实。";
        var masked = PersonalText.Mask(text);
        Assert.DoesNotContain(Id18, masked);
        Assert.DoesNotContain(x.ToLowerInvariant(), masked);
        Assert.DoesNotContain("230102850307201", masked);
        Assert.Contains($"230102********{Id18[^4..]}", masked);
        Assert.Contains("230102*****7201", masked);
        Assert.StartsWith("当事人（身份证号", masked);
        Assert.EndsWith("，经查属实。", masked);
        Assert.Equal(3, PersonalText.Find(text).Count(s => s.Kind == PersonalKind.ResidentId));
    }

    [Fact]
    public void A_wrong_check_character_is_still_a_persons_number_and_full_width_digits_count()
    {
        var wrong = Id18[..17] + (Id18[17] == '0' ? '1' : '0');
        Assert.DoesNotContain(wrong, PersonalText.Mask($"号码{wrong}。"));
        var fullWidth = string.Concat(Id18.Select(c => (char)(c - '0' + '０')));
        Assert.DoesNotContain(fullWidth, PersonalText.Mask($"号码{fullWidth}。"));
    }

    [Theory]
    [InlineData("联系电话13912345678。", "139****5678")]
    [InlineData("手机：139-1234-5678", "139-****-5678")]
    [InlineData("手机 139 1234 5678", "139 **** 5678")]
    [InlineData("+8613912345678", "+86139****5678")]
    [InlineData("座机0451-86661234转", "****-****1234转")]
    [InlineData("（0451）86661234", "（****）****1234")]
    [InlineData("045186661234", "********1234")]
    [InlineData("电话：86661234", "电话：****1234")]
    [InlineData("Tel 6661234", "Tel ***1234")]
    public void Masks_mobile_and_landline_numbers(string text, string expected) => Assert.Contains(expected, PersonalText.Mask(text));

    [Theory]
    [InlineData("罚款人民币20000元，没收违法所得1500元。")]
    [InlineData("哈市监罚〔2026〕0901号")]
    [InlineData("统一社会信用代码91230103MA1C8FK2X8")]
    [InlineData("2026年10月12日检查，编号20261012。")]
    [InlineData("食品经营许可证JY12301030012345")]
    [InlineData("日期20261012001234567")]
    public void Leaves_ordinary_numbers_alone(string text)
    {
        Assert.Equal(text, PersonalText.Mask(text));
        Assert.False(PersonalText.Contains(text));
    }

    [Fact]
    public void Masks_the_names_given_wherever_they_occur()
    {
        var masked = PersonalText.Mask("当事人王晓明于2026年在其经营场所销售……王晓明对违法事实无异议。欧阳娜娜作证。", ["王晓明", "欧阳娜娜", "李"]);
        Assert.Equal("当事人王**于2026年在其经营场所销售……王**对违法事实无异议。欧阳**作证。", masked);
        Assert.True(PersonalText.Contains("王晓明到场", ["王晓明"]));
        Assert.False(PersonalText.Contains("王先生到场", ["王晓明"]));
    }

    [Fact]
    public void Record_masking_screens_the_free_text_fields_of_the_catalog()
    {
        var item = Catalog.Item("admin-penalty")!;
        Assert.True(item.Field("facts")!.FreeText);
        Assert.True(item.Field("decisionNo")!.FreeText);
        Assert.False(item.Field("authority")!.FreeText);
        var fields = new Dictionary<string, string>
        {
            ["subjectName"] = "王晓明", ["legalRepresentative"] = "", ["idNumber"] = Id18,
            ["decisionNo"] = $"哈市监罚〔2026〕王晓明{Id18}号", ["facts"] = "王晓明（电话13912345678）销售不合格产品。", ["remark"] = "",
            ["authority"] = "哈尔滨市示例市场监督管理局",
        };
        var person = RecordMasking.Mask(item, fields, naturalPerson: true);
        Assert.Equal("王**（电话139****5678）销售不合格产品。", person["facts"]);
        Assert.Equal($"哈市监罚〔2026〕王**230102********{Id18[^4..]}号", person["decisionNo"]);
        Assert.Equal("王**", person["subjectName"]);
        Assert.Equal("", person["remark"]);

        // A person-name field a natural person's record carries (here a legal-representative column) is masked, and so is the name in the text.
        var withRep = new Dictionary<string, string>(fields) { ["legalRepresentative"] = "李建业", ["remark"] = "委托李建业到场。" };
        var rep = RecordMasking.Mask(item, withRep, naturalPerson: true);
        Assert.Equal("李**", rep["legalRepresentative"]);
        Assert.Equal("委托李**到场。", rep["remark"]);

        // An organisation: its name and legal representative are public; numbers in text are not.
        var company = new Dictionary<string, string>
        {
            ["subjectName"] = "哈尔滨示例有限公司", ["legalRepresentative"] = "赵建国",
            ["facts"] = $"法定代表人赵建国（公民身份号码{Id18}，手机13698765432）拒不配合检查。",
        };
        var masked = RecordMasking.Mask(item, company, naturalPerson: false);
        Assert.Equal($"法定代表人赵建国（公民身份号码230102********{Id18[^4..]}，手机136****5432）拒不配合检查。", masked["facts"]);
        Assert.Equal("赵建国", masked["legalRepresentative"]);
    }

    [Fact]
    public void A_resident_number_in_a_personal_field_is_masked_even_when_it_also_passes_as_a_USCC()
    {
        var item = Catalog.Item("court-judgment")!;
        // Find a resident number that is also a well-formed USCC (its check character agrees with both algorithms).
        string? both = null;
        for (var seq = 0; seq < 1000 && both is null; seq++)
        {
            var id = Shuanggongshi.ResidentId("19850307", seq);
            if (Uscc.TryParse(id, out _, out _)) both = id;
        }
        Assert.NotNull(both);
        var masked = RecordMasking.Mask(item, new Dictionary<string, string> { ["subjectCode"] = both }, naturalPerson: true);
        Assert.NotEqual(both, masked["subjectCode"]);
        var company = Shuanggongshi.Uscc("MA1C8FK2X");
        Assert.Equal(company, RecordMasking.Mask(item, new Dictionary<string, string> { ["subjectCode"] = company }, naturalPerson: false)["subjectCode"]);
    }

    [Fact]
    public void Collection_screening_names_the_field_and_the_rows()
    {
        var item = Catalog.Item("admin-penalty")!;
        var screen = new FreeTextScreen(item);
        string?[] Row(string facts, string category = "法人及非法人组织") =>
            item.Fields.Select(f => f.Code switch { "facts" => facts, "subjectName" => "王晓明", "subjectCategory" => category, _ => (string?)null }).ToArray();
        var org = new ValidRecord(default!, Xinyong.Subjects.SubjectKind.LegalPerson, "某公司", null, "k", null, false, null, null, Row("经查王晓明在场。"));
        var person = new ValidRecord(default!, Xinyong.Subjects.SubjectKind.NaturalPerson, "王晓明", null, "k", null, false, null, null, Row("经查王晓明在场。", "自然人"));
        var phone = new ValidRecord(default!, Xinyong.Subjects.SubjectKind.LegalPerson, "某公司", null, "k", null, false, null, null, Row("联系电话13912345678。"));
        Assert.False(screen.Screen(2, org));
        Assert.True(screen.Screen(3, person));
        Assert.True(screen.Screen(4, phone));
        var w = Assert.Single(screen.Warnings());
        Assert.Equal("facts", w.Field);
        Assert.Equal("personal-info-in-text", w.Code);
        Assert.Contains("第3、4行（共2行）的“违法事实”", w.Message);
    }

    [Fact]
    public void The_catalog_refuses_free_text_on_a_field_that_is_not_text()
    {
        var text = File.ReadAllText(Path.Combine(Paths.Rules, "catalog", "2026.1.yaml"))
            .Replace("{ code: fineWan, label: 罚款金额（万元）, type: amountWan, role: amount }", "{ code: fineWan, label: 罚款金额（万元）, type: amountWan, role: amount, freeText: true }");
        var ex = Assert.Throws<CatalogException>(() => CatalogFiles.Parse(text, "2026.1.yaml"));
        Assert.Contains("fineWan", ex.Message);
        Assert.Contains("freeText", ex.Message);
    }
}
