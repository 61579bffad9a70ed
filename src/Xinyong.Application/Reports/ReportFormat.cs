using System.Globalization;
using Xinyong.Calendar;

namespace Xinyong.Application.Reports;

/// <summary>How reports, the verification page and the verification answers write dates and moments (culture-independent).</summary>
public static class ReportFormat
{
    /// <summary>A moment in Beijing time, e.g. 2026年11月22日 10:00（北京时间）.</summary>
    public static string Beijing(DateTimeOffset t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.ToOffset(ChinaTime.Offset):yyyy年M月d日 HH:mm}（北京时间）");

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
