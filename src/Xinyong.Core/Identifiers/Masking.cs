namespace Xinyong.Identifiers;

/// <summary>
/// Masking of a natural person's personal information (Art. 23: name, birth date, identity numbers, address, phone)
/// everywhere outside the subject's own view. One place for every masking rule.
/// </summary>
public static class Masking
{
    private static readonly string[] CompoundSurnames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
        "令狐", "端木", "独孤", "南宫", "西门", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "钟离",
    ];

    /// <summary>Keeps the surname and hides the given name: 张三 → 张*, 欧阳娜娜 → 欧阳**.</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return string.Empty;
        var n = name.Trim();
        if (n.Length == 1) return "*";
        var keep = n.Length > 2 && CompoundSurnames.Any(s => n.StartsWith(s, StringComparison.Ordinal)) ? 2 : 1;
        return string.Concat(n.AsSpan(0, keep), new string('*', n.Length - keep));
    }

    /// <summary>Shows the first and last characters of a number and hides the middle: E12345678 → E1*****78.</summary>
    public static string MaskMiddle(string? value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        if (value.Length <= 4) return new string('*', value.Length);
        var keepHead = value.Length >= 10 ? 3 : 2;
        var keepTail = 2;
        return string.Concat(value.AsSpan(0, keepHead), new string('*', value.Length - keepHead - keepTail), value.AsSpan(value.Length - keepTail));
    }

    /// <summary>Mobile numbers keep 3 + 4 digits (138****1234); other numbers keep the last 4.</summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return string.Empty;
        var p = phone.Trim();
        if (p.Length == 11 && p.All(char.IsAsciiDigit)) return string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(7));
        return p.Length <= 4 ? new string('*', p.Length) : string.Concat(new string('*', p.Length - 4), p.AsSpan(p.Length - 4));
    }

    /// <summary>Keeps the address down to the county-level unit (…区/县/市/旗) and hides the rest.</summary>
    public static string MaskAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return string.Empty;
        var a = address.Trim();
        var cut = -1;
        foreach (var marker in new[] { "区", "县", "旗" })
        {
            var i = a.IndexOf(marker, StringComparison.Ordinal);
            if (i > 0 && (cut < 0 || i < cut)) cut = i;
        }
        if (cut < 0)
        {
            var i = a.LastIndexOf('市');
            cut = i > 0 ? i : Math.Min(3, a.Length - 1);
        }
        return a[..(cut + 1)] + "****";
    }

    /// <summary>A birth date is shown as its year only: 1985年**月**日.</summary>
    public static string MaskBirthDate(DateOnly? date) => date is { } d ? $"{d.Year}年**月**日" : string.Empty;
}
