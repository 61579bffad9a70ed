using Xinyong.Inspections;
using Xinyong.Storage.Evaluation;
using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Features.Inspections;

/// <summary>
/// 双随机 inspection draws on the platform (Art. 48; 《优化营商环境条例》第五十四条): a department publishes a plan with its
/// rosters (commitment), draws it from a public value after the announced moment, and anyone reads the published draw
/// and verifies it (<c>xinyong draw verify</c>, <c>/inspections/verify</c>).
/// </summary>
public static class InspectionEndpoints
{
    /// <summary>A target roster built from the store: a region prefix and optionally some grades.</summary>
    public sealed record RosterQuery(string? Region, string[]? Grades);

    /// <summary>The body of a new plan.</summary>
    public sealed record PlanBody(string? Code, string? Name, string? Scope, string[]? Departments, DateTimeOffset? SeedAt, string? SeedSource,
        DrawTarget[]? Targets, RosterQuery? TargetsFrom, DrawInspector[]? Inspectors);

    /// <summary>The body of a draw: the public value and its source.</summary>
    public sealed record SeedBody(string? PublicValue, string? Source);

    /// <summary>The body of an inspection result.</summary>
    public sealed record ResultBody(string? Target, DateOnly? InspectedOn, string? Outcome, string? Summary, ItemResult[]? Items, string? PenaltyDecision);

