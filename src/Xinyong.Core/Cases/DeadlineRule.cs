namespace Xinyong.Cases;

/// <summary>The codes of the deadline rules the platform uses; every rule file must define them all.</summary>
public static class DeadlineCodes
{
    /// <summary>异议标注: 1 working day from receipt (Art. 39).</summary>
    public const string ObjectionMark = "objection-mark";
    /// <summary>异议处理决定: 3 working days from receipt (Art. 39).</summary>
    public const string ObjectionDecision = "objection-decision";
    /// <summary>异议处理决定 with another unit's help: 7 working days from receipt (Art. 39).</summary>
    public const string ObjectionDecisionAssisted = "objection-decision-assisted";
    /// <summary>协助核查反馈: 2 working days from the request (Art. 39).</summary>
    public const string AssistanceAnswer = "assistance-answer";
    /// <summary>A holder of a shared copy applies a correction: 3 working days from receipt (Art. 39).</summary>
    public const string Propagation = "propagation";
    /// <summary>Objection to a DishonestyList entry: 3 working days from receipt (Art. 35).</summary>
    public const string ListObjectionDecision = "list-objection-decision";
    /// <summary>信用修复受理 (Art. 40; configurable default).</summary>
    public const string RepairAcceptance = "repair-acceptance";
    /// <summary>信用修复决定, from acceptance (Art. 40; configurable default).</summary>
    public const string RepairDecision = "repair-decision";

    /// <summary>Every code a rule file must define.</summary>
    public static readonly IReadOnlyList<string> All =
        [ObjectionMark, ObjectionDecision, ObjectionDecisionAssisted, AssistanceAnswer, Propagation, ListObjectionDecision, RepairAcceptance, RepairDecision];
}

/// <summary>One deadline rule: how many working days a unit has for a step, from when, and the article it rests on.</summary>
/// <param name="Code">The stable code (see <see cref="DeadlineCodes"/>).</param>
/// <param name="Name">The step's Chinese name, shown beside the due date.</param>
/// <param name="WorkingDays">The period in working days.</param>
/// <param name="From">When the period starts, in Chinese (e.g. 收到异议申请之日).</param>
/// <param name="Basis">The legal basis, shown with every due date.</param>
/// <param name="Pausable">Whether inspection, testing, quarantine, appraisal and expert review stop the clock (Art. 39).</param>
/// <param name="UnitOverride">Whether a unit may publish its own period for the step (《黑龙江省“十四五”社会信用体系建设规划》三（三）).</param>
/// <param name="CalendarMonths">A period in calendar months instead of working days (e.g. Art. 46's two months): the same
/// day of the month that many months later, or that month's last day when it has no such day.</param>
public sealed record DeadlineRule(string Code, string Name, int WorkingDays, string From, string Basis, bool Pausable, bool UnitOverride, int? CalendarMonths = null);

/// <summary>One published version of the deadline rules, with the periods individual units published for themselves.</summary>
/// <param name="Version">The version label.</param>
/// <param name="Effective">The first day periods starting on it use this version.</param>
/// <param name="PublishedBy">The publishing authority.</param>
/// <param name="Rules">The rules by code.</param>
/// <param name="Units">Per-unit periods by unit code.</param>
public sealed record DeadlineRuleSet(
    string Version,
    DateOnly Effective,
    string PublishedBy,
    IReadOnlyDictionary<string, DeadlineRule> Rules,
    IReadOnlyDictionary<string, UnitDeadlines> Units)
{
    /// <summary>The rule for a step at a unit: the unit's published period when it has one, else the general rule.</summary>
    /// <exception cref="KeyNotFoundException">The code is not defined.</exception>
    public DeadlineRule Rule(string code, string? unit = null)
    {
        var rule = Rules.TryGetValue(code, out var r) ? r : throw new KeyNotFoundException($"no deadline rule '{code}'");
        return unit is not null && Units.TryGetValue(unit, out var u) && u.WorkingDays.TryGetValue(code, out var days)
            ? rule with { WorkingDays = days, Basis = $"{rule.Basis}；{u.Name}公布的办理时限：{days}个工作日" }
            : rule;
    }
}

/// <summary>The periods a unit published for itself (only for rules that allow it).</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Name">The unit's name as published.</param>
/// <param name="WorkingDays">Working days by rule code.</param>
public sealed record UnitDeadlines(string Unit, string Name, IReadOnlyDictionary<string, int> WorkingDays);
