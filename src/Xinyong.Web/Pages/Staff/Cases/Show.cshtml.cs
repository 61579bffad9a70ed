using Xinyong.Application.Cases;
using Xinyong.Web.Pages.Cases;

namespace Xinyong.Web.Pages.Staff.Cases;

/// <summary>Any case of any kind as staff see it (the one generic case page), with the kind's forms and their steps.</summary>
[AccessRule(AccessRules.Cases)]
public sealed class ShowModel(CaseEngine engine, CaseViews views, IEnumerable<CaseKindPart> parts) : CaseFilePage(engine, views, parts)
{
    /// <inheritdoc/>
    protected override bool ForStaff => true;

    // The kinds' forms post here; the case's kind part takes the step in its desk (objection: Assist, Answer, Pause,
    // Resume, Decide; repair: Accept, Decide).

    public Task<IActionResult> OnPostAssistAsync(long id) => Step(id, "Assist");

    public Task<IActionResult> OnPostAnswerAsync(long id) => Step(id, "Answer");

    public Task<IActionResult> OnPostPauseAsync(long id) => Step(id, "Pause");

    public Task<IActionResult> OnPostResumeAsync(long id) => Step(id, "Resume");

    public Task<IActionResult> OnPostDecideAsync(long id) => Step(id, "Decide");

    public Task<IActionResult> OnPostAcceptAsync(long id) => Step(id, "Accept");
}
