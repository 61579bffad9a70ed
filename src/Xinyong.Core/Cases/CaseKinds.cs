namespace Xinyong.Cases;

/// <summary>The kinds of case that carry deadlines.</summary>
public static class CaseKinds
{
    /// <summary>异议 (Art. 35, 39).</summary>
    public const string Objection = "objection";
    /// <summary>信用修复 (Art. 40).</summary>
    public const string Repair = "repair";

    /// <summary>信用承诺 (Art. 42, 45, 46, 50).</summary>
    public const string Commitment = "commitment";

    /// <summary>A provider's correction or revocation of a record passed on to the holders of copies (Art. 38, 39 (3)); the case id is the record's.</summary>
    public const string Record = "record";

    /// <summary>The Chinese name of a case kind.</summary>
    public static string Chinese(string kind) => kind switch
    {
        Objection => "异议",
        Repair => "信用修复",
        Record => "信息更正",
        Commitment => "信用承诺",
        _ => kind,
    };
}

/// <summary>The credit agency (公共信用工作机构) as a unit: receives objections and repairs for the platform.</summary>
public static class CreditAgency
{
    /// <summary>Its unit code (a staff account without a unit works for it).</summary>
    public const string Code = "agency";
    /// <summary>Its Chinese name.</summary>
    public const string Name = "公共信用工作机构";
}

/// <summary>The platform itself as the actor of its automatic steps (marks, routing, overdue reports) in a case's history.</summary>
public static class PlatformActor
{
    /// <summary>Its actor code.</summary>
    public const string Code = "platform";
    /// <summary>The name the history shows.</summary>
    public const string Name = "信用平台（自动）";
}

/// <summary>The steps of a case's history with their Chinese names (shown to the applicant and to audit).</summary>
public static class CaseSteps
{
    /// <summary>Every step kind with its Chinese name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["filed"] = "提交申请",
        ["routed"] = "转交有权处理单位",
        ["referred"] = "告知有权处理单位",
        ["marked"] = "作出异议标注",
        ["mark-removed"] = "撤除异议标注",
        ["assistance-requested"] = "发出协助核查通知",
        ["assistance-answered"] = "反馈协助核查结果",
        ["paused"] = "暂停计时",
        ["resumed"] = "恢复计时",
        ["upheld"] = "异议成立",
        ["rejected"] = "异议不成立",
        ["record-corrected"] = "更正信用信息",
        ["record-withheld"] = "停止公示",
        ["list-entry-ended"] = "移出严重失信主体名单",
        ["correction-sent"] = "向共享系统推送更正信息",
        ["correction-acknowledged"] = "共享系统确认处理",
        ["accepted"] = "受理",
        ["not-accepted"] = "不予受理",
        ["completed"] = "修复完成",
        ["refused"] = "不予修复",
        ["overdue-reported"] = "逾期报告社会信用主管部门",
    };

    /// <summary>The Chinese name of a step kind.</summary>
    public static string Name(string kind) => Names.TryGetValue(kind, out var n) ? n : kind;
}
