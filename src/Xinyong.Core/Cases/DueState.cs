namespace Xinyong.Cases;

/// <summary>Where a step stands against its due date.</summary>
public enum DueState
{
    /// <summary>Open, due later.</summary>
    Upcoming,
    /// <summary>Open, due today (the period ends at the end of today, Beijing time).</summary>
    DueToday,
    /// <summary>Open after its due date.</summary>
    Overdue,
    /// <summary>Done on or before its due date.</summary>
    Met,
    /// <summary>Done after its due date.</summary>
    Late,
    /// <summary>No longer required (e.g. an assistance request when the decision was made without it).</summary>
    Cancelled,
}

/// <summary>The stored status of a step's deadline and what it means today.</summary>
public static class DueStates
{
    /// <summary>Stored status: the step is still to be done.</summary>
    public const string Open = "open";
    /// <summary>Stored status: done on time.</summary>
    public const string Met = "met";
    /// <summary>Stored status: done late.</summary>
    public const string Late = "late";
    /// <summary>Stored status: no longer required.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The stored status of a step done on <paramref name="doneOn"/>.</summary>
    public static string Completed(DateOnly due, DateOnly doneOn) => doneOn <= due ? Met : Late;

    /// <summary>The state of a step with stored <paramref name="status"/> and due date, seen on <paramref name="today"/>.</summary>
    public static DueState Of(string status, DateOnly due, DateOnly today) => status switch
    {
        Met => DueState.Met,
        Late => DueState.Late,
        Cancelled => DueState.Cancelled,
        _ when today > due => DueState.Overdue,
        _ when today == due => DueState.DueToday,
        _ => DueState.Upcoming,
    };

    /// <summary>The API code of a state: upcoming, due-today, overdue, met, late, cancelled.</summary>
    public static string Code(this DueState s) => s switch
    {
        DueState.Upcoming => "upcoming",
        DueState.DueToday => "due-today",
        DueState.Overdue => "overdue",
        DueState.Met => "met",
        DueState.Late => "late",
        _ => "cancelled",
    };

    /// <summary>The Chinese label of a state.</summary>
    public static string Chinese(this DueState s) => s switch
    {
        DueState.Upcoming => "办理中",
        DueState.DueToday => "今日到期",
        DueState.Overdue => "已逾期",
        DueState.Met => "按期完成",
        DueState.Late => "逾期完成",
        _ => "无需办理",
    };
}
