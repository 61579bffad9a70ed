using Xinyong.Cases;

namespace Xinyong.Objections;

/// <summary>What an objection can be against.</summary>
public static class ObjectionTargets
{
    /// <summary>A credit record (Art. 39).</summary>
    public const string Record = "record";
    /// <summary>An entry of the DishonestyList (Art. 35).</summary>
    public const string ListEntry = "list-entry";
}

/// <summary>The grounds of Art. 39: 错误、遗漏、超期公示、侵犯商业秘密、个人隐私、个人信息.</summary>
public static class ObjectionGrounds
{
    /// <summary>The grounds with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["error"] = "信息内容错误",
        ["omission"] = "信息内容遗漏",
        ["overdue-disclosure"] = "超期公示",
        ["trade-secret"] = "侵犯商业秘密",
        ["privacy"] = "侵犯个人隐私、个人信息",
        ["listing"] = "对列入严重失信主体名单有异议（陈述申辩）",
    };
}

/// <summary>What an upheld objection does.</summary>
public static class ObjectionActions
{
    /// <summary>A new version of the record with the corrected fields.</summary>
    public const string Correct = "correct";
    /// <summary>The record is no longer published (e.g. beyond its disclosure period, or a trade secret).</summary>
    public const string Withhold = "withhold";
    /// <summary>The subject is removed from the DishonestyList; its punishment measures end (Art. 35).</summary>
    public const string EndListing = "end-listing";

    /// <summary>The actions with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Correct] = "更正信息内容",
        [Withhold] = "停止公示",
        [EndListing] = "移出严重失信主体名单",
    };
}

/// <summary>Where an objection goes when it is received.</summary>
/// <param name="InScope">True when the receiving unit handles it (it is the competent unit, or the credit agency that runs
/// the platform and routes it); false when the subject must be told which unit is competent.</param>
/// <param name="CompetentUnit">The unit competent for the record or entry.</param>
public sealed record Routing(bool InScope, string CompetentUnit);

/// <summary>A decision as the deciding unit states it.</summary>
/// <param name="Outcome">upheld or rejected.</param>
/// <param name="Action">For upheld: correct or withhold (records) or end-listing (list entries); null for rejected.</param>
/// <param name="Reasons">The reasons (required: Art. 39 asks reasons for a rejection; an upheld decision says what was found).</param>
/// <param name="HasCorrection">Whether corrected field values were given.</param>
public sealed record DecisionRequest(string? Outcome, string? Action, string? Reasons, bool HasCorrection);

/// <summary>
/// The rules of an objection's life (Art. 35, 39): routing to the competent unit, which deadline governs the
/// decision, which steps are allowed in which state, and what a valid decision is.
/// </summary>
public static class ObjectionFlow
{
    /// <summary>Routes an objection received by <paramref name="receivingUnit"/> against something <paramref name="competentUnit"/> is competent for.</summary>
    public static Routing Route(string receivingUnit, string competentUnit) =>
        new(receivingUnit == competentUnit || receivingUnit == CreditAgency.Code, competentUnit);

    /// <summary>The rule of the decision deadline: Art. 35 for list entries; Art. 39 otherwise, 7 days once another unit helps.</summary>
    public static string DecisionRule(string target, bool assisted) =>
        target == ObjectionTargets.ListEntry ? DeadlineCodes.ListObjectionDecision
        : assisted ? DeadlineCodes.ObjectionDecisionAssisted
        : DeadlineCodes.ObjectionDecision;

    /// <summary>The ground of an objection: the given one when it fits the target, by default 信息内容错误 (records) or the
    /// listing itself (list entries).</summary>
    public static string Ground(string target, string? ground)
    {
        var g = string.IsNullOrWhiteSpace(ground) ? target == ObjectionTargets.ListEntry ? "listing" : "error" : ground.Trim();
        if (!ObjectionGrounds.All.ContainsKey(g))
            throw Refusal.Invalid("objection.invalid-ground", $"须为 {string.Join(", ", ObjectionGrounds.All.Keys)} 之一");
        if (g == "listing" && target != ObjectionTargets.ListEntry)
            throw Refusal.Invalid("objection.invalid-ground", "listing 只适用于对名单的异议");
        return g;
    }

    /// <summary>Refuses a step unless the objection is open.</summary>
    public static void RequireOpen(ObjectionStatus status)
    {
        if (status != ObjectionStatus.Open)
            throw Refusal.Conflict("objection.closed", $"该异议已{status.Chinese}，不能再办理此步骤");
    }

    /// <summary>Validates a decision for a target kind; returns the outcome and the action.</summary>
    public static (ObjectionStatus Outcome, string? Action) Validate(string target, DecisionRequest d)
    {
        if (string.IsNullOrWhiteSpace(d.Reasons))
            throw Refusal.Invalid("objection.invalid-reasons", "须说明处理决定的理由");
        var outcome = Statuses.Of<ObjectionStatus>(d.Outcome);
        if (outcome == ObjectionStatus.Rejected)
            return (ObjectionStatus.Rejected, null);
        if (outcome == ObjectionStatus.Upheld && target == ObjectionTargets.ListEntry)
        {
            if (d.Action is not (null or ObjectionActions.EndListing))
                throw Refusal.Invalid("objection.invalid-action", "名单异议成立时只能移出名单（end-listing）");
            return (ObjectionStatus.Upheld, ObjectionActions.EndListing);
        }
        if (outcome == ObjectionStatus.Upheld)
        {
            if (d.Action == ObjectionActions.Correct && !d.HasCorrection)
                throw Refusal.Invalid("objection.invalid-fields", "更正须给出更正后的字段内容");
            if (d.Action is not (ObjectionActions.Correct or ObjectionActions.Withhold))
                throw Refusal.Invalid("objection.invalid-action", "异议成立时须为 correct（更正）或 withhold（停止公示）");
            return (ObjectionStatus.Upheld, d.Action);
        }
        throw Refusal.Invalid("objection.invalid-outcome", "须为 upheld（异议成立）或 rejected（异议不成立）");
    }
}
