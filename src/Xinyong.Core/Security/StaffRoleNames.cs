namespace Xinyong.Security;

/// <summary>The staff roles as people read them, and the refusals that name a role's duty.</summary>
public static class StaffRoleNames
{
    /// <summary>Every role's code (as <c>xinyong staff add --role …</c> takes it) with its Chinese name, in this order.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["agency"] = "公共信用工作机构工作人员",
        ["unit"] = "单位工作人员",
        ["authority"] = "社会信用主管部门工作人员",
        ["auditor"] = "审计人员（只读）",
        ["window"] = "公共信用工作机构窗口工作人员",
    };

    /// <summary>The refusal of a role that neither handles nor reads cases.</summary>
    public static Refusal NoCases() => Refusal.Forbidden("staff.forbidden", "该角色不办理也不查看案件");
}
