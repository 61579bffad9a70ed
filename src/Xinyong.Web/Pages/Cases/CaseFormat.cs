using System.Globalization;
using Xinyong.Objections;
using Xinyong.Repairs;

namespace Xinyong.Web.Pages.Cases;

/// <summary>How the case pages write dates, times and deadline states.</summary>
public static class CaseFormat
{
    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly d) => WorkingCalendar.Iso(d);

    /// <summary>An optional date, or a dash.</summary>
    public static string Date(DateOnly? d) => d is { } x ? Date(x) : "—";

    /// <summary>An instant in Beijing time.</summary>
    public static string Time(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An optional instant, or a dash.</summary>
    public static string Time(DateTimeOffset? t) => t is { } x ? Time(x) : "—";

    /// <summary>The badge class of a deadline state.</summary>
    public static string Badge(string state) => state switch
    {
        "overdue" or "late" => "badge red",
        "due-today" => "badge amber",
        "met" => "badge green",
        _ => "badge",
    };

    /// <summary>The badge class of a case status.</summary>
    public static string StatusBadge(string status) =>
        status == ObjectionStatus.Open.Code || Statuses.Of<RepairStatus>(status) is { Pending: true } ? "badge amber"
        : status == ObjectionStatus.Upheld.Code || status == RepairStatus.Completed.Code ? "badge green"
        : status == ObjectionStatus.Rejected.Code || status == RepairStatus.NotAccepted.Code || status == RepairStatus.Refused.Code ? "badge red"
        : "badge";

    /// <summary>A file size for people.</summary>
    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B" : bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