    /// <summary>Registers the services.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection s)
    {
        s.AddSingleton(sp => InspectionRules.Load(Path.Combine(sp.GetRequiredService<RulesFolder>().Path, "inspections"), sp.GetRequiredService<TimeProvider>().Today()));
        s.AddSingleton<InspectionDraws>();
        s.AddSingleton<InspectionResultStore>();
        s.AddSingleton<InspectionRecords>();
        s.AddSingleton<InspectionPlanSchedule>();
        s.AddSingleton<InspectionResults>();
        s.AddSingleton<InspectionDesk>();
        return s;
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<InspectionRules>();
        var g = app.MapGroup("/api/v1/inspections").WithTags("Inspections");
        // Reads are public (一公开); publishing, drawing and entering results are a department's (checked per plan inside).
        g.MapPost("/plans", (PlanBody b, HttpContext http, InspectionDesk desk, InspectionDraws draws) =>
        {
            var dept = http.AccountOf()!;
            if (string.IsNullOrWhiteSpace(b.Code) || string.IsNullOrWhiteSpace(b.Name))
                throw Refusal.Invalid("inspection.invalid", "code和name为必填项（抽查计划编号和名称）");
            if (b.SeedAt is null || string.IsNullOrWhiteSpace(b.SeedSource))
                throw Refusal.Invalid("inspection.invalid", "seedAt和seedSource为必填项（取种时间和公开随机数来源）");
            var targets = (b.Targets is { Length: > 0 } t ? t : b.TargetsFrom is { Region: { Length: > 0 } region } q ? draws.RosterFromStore(region, q.Grades) : null)
                ?? throw Refusal.Invalid("inspection.invalid", "须提供检查对象名录（targets）或者按地区、信用等级从平台生成（targetsFrom）");
            var stored = desk.Publish(dept.Code, b.Code.Trim(), b.Name.Trim(), b.Scope ?? "", b.Departments is { Length: > 0 } d ? d : [dept.Code], b.SeedAt.Value, b.SeedSource,
                targets, b.Inspectors ?? []);
            return Results.Text(stored.Json, "application/json", statusCode: 201);
        })
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithMetadata(new BodyLimitAttribute(BodySize.Upload))   // rosters of thousands of targets and inspectors
        .WithSummary("Publish an inspection plan with its rosters: the commitment (hashes) and the moment the seed will be taken (departments)")
        .WithDescription("Body: {code,name,scope,departments:[…],seedAt,seedSource,targets:[{code,name,region,industry,grade,registrationUnit}] or targetsFrom:{region,grades},inspectors:[{id,name,department,unit,qualifications,conflicts:[{kind,target}]}]}. Answers the published document (format xinyong-draw/1).")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .Produces<DrawDocument>(StatusCodes.Status201Created);

        g.MapPost("/plans/{code}/draw", (string code, SeedBody b, HttpContext http, InspectionDesk desk) =>
            Results.Text(desk.Draw(code, http.AccountOf()!.Code, b.PublicValue ?? "", b.Source ?? "").Json, "application/json"))
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Draw a published plan from a public value taken at or after the announced moment (the publishing department, once)")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .Produces<DrawDocument>();

        g.MapGet("/plans/{code}", (string code, InspectionDraws draws) =>
                Results.Text((draws.Get(code) ?? throw Refusal.NotFound("inspection.not-found", $"没有编号为{code}的抽查计划")).Json, "application/json"))
            .RequireRule(AccessRules.Public)
            .WithSummary("The published draw (format xinyong-draw/1): plan, rosters, commitment, seed and result; verify it with `xinyong draw verify FILE` (public)")
            .ProducesProblem(StatusCodes.Status404NotFound)
        .Produces<DrawDocument>();

        g.MapPost("/plans/{code}/results", (string code, ResultBody b, HttpContext http, InspectionDesk desk, TimeProvider clock) =>
            Results.Json(desk.Enter(http.AccountOf()!.Code, code, b.Target ?? "", b.InspectedOn ?? clock.Today(), b.Outcome ?? "", b.Summary ?? "", b.Items ?? [], b.PenaltyDecision),
                ApiJson.Options, statusCode: 201))
        .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
        .WithSummary("Enter and publish an inspection's result (一公开): items, outcome, any penalty decision (a department of the inspection, once)")
        .WithDescription("Body: {target, inspectedOn, outcome: compliant|issues-corrected|penalized|not-found, summary, items:[{code,result}] (every item drawn), penaltyDecision}.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .Produces<InspectionResult>(StatusCodes.Status201Created);

        g.MapGet("/plans/{code}/results", (string code, InspectionResults results) => Results.Json(results.Of(code), ApiJson.Options))
            .RequireRule(AccessRules.Public)
            .WithSummary("The published results of a plan (public)")
        .Produces<IReadOnlyList<InspectionResult>>();

        g.MapGet("/worklist", (HttpContext http, InspectionResults results) => Results.Json(results.Worklist(http.AccountOf()!.Code), ApiJson.Options))
            .RequireAuthorization(Policies.Department)
        .RequireRule(AccessRules.Department)
            .WithSummary("The department's drawn inspections whose result is not in, with the day it is due and whether it is overdue")
        .Produces<IReadOnlyList<PendingResult>>();

        g.MapGet("/schedule", (HttpContext http, InspectionPlanSchedule schedule) => Results.Json(schedule.Of(http.AccountOf()!.Code), ApiJson.Options))
            .RequireAuthorization(Policies.Department)
            .RequireRule(AccessRules.Department)
            .WithSummary("The department's tiered frequency (Art. 48): per grade, plans a year and ratio from the rules, the current period, the last draw that covered the grade, and the day the next one is due")
        .Produces<IReadOnlyList<TierDue>>();

        g.MapGet("/plans", (InspectionDraws draws) => Results.Json(draws.List().Select(x => new PublishedPlan(
                x.Code, x.Department, x.Status, x.PublishedAt.ToOffset(ChinaTime.Offset), x.SeedAt.ToOffset(ChinaTime.Offset))), ApiJson.Options))
            .RequireRule(AccessRules.Public)
            .WithSummary("The published inspection plans (public)")
        .Produces<IReadOnlyList<PublishedPlan>>();
    }
}

/// <summary>A published inspection plan in the list of plans.</summary>
public sealed record PublishedPlan(string Code, string Department, string Status, DateTimeOffset PublishedAt, DateTimeOffset SeedAt);
