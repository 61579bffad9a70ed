using Microsoft.Extensions.DependencyInjection;
using Xinyong.Reports;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Reports;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Lists;
using Xinyong.Web.Features.Query;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Lists;

/// <summary>List status in the credit report: the section 信用名单信息 from a subject's entries, rendered by the report engine.</summary>
public class ListReportTests
{
    private static readonly string Debtor = Uscc("MA1RPT001");

    [Fact]
    public async Task The_report_section_states_the_decision_of_each_entry_and_prints_in_the_pdf()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var court = p.As(p.Account(AccountKinds.Provider, "HLJ-GY", "黑龙江省高级人民法院", "court-dishonest"));
        await Court.Import(court, "court-dishonest", Court.Headers, Court.Row("（2026）黑0103执5501号", "哈尔滨报告示例有限公司", Debtor));
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(Debtor)!;
        var entries = p.Services.GetRequiredService<ListViews>().OfSubject(subject.Id, Audience.Public);

        var section = ListViews.ReportSection(entries);
        Assert.Equal("信用名单信息", section.Title);
        var entry = Assert.Single(section.Entries);
        Assert.Null(entry.Mark);
        var fields = entry.Fields.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("严重失信主体名单", fields["名单"]);
        Assert.Equal("在列", fields["状态"]);
        Assert.Equal("哈尔滨市南岗区示例人民法院", fields["认定单位"]);
        Assert.Equal("2026-05-08 至 2028-05-08", fields["期限"]);
        Assert.Contains("第二十九条第五项", fields["认定依据（失信行为）"]);

        var model = SampleReports.Company() with { Sections = [section] };
        var text = Poppler.Text(CreditReportRenderer.Render(model));
        Assert.Contains("信用名单信息", text);
        Assert.Contains("（2026）黑0103执5501号", text);
        Assert.Contains("2026-05-08 至 2028-05-08", text);
    }
}
