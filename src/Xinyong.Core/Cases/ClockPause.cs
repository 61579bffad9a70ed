using Xinyong.Calendar;

namespace Xinyong.Cases;

/// <summary>
/// The kinds of time that do not count towards an objection's decision (Art. 39: 检验、检测、检疫、鉴定和专家评审所需时间
/// 不计入异议处理时间).
/// </summary>
public static class PauseKinds
{
    /// <summary>The kinds with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["inspection"] = "检验",
        ["testing"] = "检测",
        ["quarantine"] = "检疫",
        ["appraisal"] = "鉴定",
        ["expert-review"] = "专家评审",
    };
}

/// <summary>A stop of the clock: from a day, to a day (both included), or still running.</summary>
/// <param name="Kind">One of <see cref="PauseKinds"/>.</param>
/// <param name="From">The first day that does not count.</param>
/// <param name="To">The last day that does not count; null while the pause runs.</param>
public sealed record ClockPause(string Kind, DateOnly From, DateOnly? To)
{
    /// <summary>True while the pause runs.</summary>
    public bool Running => To is null;

    /// <summary>The days that do not count, as known on <paramref name="today"/>: a running pause lasts at least until today.</summary>
    public DateRange Range(DateOnly today) => new(From, To ?? (today > From ? today : From));
}
