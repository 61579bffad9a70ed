using Xinyong.Cases;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>Checks and wording shared by the objection and repair desks.</summary>
public static class CaseText
{
    /// <summary>Refuses a missing or too long text, naming the field.</summary>
    public static void Require(string? value, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Refusal.Invalid("case.required", $"{label}为必填项", new Dictionary<string, object?> { ["field"] = field });
        if (value.Trim().Length > max) throw Refusal.Invalid("case.too-long", $"{label}不能超过{max}个字符", new Dictionary<string, object?> { ["field"] = field });
    }

    /// <summary>A due date in Chinese, with the provisional note when it rests on a year not yet loaded.</summary>
    public static string Day(DateOnly d, bool provisional = false) => $"{d:yyyy年M月d日}{(provisional ? "（暂定：该年度节假日安排尚未公布）" : "")}";

    /// <summary>A computed due date in Chinese.</summary>
    public static string Day(DueDate d) => Day(d.Due, d.Provisional);
}
