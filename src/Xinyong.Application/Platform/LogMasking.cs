using System.Text.RegularExpressions;
using Xinyong.Identifiers;

namespace Xinyong.Application.Platform;

/// <summary>
/// Keeps personal information out of logs and traces (Art. 23): resident identity numbers (as in a self-query's path)
/// and mobile numbers in any logged text are masked the way the portal masks them before a log line is written.
/// </summary>
public static partial class LogMasking
{
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex ResidentNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileNumber();

    /// <summary>The text with every resident identity number and mobile number masked.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var s = ResidentNumber().Replace(text, m => ResidentId.Mask(m.Value));
        return MobileNumber().Replace(s, m => Masking.MaskPhone(m.Value));
    }
}
