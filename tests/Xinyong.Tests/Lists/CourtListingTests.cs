using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>
/// Art. 28 (3): the court's 失信被执行人 records put their subjects on the DishonestyList automatically, and checks answer
/// the published measures of each scenario with their basis, period and triggers; on SQLite and PostgreSQL.
/// </summary>
public class CourtListingTests
{
    private static readonly string Debtor = Uscc("MA1CRT001");
    private static readonly string Clean = Uscc("MA1CLN001");
    private static readonly string Person = ResidentId("19900715", 102);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_court_listing_puts_the_subject_on_the_list_and_checks_answer_the_measures_of_each_scenario(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));
        var import = await Court.Import(court, "court-dishonest", Court.Headers,
            Court.Row("（2026）黑0103执1234号", "大庆油城示例化工有限公司", Debtor),
            Court.Row("（2026）黑0202执0456号", "王示例", Person, "2026-06-15", rep: ""));
        Assert.Equal(2, import.GetProperty("accepted").GetInt32());

        // On the list, by written decision of the court: grounds, basis, period (the court's listing), remedy.
        var (_, listed) = await p.GetJson($"/api/v1/lists/dishonesty?q={Debtor}");
        var entry = Assert.Single(listed.GetProperty("entries").EnumerateArray());
        Assert.Equal("dishonesty", entry.GetProperty("list").GetString());
        Assert.Equal("in-force", entry.GetProperty("status").GetString());
        Assert.Equal("哈尔滨市南岗区示例人民法院", entry.GetProperty("decidingUnit").GetString());
        Assert.Equal("（2026）黑0103执1234号", entry.GetProperty("decisionNo").GetString());
        Assert.Contains("第二十九条第五项", entry.GetProperty("grounds").GetString());
        Assert.Contains("第二十八条第三款", entry.GetProperty("basis").GetString());
        Assert.Contains("全部未履行", entry.GetProperty("reasons").GetString());
        Assert.Contains("申请纠正", entry.GetProperty("remedy").GetString());
        Assert.Equal("2026-05-08", entry.GetProperty("startsOn").GetString());
        Assert.Equal("2028-05-08", entry.GetProperty("endsOn").GetString());   // the catalog's 24 months of the court's listing
        var entryId = entry.GetProperty("id").GetInt64().ToString();
        var recordId = Court.RecordId(p, Debtor, "court-dishonest").ToString();

        // Procurement: the punishment of the provincial supplement, triggered by the list entry, and the court measure.
        var (status, answer) = await Court.Check(dept, Debtor, "procurement");
        Assert.Equal(200, status);
        Assert.Equal(32, answer.GetProperty("checkId").GetString()!.Length);
        Assert.Equal(Debtor, answer.GetProperty("subject").GetString());
        Assert.Equal("procurement", answer.GetProperty("scenario").GetString());
        Assert.StartsWith("2026-11-22T10:00:00", answer.GetProperty("checkedAt").GetString());
        // C-45 too: a listed subject may not use credit commitments, suppliers' commitments in procurement included (Art. 45 (1)).
        Assert.Equal(["C-45", "N-SPC-8", "P-31-2"], answer.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var p312 = Court.Measure(answer, "P-31-2");
        Assert.Equal("punishment", p312.GetProperty("kind").GetString());
        Assert.Contains("限制参加政府采购", p312.GetProperty("name").GetString());
        Assert.Contains("第三十一条第二款第二项", p312.GetProperty("basis").GetString());
        Assert.Equal("2028-05-08", p312.GetProperty("until").GetString());   // the list ends before the three years of the measure
        var trigger = Assert.Single(p312.GetProperty("triggeredBy").EnumerateArray());
        Assert.Equal(("list", entryId, "dishonesty"), (trigger.GetProperty("type").GetString(), trigger.GetProperty("id").GetString(), trigger.GetProperty("item").GetString()));
        var spc = Assert.Single(Court.Measure(answer, "N-SPC-8").GetProperty("triggeredBy").EnumerateArray());
        Assert.Equal(("record", recordId, "court-dishonest"), (spc.GetProperty("type").GetString(), spc.GetProperty("id").GetString(), spc.GetProperty("item").GetString()));

        // Each scenario gets its own measures, never another scenario's, and never an incentive.
        Assert.Equal(["C-31-1", "C-31-2", "C-45", "N-SPC-8"], await Court.Codes(dept, Debtor, "licensing"));
        Assert.Equal(["C-31-1", "C-31-2", "C-45"], await Court.Codes(dept, Debtor, "public-services"));
        Assert.Equal(["N-SPC-8", "P-31-3"], await Court.Codes(dept, Debtor, "public-funds"));
        Assert.Equal(["P-31-4"], await Court.Codes(dept, Debtor, "awards"));
        Assert.Equal(["C-48-3", "P-31-1"], await Court.Codes(dept, Debtor, "supervision"));

        // A natural person, checked by resident identity number: answered by reference, never by the number.
        var (_, person) = await Court.Check(dept, Person, "awards");
        Assert.StartsWith("P", person.GetProperty("subject").GetString());
        Assert.Equal("P-31-4", Assert.Single(person.GetProperty("measures").EnumerateArray()).GetProperty("code").GetString());

        // A subject with no negative record, known or not, gets no constraint or punishment.
        var registry = p.As(p.Account(AccountKinds.Provider, "HRB-SCJG", "某市场监督管理局", "registration"));
        await Court.Import(registry, "registration", ["主体名称", "统一社会信用代码"], ["哈尔滨诚信示例有限公司", Clean]);
        foreach (var scenario in new[] { "licensing", "public-services", "procurement", "public-funds", "awards", "supervision" })
        {
            Assert.Empty(await Court.Codes(dept, Clean, scenario));
            Assert.Empty(await Court.Codes(dept, Uscc("MA1UNKN01"), scenario));
        }

        // The same court file again lists nobody twice.
        var again = await Court.Import(court, "court-dishonest", Court.Headers,
            Court.Row("（2026）黑0103执1234号", "大庆油城示例化工有限公司", Debtor),
            Court.Row("（2026）黑0202执0456号", "王示例", Person, "2026-06-15", rep: ""));
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
        var lists = p.Services.GetRequiredService<ListStore>();
        var debtor = p.Services.GetRequiredService<SubjectStore>().Find(Debtor)!;
        Assert.Single(lists.OfSubject(debtor.Id));

        // The court corrects the publication date: the entry's period follows the court's record.
        var corrected = await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执1234号", "大庆油城示例化工有限公司", Debtor, "2026-05-11"));
        Assert.Equal(1, corrected.GetProperty("updated").GetInt32());
        var moved = Assert.Single(lists.OfSubject(debtor.Id));
        Assert.Equal((new DateOnly(2026, 5, 11), new DateOnly(2028, 5, 11)), (moved.StartsOn, moved.EndsOn));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Checks_need_a_department_credential_and_name_the_wrong_field(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var provider = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        var dept = p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心"));

        var (s1, e1) = await Court.Check(p.Http, Debtor, "procurement");
        Assert.Equal(401, s1);
        Assert.Equal(401, e1.GetProperty("status").GetInt32());
        Assert.Equal(401, (await Court.Check(p.As("xy_not-a-token"), Debtor, "procurement")).Status);
        Assert.Equal(403, (await Court.Check(provider, Debtor, "procurement")).Status);

        var (s2, e2) = await Court.Check(dept, Debtor, "lottery");
        Assert.Equal(400, s2);
        var error = Assert.Single(e2.GetProperty("errors").EnumerateArray());
        Assert.Equal("scenario", error.GetProperty("field").GetString());
        Assert.Contains("procurement", error.GetProperty("message").GetString());

        var (s3, e3) = await Court.Check(dept, "91230100MA1CRT00X9", "procurement");
        Assert.Equal(400, s3);
        Assert.Equal("subject", Assert.Single(e3.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());

        // A department's token, remembered after use, is refused at once when revoked.
        Assert.Equal(200, (await Court.Check(dept, Debtor, "procurement")).Status);
        Assert.Equal(1, p.Services.GetRequiredService<AccountStore>().RevokeTokens("HRB-CG"));
        Assert.Equal(401, (await Court.Check(dept, Debtor, "procurement")).Status);
    }
}
