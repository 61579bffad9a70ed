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
            // A graded answer is written as what it is (object: its runtime type), with the grade last.
            return Results.Json((object)Evaluation.EvaluationFeature.WithGrade(CheckResultAnswer.Of(a), a, http.RequestServices), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Check a subject inside a workflow: the published measures that apply (Art. 43-44)")
        .WithDescription("Body: {\"subject\":\"USCC or resident identity number\",\"scenario\":\"licensing|public-services|procurement|public-funds|awards|supervision\"}. " +
                         "Answers {\"checkId\",\"subject\",\"scenario\",\"checkedAt\",\"measuresVersion\",\"measures\":[{\"code\",\"kind\":\"incentive|constraint|punishment\",\"name\",\"basis\",\"period\",\"until\",\"triggeredBy\":[{\"type\":\"list|record\",\"id\",\"item\"}]}]}. " +
                         "Only measures of the published version in force; none for an act exempted under Art. 30 (2); none once repaired. Every check is logged and enters the subject's access log. " +
                         "In the supervision scenario the answer also carries the subject's grade (Art. 48; GradedCheckAnswer), null for a subject the platform does not hold.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .Produces<CheckResultAnswer>();

        g.MapPost("/{checkId}/feedback", (string checkId, FeedbackBody body, HttpContext http, CheckService checks) =>
        {
            var f = checks.Feedback(http.AccountOf()!, checkId, body.Applied ?? [], body.Outcome ?? "", body.Reference);
            return TypedResults.Ok(FeedbackAnswer.Of(f));
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
            return TypedResults.Ok(checks.Stats(from ?? today.AddYears(-1), to ?? today));
        })
        .RequireAuthorization(Policies.Staff)
        .RequireRule(AccessRules.Oversight)
        .WithSummary("Counts of checks and feedback, in total and per scenario, department and day (staff)");
    }
}
