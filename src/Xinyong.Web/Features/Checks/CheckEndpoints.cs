using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;

namespace Xinyong.Web.Features.Checks;

/// <summary>
/// The check inside departments' workflows (Art. 43-44): <c>POST /api/v1/checks</c> answers the measures that apply,
/// <c>POST /api/v1/checks/{checkId}/feedback</c> records what the department applied (《黑龙江省“十四五”社会信用体系建设规划》三（二）), and
/// <c>GET /api/v1/checks/stats</c> counts both for staff (《黑龙江省“十四五”社会信用体系建设规划》一).
/// </summary>
public static class CheckEndpoints
{
    /// <summary>The body of a check.</summary>
    public sealed record CheckBody(string? Subject, string? Scenario);

    /// <summary>The body of a feedback report.</summary>
    public sealed record FeedbackBody(string[]? Applied, string? Outcome, string? Reference);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/checks").WithTags("Checks");

        g.MapPost("", async (CheckBody body, HttpContext http, CheckService checks) =>
        {
            var a = await checks.Check(http.AccountOf()!, body.Subject ?? "", body.Scenario ?? "");
            return Results.Json(Evaluation.EvaluationFeature.WithGrade(Answer(a), a, http.RequestServices), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Check a subject inside a workflow: the published measures that apply (Art. 43-44)")
        .WithDescription("Body: {\"subject\":\"USCC or resident identity number\",\"scenario\":\"licensing|public-services|procurement|public-funds|awards|supervision\"}. " +
                         "Answers {\"checkId\",\"subject\",\"scenario\",\"checkedAt\",\"measuresVersion\",\"measures\":[{\"code\",\"kind\":\"incentive|constraint|punishment\",\"name\",\"basis\",\"period\",\"until\",\"triggeredBy\":[{\"type\":\"list|record\",\"id\",\"item\"}]}]}. " +
                         "Only measures of the published version in force; none for an act exempted under Art. 30 (2); none once repaired. Every check is logged and enters the subject's access log.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        g.MapPost("/{checkId}/feedback", (string checkId, FeedbackBody body, HttpContext http, CheckService checks) =>
        {
            var f = checks.Feedback(http.AccountOf()!, checkId, body.Applied ?? [], body.Outcome ?? "", body.Reference);
            return Results.Json(new { checkId = f.CheckId, feedbackAt = f.At.ToOffset(ChinaTime.Offset), applied = f.Applied, outcome = f.Outcome, reference = f.Reference }, ApiJson.Options);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Report what was applied after a check, and the outcome (奖惩结果反馈)")
        .WithDescription("Body: {\"applied\":[\"measure codes the check returned\"],\"outcome\":\"what came of it\",\"reference\":\"your case number\"}. Only the department that made the check, once; a measure the check did not return is refused (Art. 30, 51).")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("/stats", (DateOnly? from, DateOnly? to, CheckService checks, TimeProvider clock) =>
        {
            var today = clock.Today();
            return Results.Json(checks.Stats(from ?? today.AddYears(-1), to ?? today), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Staff)
        .RequireRule(AccessRules.Oversight)
        .WithSummary("Counts of checks and feedback, in total and per scenario, department and day (staff)");
    }

    /// <summary>The answer of a check (the API contract).</summary>
    public static object Answer(CheckAnswer a) => new
    {
        checkId = a.CheckId,
        subject = a.Result.Subject,
        scenario = a.Result.Scenario.Code,
        checkedAt = a.CheckedAt.ToOffset(ChinaTime.Offset),
        measuresVersion = a.Result.Version.Version,
        measures = a.Result.Measures.Select(m => new
        {
            code = m.Measure.Code,
            kind = m.Measure.Kind.Code(),
            name = m.Measure.Name,
            basis = m.Measure.Basis,
            period = m.Measure.Period.Text,
            until = m.Until,
            triggeredBy = m.TriggeredBy.Select(t => new { type = t.Type, id = t.Id, item = t.Item }),
        }),
        // Measures lifted while a court-approved reorganisation plan or settlement is in force (国办发〔2025〕22号); null otherwise.
        suspended = a.Result.Suspension is not { } s ? null : new
        {
            reorganisation = s.CaseId,
            number = s.Number,
            reason = s.Reason,
            until = s.PlanTo,
            measures = s.Measures.Select(m => new
            {
                code = m.Measure.Code,
                kind = m.Measure.Kind.Code(),
                name = m.Measure.Name,
                status = "suspended",
                triggeredBy = m.TriggeredBy.Select(t => new { type = t.Type, id = t.Id, item = t.Item }),
            }),
        },
    };

}
