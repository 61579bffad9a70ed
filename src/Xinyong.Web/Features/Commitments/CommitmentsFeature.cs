using System.Globalization;
using Xinyong.Application.Cases;
using Xinyong.Application.Commitments;
using Xinyong.Commitments;
using Xinyong.Cases;
using Xinyong.Storage.Commitments;

namespace Xinyong.Web.Features.Commitments;

/// <summary>The body of a new commitment (dates as yyyy-MM-dd).</summary>
public sealed record CommitmentBody(string? Subject, string? SubjectName, string? Matter, string? Type, string? Text, string? DecisionDate, string? Decision);

/// <summary>The body of a verification.</summary>
public sealed record VerificationBody(string? Outcome, string? Reason, string? RectifyBy, string? Finding, string? DecisionNo, string? Measure);

/// <summary>The body of 容缺 materials received.</summary>
public sealed record MaterialsBody(string? DecisionDate, string? Note);

/// <summary>
/// 信用承诺 (issue 14; Art. 42, 45, 46, 50): the matters that accept commitments, intake by a licensing unit with the
/// eligibility check, 容缺 materials, the two-month verification and its outcomes, the public list and the figures.
/// </summary>
public static class CommitmentsFeature
{
    /// <summary>Registers the rules, the store, the desk and the kind's domain rules.</summary>
    public static IServiceCollection AddCommitments(this IServiceCollection s)
    {
        s.AddSingleton(sp => CommitmentRules.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddSingleton<CommitmentStore>();
        s.AddSingleton<CommitmentDesk>();
        s.AddSingleton<CommitmentViews>();
        s.AddSingleton<CaseKindRules, CommitmentKindRules>();
        return s;
    }

    /// <summary>The unit a caller accepts and verifies commitments for: a department its own code, deciding staff their unit.</summary>
    public static string? UnitOf(Account? a) =>
        a is null ? null
        : a.Kind == AccountKinds.Department ? a.Code
        : StaffAccess.Decides(a) ? UnitDirectory.UnitOf(a)
        : null;

    /// <summary>A date field (yyyy-MM-dd), or null when empty.</summary>
    public static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw Refusal.Invalid("commitment.date", $"“{value.Trim()}”不是日期（格式如2026-09-30）");

    /// <summary>Checks the rules against the deadline rules and the measures at start: every period and the eligibility scenario exist.</summary>
    public static void Validate(IServiceProvider sp)
    {
        var rules = sp.GetRequiredService<CommitmentRules>();
        var deadlines = sp.GetRequiredService<DeadlineCalculator>().Rules;
        var today = sp.GetRequiredService<TimeProvider>().Today();
        foreach (var code in rules.StepCodes.Append(CommitmentDesk.VerificationStep).Append(CommitmentDesk.RectificationStep))
            if (!deadlines.For(today).Rules.ContainsKey(code))
                throw new CommitmentRulesException($"commitments: period '{code}' has no rule in data/deadlines");
        var measures = sp.GetRequiredService<Xinyong.Measures.MeasuresSet>().Current;
        foreach (var v in rules.Versions)
            if (measures.ScenarioOf(v.Eligibility.Scenario) is null)
                throw new CommitmentRulesException($"commitments {v.Version}: eligibility scenario '{v.Eligibility.Scenario}' is not a scenario of data/measures");
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        Validate(app.Services);
        var g = app.MapGroup("/api/v1").WithTags("Commitments");

        g.MapGet("/matters", (CommitmentDesk desk, CommitmentViews views) => TypedResults.Ok(views.Matters(desk.Current)))
            .RequireRule(AccessRules.Public)
            .WithSummary("The matters that accept credit commitments, with their types, standard text, 容缺 materials and period, and verifying unit (public)");

        g.MapPost("/commitments", async (CommitmentBody b, HttpContext http, CommitmentDesk desk, CommitmentViews views) =>
        {
            var account = http.AccountOf()!;
            var unit = UnitOf(account) ?? throw Refusal.Forbidden("commitment.forbidden", "只有办理单位（部门账户或其办理人员）可以受理信用承诺");
            var row = await desk.Accept(new CommitmentIntake(b.Subject, b.Matter, b.Type, b.Text, Date(b.DecisionDate, "decisionDate"), b.Decision, b.SubjectName),
                CaseActor.Of(account), unit, CommitmentChannels.Unit);
            return TypedResults.Created((string?)null, views.Of(row));
        })
        .RequireRule(AccessRules.CommitmentDesk)
        .WithSummary("Accept a credit commitment (a licensing unit): eligibility checked first (Art. 45 (1)), 422 code=ineligible with the reason and measure C-45")
        .WithDescription("Body: {subject, matter, type, text, decisionDate (yyyy-MM-dd), decision, subjectName (only for a subject the platform does not hold)}. Answers 201 {id, number, verificationDue, materialsDue, …}.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        g.MapPost("/commitments/{id:long}/verification", (long id, VerificationBody b, HttpContext http, CommitmentDesk desk, CommitmentViews views) =>
        {
            var row = desk.Verify(id, new CommitmentVerification(b.Outcome, b.Reason, Date(b.RectifyBy, "rectifyBy"), b.Finding, b.DecisionNo, b.Measure), CaseActor.Of(http.AccountOf()!));
            return TypedResults.Ok(views.Of(row));
        })
        .RequireRule(AccessRules.CommitmentDesk)
        .WithSummary("Enter the verification of a commitment (Art. 46): fulfilled, rectify (by rectifyBy) or breached (writes the commitment-breach record)")
        .WithDescription("Body: {outcome: fulfilled|rectify|breached, reason, rectifyBy (yyyy-MM-dd, rectify), finding: 未履行承诺|虚假承诺 (breached), decisionNo, measure}.")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapPost("/commitments/{id:long}/materials", (long id, MaterialsBody b, HttpContext http, CommitmentDesk desk, CommitmentViews views) =>
        {
            var row = desk.MaterialsReceived(id, Date(b.DecisionDate, "decisionDate"), b.Note, CaseActor.Of(http.AccountOf()!));
            return TypedResults.Ok(views.Of(row));
        })
        .RequireRule(AccessRules.CommitmentDesk)
        .WithSummary("容缺受理: the missing materials arrived and the decision was made on the spot (Art. 45 (2)); opens the verification")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("/commitments", (string? subject, string? matter, string? unit, int? page, CommitmentStore store, CommitmentViews views) =>
        {
            var p = Math.Max(1, page ?? 1);
            var (rows, total) = store.Search(new CommitmentQuery(subject, matter, unit, 50, (p - 1) * 50));
            return TypedResults.Ok(new CommitmentPage(total, p, rows.Select(views.Of).ToList()));
        })
        .RequireRule(AccessRules.Public)
        .WithSummary("信用承诺公示 (Art. 50): commitments, searchable by subject (code or name), matter and unit (public)");

        g.MapGet("/commitments/{id:long}", (long id, CommitmentStore store, CommitmentViews views) =>
                store.Get(id) is { } row ? TypedResults.Ok(views.Of(row)) : throw Refusal.NotFound("commitment.not-found", $"没有编号为{id}的信用承诺"))
            .RequireRule(AccessRules.Public)
            .WithSummary("One commitment as published (Art. 50, public)");

        g.MapGet("/commitments/figures", (string? from, string? to, CommitmentViews views, TimeProvider clock) =>
        {
            var end = Date(to, "to") ?? clock.Today();
            return TypedResults.Ok(views.Figures(Date(from, "from") ?? new DateOnly(end.Year, 1, 1), end));
        })
        .RequireRule(AccessRules.Oversight)
        .WithSummary("Figures for the credit agency: commitments by matter and type, verification on time, breach rate");
    }
}
