using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Cases;
using Xinyong.Identifiers;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Supervision;

/// <summary>
/// Business-environment supervision cases through the API (《黑龙江省营商环境监督办法》 Art. 17-25, 29, 32), on both
/// stores: the working-day dates around the Mid-Autumn and National Day blocks, the extension limit, typed pauses and
/// suspension, the review outcomes, closing with the integrity record, review requests and the respondent's account.
/// </summary>
public sealed class SupervisionApiTests
{
    /// <summary>A government body's USCC (机关, "11") registered in <paramref name="division"/>.</summary>
    public static string Gov(string division, string org)
    {
        var first17 = "11" + division + org;
        return first17 + Uscc.CheckCharacter(first17);
    }

    public static readonly string Bureau = Gov("230102", "MB1928374");   // 某区住房和城乡建设局 (道里区)

    /// <summary>Authority staff of a division, registered as the contract's CLI does.</summary>
    public static HttpClient Authority(TestPlatform p, string code, string region, string level, string? unit = null) =>
        p.As(p.Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount(code, AccountKinds.Staff, code, level, region, Role: StaffRoles.Authority, Unit: unit)));

    public static object Clue(string facts = "区住建局拖欠我公司工程款120万元，经多次催要仍未支付", string respondent = "", string? category = "art8-12") => new
    {
        channel = "complaint",
        categories = new[] { category },
        respondent = new { code = respondent == "" ? Bureau : respondent, name = "哈尔滨市道里区住房和城乡建设局" },
        facts,
        complainant = new { name = "哈尔滨某建筑工程有限公司", contact = "13900000000" },
        arrears = new { contract = "道里区老旧小区改造工程施工合同", amountWan = 120, dueOn = "2026-06-30" },
    };

    private static async Task<JsonElement> Ok(Task<(int Status, JsonElement Body, HttpResponseMessage Response)> call, int status = 200)
    {
        var (s, body, _) = await call;
        Assert.True(s == status, $"expected {status}, got {s}: {body}");
        return body;
    }

    private static string D(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Review_answer_and_closing_dates_hold_and_the_eleventh_extension_day_is_refused(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");

        // Received on Friday 2026-09-18: review within 5 working days; the working Sunday 2026-09-20 counts, 中秋 does not.
        var filed = await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201);
        Assert.Equal("received", D(filed, "status"));
        Assert.Equal("2026-09-24", D(filed, "reviewDue"));
        Assert.StartsWith("YS2026", D(filed, "number"));
        var id = filed.GetProperty("id").GetInt64();

        // Accepted that day: the answer is due in 5 working days, the closing on the 30th (over 中秋 and 国庆, with the
        // working Saturday 2026-10-10).
        var accepted = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "有具体事实和证据" }));
        Assert.Equal("accepted", D(accepted, "status"));
        Assert.Equal("2026-09-24", D(accepted, "answerDue"));
        Assert.Equal("2026-11-05", D(accepted, "closeDue"));
        var calc = p.Services.GetRequiredService<DeadlineCalculator>();
        Assert.Equal(new DateOnly(2026, 11, 5), calc.Compute("supervision-close", new DateOnly(2026, 9, 18)).Due);

        // Extensions approved by the head move the closing to the 40th working day; an eleventh day is refused (422).
        var ext = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/extension", new { workingDays = 6, approvedBy = "王局长", reason = "需调取合同履行资料" }));
        Assert.Equal("2026-11-13", D(ext, "closeDue"));
        ext = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/extension", new { workingDays = 4, approvedBy = "王局长", reason = "仍需核实" }));
        Assert.Equal("2026-11-19", D(ext, "closeDue"));
        var (status, refused, _) = await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/extension", new { workingDays = 1, approvedBy = "王局长", reason = "再延" });
        Assert.Equal(422, status);
        Assert.Equal("case.extension-limit", D(refused, "code"));
        Assert.Contains("十", D(refused, "detail").Replace("10", "十"));

        // The case shows every step with its article, and the extensions with who approved them.
        var (_, view) = await p.GetJson($"/api/v1/supervision/cases/{id}", city);
        Assert.Contains(view.GetProperty("steps").EnumerateArray(), s => D(s, "code") == "supervision-close" && D(s, "basis").Contains("第二十条"));
        Assert.Equal(2, view.GetProperty("extensions").GetArrayLength());
        Assert.Equal("王局长", D(view.GetProperty("extensions")[0], "approvedBy"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Typed_pauses_and_suspension_stop_the_closing_clock(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var id = (await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201)).GetProperty("id").GetInt64();
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "受理" }));

        // Testing on 09-21 and 09-22 (two working days) does not count: the 30th working day becomes the 32nd.
        p.Clock.Advance(TimeSpan.FromDays(5));   // 2026-09-23
        var v = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/pauses", new { reason = "testing", from = "2026-09-21", to = "2026-09-22", note = "委托检测工程量" }));
        Assert.Equal("2026-11-09", D(v, "closeDue"));
        // An unknown reason is refused naming the choices; a suspension has no preset end.
        Assert.Equal(400, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/pauses", new { reason = "holiday", from = "2026-09-23" })).Status);
        Assert.Equal(400, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/pauses", new { reason = "suspension-pending-case", from = "2026-09-23", to = "2026-09-24" })).Status);

        // Suspended from 09-28 (SM Art. 21 (1)) until resumed; resumed on 10-08 with 09-30 as the last suspended day:
        // three more working days do not count (35th working day).
        p.Clock.Advance(TimeSpan.FromDays(6));   // 2026-09-29
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/pauses", new { reason = "suspension-pending-case", from = "2026-09-28", note = "等待仲裁裁决" }));
        p.Clock.Advance(TimeSpan.FromDays(9));   // 2026-10-08
        v = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/resume", new { lastPausedDay = "2026-09-30" }));
        Assert.Equal("2026-11-12", D(v, "closeDue"));
        Assert.Equal(2, v.GetProperty("pauses").GetArrayLength());
        // The answer step does not stop (it is not pausable) and is now overdue on the respondent's side.
        Assert.Equal("2026-09-24", D(v, "answerDue"));
        Assert.Contains(v.GetProperty("steps").EnumerateArray(), s => D(s, "code") == "supervision-answer" && s.GetProperty("overdue").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Review_outcomes_move_the_case_between_authorities_or_end_it(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var county = Authority(p, "DL-YS-1", "230102", "county");
        var province = Authority(p, "HLJ-YS-1", "230000", "province");
        string? lastCode = null;
        async Task<long> File(string facts)
        {
            var f = await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue(facts)), 201);
            lastCode = D(f, "queryCode");
            return f.GetProperty("id").GetInt64();
        }

        // Transfer: to the respondent's county authority (its USCC's division), a new review there.
        var a = await File("线索一：拖欠工程款未支付的具体事实");
        p.Clock.Advance(TimeSpan.FromDays(3));   // 2026-09-21
        var t = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{a}/review", new { outcome = "transfer", reason = "属于区级管辖" }));
        Assert.Equal(("received", "230102"), (D(t, "status"), D(t, "authority")));
        var (_, va) = await p.GetJson($"/api/v1/supervision/cases/{a}", county);
        Assert.Equal("2026-09-29", D(va, "reviewDue"));   // 5 working days from 09-21 over 中秋
        Assert.Equal(403, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{a}/review", new { outcome = "accept", reason = "x" })).Status);
        Assert.Equal("accepted", D(await Ok(TestPlatform.PostJson(county, $"/api/v1/supervision/cases/{a}/review", new { outcome = "accept", reason = "受理" })), "status"));

        // Refer up: the province decides; the province has no level above.
        var b = await File("线索二：违规收取保证金的具体事实");
        Assert.Equal("230000", D(await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{b}/review", new { outcome = "refer-up", reason = "涉及市政府" })), "authority"));
        Assert.Equal(422, (await TestPlatform.PostJson(province, $"/api/v1/supervision/cases/{b}/review", new { outcome = "refer-up", reason = "x" })).Status);

        // Hand-over and rejection end the case; the rejection names its SM Art. 17 (4) reason.
        var c = await File("线索三：涉嫌职务违法的具体事实");
        var cCode = lastCode;
        Assert.Equal("handed-over", D(await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{c}/review", new { outcome = "hand-over", reason = "涉嫌职务违法，移交监察机关" })), "status"));
        var d = await File("线索四：已申请仲裁的合同纠纷事实");
        Assert.Equal(400, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{d}/review", new { outcome = "reject", reason = "x", rejectReason = "nonsense" })).Status);
        Assert.Equal("rejected", D(await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{d}/review", new { outcome = "reject", reason = "仲裁机构已立案", rejectReason = "pending-elsewhere" })), "status"));

        // SM Art. 25: the level above orders the refused case accepted; the city cannot take that step itself.
        Assert.Equal(403, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{d}/superior", new { action = "order-accept", reason = "x" })).Status);
        var ordered = await Ok(TestPlatform.PostJson(province, $"/api/v1/supervision/cases/{d}/superior", new { action = "order-accept", reason = "无正当理由不受理" }));
        Assert.Equal("accepted", D(ordered, "status"));
        // … and takes over the transferred case directly.
        var taken = await Ok(TestPlatform.PostJson(province, $"/api/v1/supervision/cases/{a}/superior", new { action = "take-over", reason = "省级直接办理" }));
        Assert.Equal(("accepted", "230000"), (D(taken, "status"), D(taken, "authority")));
        Assert.All(taken.GetProperty("steps").EnumerateArray().Where(s => D(s, "status") == "open" && D(s, "code") == "supervision-close"),
            s => Assert.Equal("ys-230000", D(s, "unit")));

        // The outcome was told to the complainant in writing: its messages on the query page (number + query code).
        var (_, cv) = await p.GetJson($"/api/v1/supervision/cases/{c}", city);
        var (fs, followed) = await p.GetJson($"/api/v1/supervision/follow?number={D(cv, "number")}&code={cCode}");
        Assert.Equal(200, fs);
        Assert.Contains(followed.GetProperty("notices").EnumerateArray(), n => D(n, "body").Contains("移交有关机关"));
        Assert.Equal(404, (await p.GetJson($"/api/v1/supervision/follow?number={D(cv, "number")}&code=AAAAAAAA")).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_respondent_answers_through_its_own_account_and_never_handles_the_case(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var accounts = p.Services.GetRequiredService<AccountStore>();
        var respondent = p.As(accounts.AddOrUpdate(new NewAccount("DL-ZJJ", AccountKinds.Department, "道里区住房和城乡建设局", "county", "230102", Uscc: Bureau)));
        var otherDept = p.As(accounts.AddOrUpdate(new NewAccount("DL-OTHER", AccountKinds.Department, "另一部门", "county", "230102")));
        // Authority staff seconded from the respondent's own unit: never a handler.
        var conflicted = Authority(p, "HRB-YS-9", "230100", "city", unit: "DL-ZJJ");
        var id = (await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201)).GetProperty("id").GetInt64();
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "受理" }));

        // The answer step is the respondent's own, on its worklist.
        var worklist = p.Services.GetRequiredService<Xinyong.Storage.Cases.DeadlineStore>().Worklist(["DL-ZJJ"]);
        Assert.Contains(worklist, w => w.Deadline.Code == "supervision-answer" && w.Deadline.CaseId == id);
        Assert.Equal(403, (await TestPlatform.PostJson(otherDept, $"/api/v1/supervision/cases/{id}/answer", new { text = "x" })).Status);
        Assert.Equal(403, (await TestPlatform.PostJson(respondent, $"/api/v1/supervision/cases/{id}/closing", new { type = "unfounded", result = "x", serious = false })).Status);
        Assert.Equal(403, (await TestPlatform.PostJson(conflicted, $"/api/v1/supervision/cases/{id}/investigations", new { method = "interview", note = "x" })).Status);
        Assert.Equal(422, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/handler", new { handler = "HRB-YS-9" })).Status);
        Assert.Equal(422, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/handler", new { handler = "DL-ZJJ" })).Status);

        var answered = await Ok(TestPlatform.PostJson(respondent, $"/api/v1/supervision/cases/{id}/answer", new { text = "款项因财政资金未到位暂缓支付", evidence = "财政拨款文件" }));
        Assert.Equal("met", D(answered.GetProperty("steps").EnumerateArray().Single(s => D(s, "code") == "supervision-answer"), "status"));
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/investigations", new { method = "site", note = "实地查看工程已竣工验收" }));
        Assert.Equal(409, (await TestPlatform.PostJson(respondent, $"/api/v1/supervision/cases/{id}/answer", new { text = "再次答复" })).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_serious_violation_enters_the_integrity_record_and_review_requests_follow_SM_Art_24(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var province = Authority(p, "HLJ-YS-1", "230000", "province");
        var filed = await Ok(TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue()), 201);
        var id = filed.GetProperty("id").GetInt64();
        var code = D(filed, "queryCode");
        await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/review", new { outcome = "accept", reason = "受理" }));

        // Nothing on the body's record before the closing.
        Assert.DoesNotContain((await p.GetJson($"/api/v1/subjects/{Bureau}")).Body.GetProperty("records").EnumerateArray(), r => D(r, "item") == "gov-integrity");
        Assert.Equal(400, (await TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/closing", new { type = "mediated", result = "x", serious = true })).Status);

        p.Clock.Advance(TimeSpan.FromDays(12));   // 2026-09-30
        var closed = await Ok(TestPlatform.PostJson(city, $"/api/v1/supervision/cases/{id}/closing",
            new { type = "violation", result = "责令十五日内支付拖欠工程款", serious = true, correctBy = "2026-10-20" }));
        Assert.Equal("closed", D(closed, "status"));
        Assert.Equal("2026-10-20", D(closed, "reviewRequestDue"));   // 10 working days from 09-30 over 国庆, with 10-10

        // The government body's integrity record (政务诚信) and the SME arrears found, listed on its subject.
        var (s, subject) = await p.GetJson($"/api/v1/subjects/{Bureau}");
        Assert.Equal(200, s);
        Assert.Equal("government-body", D(subject, "kind"));
        var records = subject.GetProperty("records").EnumerateArray().ToList();
        var integrity = Assert.Single(records, r => D(r, "item") == "gov-integrity");
        Assert.Equal("integrity", D(integrity, "group"));
        Assert.Equal("政务诚信", D(integrity, "groupLabel"));
        Assert.Equal(D(filed, "number"), D(integrity, "decisionNumber"));
        // … and in its credit report, in a 政务诚信信息 section of its own (a government body's report only).
        var body = p.Services.GetRequiredService<Xinyong.Storage.Subjects.SubjectStore>().Find(Bureau)!;
        var report = p.Services.GetRequiredService<Xinyong.Application.Reports.ReportBuilder>().Build(body, Xinyong.Storage.Reports.ReportVersions.Public,
            new Xinyong.Application.Reports.ReportStamp("XY20260930AAAAAAAAAA", p.Clock.GetUtcNow(), "https://x/verify", "https://x/key", "k"));
        var section = Assert.Single(report.Sections, x => x.Title == "政务诚信信息");
        Assert.Contains(section.Entries, e => e.Title == D(filed, "number"));
        var arrears = Assert.Single(records, r => D(r, "item") == "sme-payment-arrears");
        Assert.Equal(120m, decimal.Parse(D(arrears.GetProperty("fields"), "amountWan"), System.Globalization.CultureInfo.InvariantCulture));

        // The complainant asks for a review with its query code within the period: a review case at the province.
        Assert.Equal(403, (await TestPlatform.PostJson(p.Http, $"/api/v1/supervision/cases/{id}/review-requests", new { reason = "不服", queryCode = "WRONG123" })).Status);
        var review = await Ok(TestPlatform.PostJson(p.Http, $"/api/v1/supervision/cases/{id}/review-requests", new { reason = "处理过轻", queryCode = code }), 201);
        Assert.Equal("received", D(review, "status"));
        var reviewId = review.GetProperty("id").GetInt64();
        var (_, rv) = await p.GetJson($"/api/v1/supervision/cases/{reviewId}", province);
        Assert.Equal("230000", D(rv, "authority"));
        Assert.Equal(D(filed, "number"), D(rv, "reviewOf"));
        Assert.Equal(409, (await TestPlatform.PostJson(p.Http, $"/api/v1/supervision/cases/{id}/review-requests", new { reason = "再次", queryCode = code })).Status);

        // The province decides the review: a review case has no further review; afterwards the same facts and reasons
        // are found and not accepted again.
        await Ok(TestPlatform.PostJson(province, $"/api/v1/supervision/cases/{reviewId}/review", new { outcome = "accept", reason = "受理复查" }));
        var decided = await Ok(TestPlatform.PostJson(province, $"/api/v1/supervision/cases/{reviewId}/closing", new { type = "violation", result = "维持原处理结果", serious = false }));
        Assert.False(decided.TryGetProperty("reviewRequestDue", out _));
        var (again, repeat, _) = await TestPlatform.PostJson(city, "/api/v1/supervision/cases", Clue("区住建局拖欠我公司工程款120万元，经多次催要，仍未支付。"));
        Assert.Equal(422, again);
        Assert.Equal("supervision.repeat-after-review", D(repeat, "code"));
        Assert.Contains(D(filed, "number"), D(repeat, "detail"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_review_request_is_refused_when_late_or_for_a_provincial_case(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-09-18T10:00:00+08:00");
        var city = Authority(p, "HRB-YS-1", "230100", "city");
        var province = Authority(p, "HLJ-YS-1", "230000", "province");
        async Task<(long Id, string Code)> Closed(HttpClient staff, string facts)
        {
            var f = await Ok(TestPlatform.PostJson(staff, "/api/v1/supervision/cases", Clue(facts, category: "art8-6")), 201);
            var i = f.GetProperty("id").GetInt64();
            await Ok(TestPlatform.PostJson(staff, $"/api/v1/supervision/cases/{i}/review", new { outcome = "accept", reason = "受理" }));
            var c = await Ok(TestPlatform.PostJson(staff, $"/api/v1/supervision/cases/{i}/closing", new { type = "unfounded", result = "收费在目录清单之内", serious = false }));
            Assert.Equal(staff == province, !c.TryGetProperty("reviewRequestDue", out _));
            return (i, D(f, "queryCode"));
        }
        var (prov, provCode) = await Closed(province, "省级案件：目录清单之外收取保证金的事实");
        var (late, lateCode) = await Closed(city, "市级案件：目录清单之外收取保证金的事实");

        var (s1, b1, _) = await TestPlatform.PostJson(p.Http, $"/api/v1/supervision/cases/{prov}/review-requests", new { reason = "不服", queryCode = provCode });
        Assert.Equal((422, "supervision.review-provincial"), (s1, D(b1, "code")));

        // Due 2026-10-09 (10 working days from 09-18); on 10-10 (a working Saturday) it is too late.
        p.Clock.Advance(TimeSpan.FromDays(22));
        var (s2, b2, _) = await TestPlatform.PostJson(p.Http, $"/api/v1/supervision/cases/{late}/review-requests", new { reason = "不服", queryCode = lateCode });
        Assert.Equal((422, "supervision.review-too-late", "2026-10-09"), (s2, D(b2, "code"), D(b2, "reviewRequestDue")));
    }
}
