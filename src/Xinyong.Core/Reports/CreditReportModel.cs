namespace Xinyong.Reports;

/// <summary>
/// Everything a public credit information report (公共信用信息报告) shows, as plain data: the report renderer lays it out,
/// the report builder fills it from the store. Equal models give byte-identical PDFs.
/// </summary>
/// <param name="ReportNumber">The unique report number, printed on every page and encoded in the QR code.</param>
/// <param name="AsOf">The moment whose information the report reflects.</param>
/// <param name="Issuer">The issuing platform, e.g. 黑龙江省公共信用信息平台.</param>
/// <param name="VerifyUrl">The online verification address (the QR code's content).</param>
/// <param name="Subject">Who the report is about.</param>
/// <param name="Sections">The sections in order; an empty section prints "无".</param>
/// <param name="Notes">The closing notes: sources, what is not shown (archived records), how to verify.</param>
/// <param name="FullVersion">True for the subject's own full version (self-query), false for the public version.</param>
public sealed record CreditReportModel(
    string ReportNumber,
    DateTimeOffset AsOf,
    string Issuer,
    string VerifyUrl,
    ReportSubject Subject,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<string> Notes,
    bool FullVersion);

/// <summary>The subject of a report.</summary>
/// <param name="Name">Name as shown (masked for a natural person in the public version).</param>
/// <param name="Code">USCC, or the masked identity number.</param>
/// <param name="KindLabel">法人, 非法人组织, 个体工商户, 自然人 or 国家机关.</param>
/// <param name="BasicInfo">Label/value pairs of the basic information section.</param>
public sealed record ReportSubject(string Name, string Code, string KindLabel, IReadOnlyList<ReportField> BasicInfo)
{
    /// <summary>The title of the basic information section (the catalog's group <c>basic</c>).</summary>
    public string BasicTitle { get; init; } = "基本信息";
}

/// <summary>One section (基本信息, 行政许可信息, 行政处罚信息, 信用名单信息, 信用承诺信息, 表彰荣誉及其他守信信息, 异议标注信息 …).</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportEntry> Entries);

/// <summary>One record or list entry inside a section.</summary>
/// <param name="Title">A heading line, e.g. the decision document number.</param>
/// <param name="Fields">Label/value pairs in display order.</param>
/// <param name="Mark">A mark printed beside the entry, e.g. 异议处理中 (objection mark), or null.</param>
public sealed record ReportEntry(string Title, IReadOnlyList<ReportField> Fields, string? Mark = null);

/// <summary>A label and its value.</summary>
public sealed record ReportField(string Label, string Value);
