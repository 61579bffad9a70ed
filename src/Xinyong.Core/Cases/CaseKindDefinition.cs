namespace Xinyong.Cases;

/// <summary>A state a case of a kind can be in.</summary>
/// <param name="Code">The stable code stored with the case.</param>
/// <param name="Name">The Chinese name shown to people.</param>
/// <param name="Initial">The state a new case starts in (exactly one per kind).</param>
/// <param name="Final">A case in this state is closed: no open step remains and only actions declared from it apply.</param>
public sealed record CaseState(string Code, string Name, bool Initial, bool Final);

/// <summary>A step with a working-day deadline opened by an action (or when the case is opened).</summary>
/// <param name="Step">The deadline rule code in <c>data/deadlines</c>.</param>
/// <param name="Party">The party role that must act (its account is the unit of the step); null for the handling unit.</param>
public sealed record StepOpening(string Step, string? Party);

/// <summary>An action that moves a case from some states to another (or keeps it where it is) in one transaction.</summary>
/// <param name="Code">The stable code (also the history entry's kind).</param>
/// <param name="Name">The Chinese name shown in the history and on buttons.</param>
/// <param name="From">The states the action is allowed in.</param>
/// <param name="To">The state after it; null keeps the current state.</param>
/// <param name="Completes">Open steps the action completes (met or late by their due date).</param>
/// <param name="Cancels">Open steps the action cancels (no longer required).</param>
/// <param name="Opens">Steps the action opens, their periods starting on the action's day.</param>
/// <param name="Basis">The article the action rests on, shown with it.</param>
public sealed record CaseAction(
    string Code, string Name, IReadOnlyList<string> From, string? To,
    IReadOnlyList<string> Completes, IReadOnlyList<string> Cancels, IReadOnlyList<StepOpening> Opens, string? Basis);

/// <summary>A reason the clock of a case may stop (testing, appraisal, suspension …), with its basis.</summary>
/// <param name="Code">The stable code stored with the pause.</param>
/// <param name="Name">The Chinese name.</param>
/// <param name="Basis">The article that lets this time not count.</param>
public sealed record PauseReason(string Code, string Name, string? Basis);

/// <summary>How far a step's period may be extended, by whose approval.</summary>
/// <param name="Step">The deadline rule code of the step.</param>
/// <param name="MaxWorkingDays">The most working days all extensions of the step may add together.</param>
/// <param name="Approver">Who must approve (Chinese, e.g. 监督机构负责人), recorded with each extension.</param>
/// <param name="Basis">The article.</param>
public sealed record ExtensionRule(string Step, int MaxWorkingDays, string Approver, string? Basis);

/// <summary>
/// A kind of case as data (<c>data/cases/&lt;kind&gt;.yaml</c>): its states, its actions and the steps they open and
/// close, the reasons its clock may stop and the limits of its extensions. The engine enforces it; the kind's domain
/// class adds only what data cannot say.
/// </summary>
/// <param name="Kind">The stable code, e.g. <c>supervision</c>.</param>
/// <param name="Name">The Chinese name, e.g. 营商环境监督案件.</param>
/// <param name="NumberPrefix">The prefix of case numbers (letters), e.g. <c>YS</c>.</param>
/// <param name="Basis">The document the kind rests on.</param>
/// <param name="States">The states.</param>
/// <param name="OnOpen">Steps opened when a case is opened.</param>
/// <param name="Actions">The actions.</param>
/// <param name="Pauses">The reasons the clock may stop.</param>
/// <param name="Extensions">The extension limits per step.</param>
public sealed record CaseKindDefinition(
    string Kind, string Name, string NumberPrefix, string Basis,
    IReadOnlyList<CaseState> States, IReadOnlyList<StepOpening> OnOpen, IReadOnlyList<CaseAction> Actions,
    IReadOnlyList<PauseReason> Pauses, IReadOnlyList<ExtensionRule> Extensions)
{
    /// <summary>The state a new case starts in.</summary>
    public CaseState Initial => States.Single(s => s.Initial);

    /// <summary>A state by code.</summary>
    public CaseState State(string code) =>
        States.FirstOrDefault(s => s.Code == code) ?? throw new KeyNotFoundException($"{Kind}: no state '{code}'");

    /// <summary>An action by code, or null.</summary>
    public CaseAction? Action(string code) => Actions.FirstOrDefault(a => a.Code == code);

    /// <summary>The actions allowed in a state.</summary>
    public IEnumerable<CaseAction> ActionsFrom(string state) => Actions.Where(a => a.From.Contains(state));

    /// <summary>A pause reason by code, or null.</summary>
    public PauseReason? Pause(string code) => Pauses.FirstOrDefault(p => p.Code == code);

    /// <summary>The extension rule of a step, or null when the step cannot be extended.</summary>
    public ExtensionRule? Extension(string step) => Extensions.FirstOrDefault(e => e.Step == step);

    /// <summary>Every deadline rule code the kind uses (checked against <c>data/deadlines</c> at start).</summary>
    public IEnumerable<string> StepCodes =>
        OnOpen.Select(o => o.Step).Concat(Actions.SelectMany(a => a.Opens.Select(o => o.Step).Concat(a.Completes).Concat(a.Cancels)))
            .Concat(Extensions.Select(e => e.Step)).Distinct();
}
