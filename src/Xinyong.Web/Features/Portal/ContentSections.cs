namespace Xinyong.Web.Features.Portal;

/// <summary>A section of the portal's content.</summary>
/// <param name="Code">The section's code in addresses (<c>/content/{code}</c>).</param>
/// <param name="Name">Its name as people read it.</param>
/// <param name="Description">One line under the heading.</param>
public sealed record ContentSection(string Code, string Name, string Description);

/// <summary>The content sections a provincial credit portal carries, in the order the home page shows them.</summary>
public static class ContentSections
{
    public static readonly IReadOnlyList<ContentSection> All =
    [
        new("news", "信用动态", "全省社会信用体系建设工作动态。"),
        new("policies", "政策法规", "社会信用相关法律、法规、规章和规范性文件。"),
        new("notices", "通知公告", "公共信用信息工作机构和信用主管部门发布的通知、公告。"),
        new("cases", "典型案例", "守信激励和失信惩戒典型案例。"),
        new("commitments", "信用承诺公示", "信用主体作出的信用承诺及其履行情况（《黑龙江省社会信用条例》第十七条）。"),
        new("guide", "办事指南", "异议申请、信用修复、信用报告、投诉举报的办理指南。"),
        new("contact", "联系我们", "公共信用信息工作机构的联系方式。"),
    ];

    /// <summary>A section by code, or null.</summary>
    public static ContentSection? Of(string? code) => All.FirstOrDefault(s => s.Code == code);
}
