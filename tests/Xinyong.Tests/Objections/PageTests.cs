using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Objections;

/// <summary>The portal pages without a browser: published rules, the forms without JavaScript, the staff desks.</summary>
public class PageTests
{
    private static readonly string Co = Uscc("MA1YMH001");

    [Fact]
    public async Task The_repair_page_publishes_conditions_evidence_procedure_and_each_units_deadlines_from_the_data()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var html = WebUtility.HtmlDecode(await p.Http.GetStringAsync("/repair"));
        Assert.Contains("行政处罚信息", html);
        Assert.Contains("罚款缴纳凭证", html);
        Assert.Contains("最短公示期：3个月（严重失信行为12个月）", html);
        Assert.Contains("信用修复受理：自收到修复申请之日起<strong>2个工作日</strong>", html);
        Assert.Contains("<tr><td>公共信用工作机构（信用平台）</td><td>1</td><td>3</td></tr>", html);
        Assert.DoesNotContain("表彰荣誉信息", html); // positive items are not repaired

        var form = WebUtility.HtmlDecode(await p.Http.GetStringAsync("/objections/new"));
        Assert.Contains("/signin?returnUrl=/objections/new", form);
        Assert.Contains("第三十九条", form);
        var r = await p.Http.GetAsync("/staff/worklist");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode); // the sign-in page, after the redirect
        Assert.Contains("/signin", r.RequestMessage!.RequestUri!.AbsolutePath);
        var (_, openapi) = await p.GetJson("/openapi/v1.json");
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/objections", "/api/v1/objections/{id}", "/api/v1/repairs", "/api/v1/repairs/{id}", "/api/v1/worklist", "/api/v1/corrections", "/api/v1/notifications" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }

    [Fact]
    public async Task Staff_work_from_the_worklist_and_every_read_of_a_case_is_logged_for_the_subject()
    {
        await using var p = await TestPlatform.Start("sqlite", now: "2026-11-02T09:00:00+08:00");
        var recordId = await Kit.Penalty(p, Kit.ProviderClient(p), Co, "哈市监罚〔2026〕9801号", "2026-07-01");
        var subject = await Kit.Subject(p, Co);
        var (s1, repair, _) = await TestPlatform.PostJson(subject, "/api/v1/repairs", new
        {
            recordId, commitment = "本单位承诺所提交材料真实有效，如违背承诺愿意承担相应法律责任。", statement = "已整改", applicant = new { name = "某公司", contact = "0451-8" },
            evidence = new[] { "罚款缴纳凭证", "整改完成情况说明", "信用修复承诺书", "信用培训证明" }.Select(k => new { kind = k, description = k }),
        });
        Assert.Equal(201, s1);
        p.Clock.Set(DateTimeOffset.Parse("2026-11-05T09:00:00+08:00", CultureInfo.InvariantCulture)); // acceptance was due 4 November
        var (token, _) = Kit.Staff(p, "HRB-SJ-09", unit: Kit.Provider, role: "unit");
        var staff = await Kit.StaffPortal(p, "HRB-SJ-09", token);
        var worklist = WebUtility.HtmlDecode(await staff.GetStringAsync("/staff/worklist"));
        Assert.Contains("已逾期 1", worklist);
        Assert.Contains($"data-case=\"repair:{repair.GetProperty("id").GetInt64()}\"", worklist);
        Assert.Contains("data-state=\"overdue\"", worklist);

        var moved = await staff.GetAsync($"/staff/repairs/{repair.GetProperty("id").GetInt64()}");   // the old address redirects to the generic case page
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var url = moved.Headers.Location!.ToString();
        Assert.Equal($"/staff/cases/{repair.GetProperty("id").GetInt64()}", url);
        var page = await staff.GetStringAsync(url);
        var accepted = await staff.PostAsync($"{url}?handler=Accept", Kit.Form(page, new() { ["accept"] = "true", ["reasons"] = "" }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var html = WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync());
        Assert.Contains("已受理。", html);
        Assert.Contains("逾期完成", html); // accepted a day late
        var refused = await staff.PostAsync($"{url}?handler=Decide", Kit.Form(html, new() { ["complete"] = "false", ["reasons"] = "" }));
        Assert.Contains("不予受理或不予修复须说明理由", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        var subjectId = p.Services.GetRequiredService<SubjectStore>().Find(Co)!.Id;
        var reads = p.Services.GetRequiredService<AccessLog>().ForSubject(subjectId);
        Assert.Contains(reads, e => e.Actor == "HRB-SJ-09" && e.What.StartsWith("repair:", StringComparison.Ordinal) && e.Channel == "portal");
        Assert.DoesNotContain(reads, e => e.ActorKind == "subject");
    }
}
