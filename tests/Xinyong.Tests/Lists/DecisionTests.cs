using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>
/// Staff decisions on the lists: a DishonestyList entry by written decision (Art. 28), the persons linked to a listed
/// market entity (Art. 33), the notifications owed for state bodies (Art. 32), IncentiveList recognitions and the
/// subject's choice not to publish them (Art. 25, 37). On SQLite and PostgreSQL.
/// </summary>
public class DecisionTests
{
    private static readonly string Company = Uscc("MA1DEC001");
    private static readonly string Bureau = Uscc("MB1DEC002", "11230100");
    private static readonly string Rep = ResidentId("19780412", 135);

    private static async Task<(TestPlatform P, HttpClient Staff, HttpClient Dept, HttpClient Provider)> Start(string store)
    {
        var p = await TestPlatform.Start(store);
        var provider = p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty", "registration", "court-dishonest"));
        await Court.Penalties(provider, "b1",
            Penalty("哈尔滨决定示例有限公司", Company, "哈市监罚〔2026〕5001号", "2026-09-01", ("违法行为类型", "制售假冒伪劣产品")),
            Penalty("哈尔滨市示例局", Bureau, "哈市监罚〔2026〕5002号", "2026-09-02", ("违法行为类型", "不履行招商引资约定义务")));
        return (p, p.As(p.Account(AccountKinds.Staff, "XY-01", "公共信用工作机构")), p.As(p.Account(AccountKinds.Department, "HRB-CG", "哈尔滨市政府采购中心")), provider);
    }

