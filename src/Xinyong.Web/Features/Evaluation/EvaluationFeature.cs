using Xinyong.Evaluation;
using Xinyong.Storage.Audit;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Evaluation;
using Xinyong.Application.Evaluation;
using Xinyong.Web.Features.Checks;

namespace Xinyong.Web.Features.Evaluation;

/// <summary>
/// The comprehensive credit evaluation (Art. 47-48): the models (<c>evaluation/*.yaml</c> of the rules folder), the
/// grade store, the job that re-grades changed subjects, <c>GET /api/v1/subjects/{code}/grade</c> for departments and
/// the grade in supervision checks.
/// </summary>
public static class EvaluationFeature
{
    /// <summary>Registers the models, the grade store and the job that re-grades changed subjects.</summary>
    public static IServiceCollection AddEvaluation(this IServiceCollection s)
    {
        s.AddEvaluationCore();
        s.AddHostedService<EvaluationJobs>();
        return s;
    }

    /// <summary>Adds the subject's grade to the answer of a check in the supervision scenario (Art. 48: inspect by grade).</summary>
    public static CheckResultAnswer WithGrade(CheckResultAnswer answer, CheckAnswer a, IServiceProvider sp) =>
        a.Result.Scenario.Code != "supervision" ? answer
        : GradedCheckAnswer.Of(answer, a.Result.SubjectId is { } id ? GradeAnswer.Of(a.Result.Subject, sp.GetRequiredService<GradeStore>().Grade(id)) : null);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<EvaluationModelSet>();   // load (and so validate) the models at start
        app.MapGet("/api/v1/subjects/{code}/grade", (string code, HttpContext http, SubjectStore subjects, GradeStore grades, AccessLog access) =>
        {
            var s = subjects.GetByCode(code);
            var g = grades.Grade(s.Id);
            var dept = http.AccountOf()!;
            access.Record(s.Id, dept.Kind, dept.Code, "公共信用综合评价结果查询（第四十七条、第四十八条）", "grade", "api");
            return Results.Json(GradeAnswer.Of(s.Ref, g), ApiJson.Options);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithTags("Evaluation")
        .WithSummary("A subject's comprehensive credit evaluation grade, explained (Art. 47-48; departments)")
        .WithDescription("Answers {\"grade\":\"A|B|C|D\",\"model\":\"<version>\",\"indicators\":[{\"code\",\"points\",\"records\":[record ids],\"rule\",\"listEntries\"}]}. " +
                         "Graded at the moment of the request under the model in force; a DishonestyList subject is D. The read enters the subject's access log.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .Produces<GradeAnswer>();

        app.MapGet("/api/v1/evaluation/models", (EvaluationModelSet models) => Results.Json(models.All.Select(m => new PublishedModel(
                m.Version, m.Effective, m.Version == models.Current.Version, m.PublishedBy, m.Basis, m.Text)), ApiJson.Options))
            .RequireRule(AccessRules.Public)
            .WithTags("Evaluation").WithSummary("The published evaluation models, with their full text (Art. 7 (2), 47; public)")
        .Produces<IReadOnlyList<PublishedModel>>();
    }
}

/// <summary>Every <see cref="PlatformOptions.JobInterval"/>: re-grades the subjects whose facts changed, and everyone on a
/// new model; first writes the credit records of published inspection results that have none yet (a failure at entry, or a
/// result published before the catalog version with the inspection items took effect). Supervised like every background
/// job (<see cref="SupervisedJob"/>: logged, retried, on <c>/healthz</c>).</summary>
public sealed class EvaluationJobs(GradeStore grades, Xinyong.Application.Inspections.InspectionResults inspections, JobContext context) : SupervisedJob(context)
{
    /// <inheritdoc />
    public override string Name => "evaluation";

    /// <inheritdoc />
    public override void RunOnce()
    {
        var written = inspections.WriteMissingRecords();
        if (written > 0) Log.LogInformation("evaluation: credit records written for {Count} inspection results", written);
        var n = grades.RegradeChanged();
        if (n > 0) Log.LogInformation("evaluation: {Count} subjects re-graded", n);
    }
}

/// <summary>A published version of the evaluation model (Art. 47) with its full text and whether it is in force.</summary>
public sealed record PublishedModel(string Version, DateOnly Effective, bool InForce, string PublishedBy, string Basis, string Text);