    private static object Decision(string subject, long record, string no) => new
    {
        subject, ground = "art29-4", reasons = "生产销售假冒伪劣产品，货值金额巨大，情节严重", records = new[] { record }, decisionNo = no,
        decidingUnit = "哈尔滨市市场监督管理局", startsOn = "2026-11-22",
    };

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_written_decision_lists_the_entity_and_its_linked_persons_who_leave_with_it(string store)
    {
        var (p, staff, dept, _) = await Start(store);
        await using var _ = p;
        var record = Court.RecordId(p, Company, "admin-penalty");

        // Every element of Art. 28 is required, each error naming its field.
        var (s0, e0, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", new { subject = Company, ground = "art29-99" });
        Assert.Equal(400, s0);
        Assert.Equal(["ground", "reasons", "decisionNo", "decidingUnit", "records"], e0.GetProperty("errors").EnumerateArray().Select(x => x.GetProperty("field").GetString()));
        Assert.Equal(403, (await TestPlatform.PostJson(dept, "/api/v1/lists/dishonesty", Decision(Company, record, "哈市监信认〔2026〕1号"))).Status);

        var (s1, d1, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(Company, record, "哈市监信认〔2026〕1号"));
        Assert.Equal(201, s1);
        var entryId = d1.GetProperty("id").GetInt64();
        Assert.Equal(409, (await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(Company, record, "哈市监信认〔2026〕1号"))).Status);

        var (_, entry) = await p.GetJson($"/api/v1/lists/entries/{entryId}");
        Assert.Contains("第二十九条第四项", entry.GetProperty("grounds").GetString());
        Assert.Equal("2029-11-21", entry.GetProperty("endsOn").GetString());   // the default three years
        Assert.Contains("三个工作日内", entry.GetProperty("remedy").GetString());
        Assert.Contains("行政复议", entry.GetProperty("remedy").GetString());
        Assert.Contains("信用修复", entry.GetProperty("removalConditions").GetString());
        var (_, answer) = await Court.Check(dept, Company, "procurement");
        Assert.Equal("2029-11-21", Court.Measure(answer, "P-31-2").GetProperty("until").GetString());

        // Art. 28 (2): the subject is told the decision with its reasons, basis, period, removal conditions and remedy.
        var (_, inbox) = await p.GetJson("/api/v1/notifications", await Objections.Kit.Subject(p, Company));
        var notice = inbox.EnumerateArray().Single(n => n.GetProperty("title").GetString() == "严重失信主体名单认定决定");
        foreach (var part in new[] { "哈市监信认〔2026〕1号", "生产销售假冒伪劣产品", "第二十九条第四项", "2026年11月22日至2029年11月21日", "移出条件：", "行政复议" })
            Assert.Contains(part, notice.GetProperty("body").GetString());
        Assert.Equal("/self", notice.GetProperty("link").GetString());

        // Art. 33: the legal representative is linked; the act enters his own record and the measures apply to him.
        var (s2, e2, _) = await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/persons", new { role = "boss", name = "张伟", idNumber = Rep[..17] + "0" });
        Assert.Equal(400, s2);
        Assert.Equal("role", e2.GetProperty("errors")[0].GetProperty("field").GetString());
        var (s3, d3, _) = await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/persons", new { role = "legal-representative", name = "张伟", idNumber = Rep });
        Assert.Equal(201, s3);
        var personEntry = d3.GetProperty("id").GetInt64();
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/persons", new { role = "principal", name = "张伟", idNumber = Rep })).Status);

        var (_, personAnswer) = await Court.Check(dept, Rep, "procurement");
        Assert.Equal(["C-45", "P-31-2"], personAnswer.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var personMeasure = personAnswer.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "P-31-2");
        Assert.Equal(personEntry.ToString(), personMeasure.GetProperty("triggeredBy")[0].GetProperty("id").GetString());
        var person = p.Services.GetRequiredService<SubjectStore>().Find(Rep)!;
        Assert.Equal("natural-person", person.Kind);
        var personal = Assert.Single(p.Services.GetRequiredService<RecordReader>().OfSubject(person.Id));
        Assert.Equal("dishonesty-linked-person", personal.Item);
        var fields = JsonDocument.Parse(personal.Fields).RootElement;
        Assert.Equal(("法定代表人", Company, "哈市监信认〔2026〕1号"), (fields.GetProperty("role").GetString(), fields.GetProperty("entityUscc").GetString(), fields.GetProperty("decisionNo").GetString()));
        Assert.Equal("230102********135" + Rep[17], fields.GetProperty("idNumber").GetString());   // stored masked only

        // The public sees the person's entry masked; the person's record is not open (Art. 23).
        var (_, publicPerson) = await p.GetJson($"/api/v1/subjects/{Rep}");
        Assert.Empty(publicPerson.GetProperty("records").EnumerateArray());
        var (_, publicList) = await p.GetJson($"/api/v1/lists/dishonesty?q={Rep}");
        var shown = Assert.Single(publicList.GetProperty("entries").EnumerateArray());
        Assert.Equal("230102********135" + Rep[17], shown.GetProperty("subjectCode").GetString());
        Assert.Equal(entryId, shown.GetProperty("linkedTo").GetInt64());
        Assert.Equal(("张*", "法定代表人"), (shown.GetProperty("subjectName").GetString(), shown.GetProperty("linkedRole").GetString()));

        // Lifting the entity's entry ends the person's entry and withholds the personal record at once.
        Assert.Equal(400, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/lift", new { reason = "lifted" })).Status);
        Assert.Equal(204, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/lift", new { reason = "lifted", note = "行政复议决定撤销原处罚决定" })).Status);
        Assert.Empty(await Court.Codes(dept, Company, "procurement"));
        Assert.Empty(await Court.Codes(dept, Rep, "procurement"));
        var lists = p.Services.GetRequiredService<ListStore>();
        Assert.Equal(("ended", "lifted"), (lists.Get(personEntry)!.Status, lists.Get(personEntry)!.EndReason));
        Assert.True(p.Services.GetRequiredService<RecordReader>().Get(personal.Id)!.Withheld);
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{entryId}/lift", new { reason = "lifted", note = "again" })).Status);

        // A natural person is no market entity: nobody can be linked to a person's own entry.
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{personEntry}/persons", new { role = "principal", name = "李四", idNumber = ResidentId("19800101", 111) })).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Listing_a_state_organ_or_state_owned_unit_owes_the_notifications_of_art_32(string store)
    {
        var (p, staff, _, provider) = await Start(store);
        await using var _ = p;
        var notifications = p.Services.GetRequiredService<ListNotifications>();

        var (_, d, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(Bureau, Court.RecordId(p, Bureau, "admin-penalty"), "黑营商信认〔2026〕3号"));
        var organ = d.GetProperty("id").GetInt64();
        var owed = notifications.OfEntry(organ);
        Assert.Equal(["superior", "audit"], owed.Select(n => n.Recipient));
        Assert.All(owed, n => Assert.Null(n.SentOn));
        Assert.Contains("第三十二条第二款", owed[0].Basis);

        // A company registered as state-owned, listed by the court: owed too, without anyone having to say so.
        var stateOwned = Uscc("MA1GYQ001");
        await Court.Import(provider, "registration", ["主体名称", "统一社会信用代码", "是否国有企事业单位"], ["哈尔滨国有示例有限公司", stateOwned, "是"]);
        await Court.Import(provider, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执8001号", "哈尔滨国有示例有限公司", stateOwned));
        var courtEntry = Assert.Single(p.Services.GetRequiredService<ListStore>().OfSubject(p.Services.GetRequiredService<SubjectStore>().Find(stateOwned)!.Id));
        Assert.Equal(["superior", "audit"], notifications.OfEntry(courtEntry.Id).Select(n => n.Recipient));
        // The linked person on the staff of a state unit: the employer, discipline and personnel bodies are owed a notice.
        var (_, linked, _) = await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{courtEntry.Id}/persons",
            new { role = "principal", name = "赵刚", idNumber = ResidentId("19750303", 157), stateEmployer = "哈尔滨市示例国资委" });
        Assert.Equal(["employer", "discipline", "personnel"], notifications.OfEntry(linked.GetProperty("id").GetInt64()).Select(n => n.Recipient));
        Assert.Contains("哈尔滨市示例国资委", notifications.OfEntry(linked.GetProperty("id").GetInt64())[0].RecipientName);

        // An ordinary company owes nothing.
        var (_, plain, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(Company, Court.RecordId(p, Company, "admin-penalty"), "哈市监信认〔2026〕2号"));
        Assert.Empty(notifications.OfEntry(plain.GetProperty("id").GetInt64()));

        // The unit records each notice as sent.
        Assert.Equal(400, (await TestPlatform.PostJson(staff, $"/api/v1/lists/notifications/{owed[0].Id}", new { sentOn = "2026-11-22" })).Status);
        Assert.Equal(204, (await TestPlatform.PostJson(staff, $"/api/v1/lists/notifications/{owed[0].Id}",
            new { sentOn = "2026-11-22", addressee = "哈尔滨市人民政府", reference = "哈营商函〔2026〕12号" })).Status);
        Assert.Equal(new DateOnly(2026, 11, 22), notifications.OfEntry(organ)[0].SentOn);
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/lists/notifications/{owed[0].Id}",
            new { sentOn = "2026-11-22", addressee = "哈尔滨市人民政府", reference = "again" })).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Incentive_recognitions_bring_incentives_unless_the_subject_is_also_a_serious_dishonesty_subject(string store)
    {
        var (p, staff, dept, _) = await Start(store);
        await using var _ = p;
        var honest = Uscc("MA1HNT001");
        await Court.Import(p.As(p.Account(AccountKinds.Provider, "HRB-DJ", "登记机关", "registration")), "registration", ["主体名称", "统一社会信用代码"], ["哈尔滨守信示例有限公司", honest]);

        var (s0, e0, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/incentive", new { subject = honest, criterion = "best-company" });
        Assert.Equal(400, s0);
        Assert.Contains(e0.GetProperty("errors").EnumerateArray(), x => x.GetProperty("field").GetString() == "criterion");
        var (s1, d1, _) = await TestPlatform.PostJson(staff, "/api/v1/lists/incentive", new
        {
            subject = honest, criterion = "tax-credit-a", reasons = "2025年度纳税信用评价为A级", decisionNo = "黑税信〔2026〕88号",
            decidingUnit = "国家税务总局黑龙江省税务局", startsOn = "2026-04-01",
        });
        Assert.Equal(201, s1);
        var id = d1.GetProperty("id").GetInt64();
        Assert.Equal("2027-03-31", p.Services.GetRequiredService<ListStore>().Get(id)!.EndsOn!.Value.ToString("yyyy-MM-dd"));   // the criterion's 12 months

        var (_, answer) = await Court.Check(dept, honest, "procurement");
        var bonus = Assert.Single(answer.GetProperty("measures").EnumerateArray());
        Assert.Equal(("I-26-2", "incentive"), (bonus.GetProperty("code").GetString(), bonus.GetProperty("kind").GetString()));
        Assert.Equal("2027-03-31", bonus.GetProperty("until").GetString());
        Assert.Equal(["I-26-4", "I-26-5"], await Court.Codes(dept, honest, "awards"));
        var (_, page) = await p.GetJson("/api/v1/lists/incentive");
        Assert.Contains(page.GetProperty("entries").EnumerateArray(), x => x.GetProperty("subject").GetString() == honest);

        // Art. 37: the subject declines publication: off the public list and not promoted, the other incentives stay.
        Assert.Equal(400, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{id}/publication", new { published = false })).Status);
        Assert.Equal(204, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{id}/publication", new { published = false, reason = "信用主体书面申请不公示" })).Status);
        var (_, hidden) = await p.GetJson("/api/v1/lists/incentive");
        Assert.DoesNotContain(hidden.GetProperty("entries").EnumerateArray(), x => x.GetProperty("subject").GetString() == honest);
        Assert.Equal(404, (await p.GetJson($"/api/v1/lists/entries/{id}")).Status);
        Assert.Equal(["I-26-4"], await Court.Codes(dept, honest, "awards"));

        // A subject on both lists gets no incentive, only the punishments.
        await TestPlatform.PostJson(staff, "/api/v1/lists/incentive", new
        {
            subject = Company, criterion = "contract-honouring", reasons = "连续三年守合同重信用", decisionNo = "黑市监守〔2026〕9号",
            decidingUnit = "黑龙江省市场监督管理局",
        });
        Assert.Equal(["I-26-2"], await Court.Codes(dept, Company, "procurement"));
        await TestPlatform.PostJson(staff, "/api/v1/lists/dishonesty", Decision(Company, Court.RecordId(p, Company, "admin-penalty"), "哈市监信认〔2026〕7号"));
        Assert.Equal(["C-45", "P-31-2"], await Court.Codes(dept, Company, "procurement"));
        Assert.Equal(409, (await TestPlatform.PostJson(staff, $"/api/v1/lists/entries/{p.Services.GetRequiredService<ListStore>().OfSubject(p.Services.GetRequiredService<SubjectStore>().Find(Company)!.Id).First(e => e.List == "dishonesty").Id}/publication",
            new { published = false, reason = "x" })).Status);
    }
}
