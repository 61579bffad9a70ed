using Xinyong.Reorganisations;
using Xinyong.Application.Cases;
using Xinyong.Application.Reorganisations;
using Xinyong.Storage.Reorganisations;
using Xinyong.Web.Features.Commitments;
using Xinyong.Web.Features.Complaints;

namespace Xinyong.Web.Features.Reorganisations;

/// <summary>A reorganisation as the API and the staff page show it.</summary>
public sealed record ReorganisationView(
    long Id, string Number, string Subject, string SubjectName, string Kind, string KindName, string Court, string RulingNo, DateOnly RulingDate,
    DateOnly PlanFrom, DateOnly PlanTo, string State, string StateName, int Version, DateOnly? EndedOn, DateOnly? OutcomeDue, string Reason,
    IReadOnlyList<ComplaintStepView> Steps);

/// <summary>
/// Bankruptcy reorganisation and settlement (国办发〔2025〕22号): the credit agency records the court's ruling, and later
/// the plan's completion (the covered dishonesty is repaired, measures end) or failure (measures apply again).
/// </summary>
public static class ReorganisationEndpoints
{
    /// <summary>A ruling (dates yyyy-MM-dd).</summary>
    public sealed record RulingBody(string? Subject, string? Kind, string? Court, string? RulingNo, string? RulingDate, string? PlanFrom, string? PlanTo);

    /// <summary>An outcome: a note (completion) or the reasons (failure).</summary>
    public sealed record OutcomeBody(string? Text, int? Version);

    /// <summary>Registers the services (one line in the host).</summary>
    public static IServiceCollection AddReorganisations(this IServiceCollection s)
    {
        s.AddSingleton<ReorganisationStore>();
        s.AddSingleton<ReorganisationDesk>();
        s.AddSingleton<CaseKindRules, ReorganisationKindRules>();
        return s;
    }

    /// <summary>The view of a reorganisation.</summary>
    public static ReorganisationView View(CaseEngine engine, Reorganisation r)
    {
        var f = engine.Cases.Get(r.Id)!;
        var def = engine.Kinds[f.Kind];
        var due = engine.Steps(f).LastOrDefault(d => d.Code == ReorganisationDesk.OutcomeStep);
        return new ReorganisationView(r.Id, r.Number, r.SubjectRef, r.SubjectName, r.Kind, r.KindName, r.Court, r.RulingNo, r.RulingDate, r.PlanFrom, r.PlanTo,
            f.State, def.State(f.State).Name, f.Version, r.EndedOn, due?.DueOn, r.SuspensionReason,
            engine.History(f).Select(h => new ComplaintStepView(h.At, h.Kind, h.ActorName, h.Detail)).ToList());
    }

    /// <summary>Records a ruling for a caller (the credit agency's staff).</summary>
    public static Reorganisation Record(ReorganisationDesk desk, Account? a, RulingBody b)
    {
        if (a is null || !StaffAccess.IsAgency(a)) throw Refusal.Forbidden("reorganisation.forbidden", "只有公共信用工作机构的工作人员可以记录破产重整、和解裁定");
        return desk.Record(new NewReorganisation(b.Subject, b.Kind, b.Court, b.RulingNo, CommitmentsFeature.Date(b.RulingDate, "rulingDate"),
            CommitmentsFeature.Date(b.PlanFrom, "planFrom"), CommitmentsFeature.Date(b.PlanTo, "planTo")), CaseActor.Of(a));
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/reorganisations").WithTags("Reorganisations");

        g.MapPost("", async (RulingBody body, HttpContext http, ReorganisationDesk desk, CaseEngine engine) =>
        {
            var r = Record(desk, (await Callers.Of(http))?.Account, body);
            return Results.Json(View(engine, r), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        })
        .RequireRule(AccessRules.DecidingStaff)
        .WithSummary("Record a court ruling approving a reorganisation plan or settlement (the credit agency): the measures based on dishonesty decided by then are suspended")
        .WithDescription("Body: {\"subject\" (USCC),\"kind\": plan|settlement,\"court\",\"rulingNo\",\"rulingDate\",\"planFrom\"?,\"planTo\"} (dates yyyy-MM-dd). 201 with the case.")
        .Produces<ReorganisationView>(StatusCodes.Status201Created);

        g.MapGet("", async (HttpContext http, ReorganisationDesk desk, CaseEngine engine) =>
        {
            if ((await Callers.Of(http))?.Account is not { } a || !StaffAccess.ReadsAllUnits(a)) throw Refusal.Forbidden("reorganisation.forbidden", "无权查看破产重整、和解记录");
            return Results.Json(desk.All().Select(r => View(engine, r)).ToList(), ApiJson.Options);
        })
        .RequireRule(AccessRules.Oversight)
        .WithSummary("The recorded reorganisations, those in force first (the credit agency, the authority, auditors)")
        .Produces<IReadOnlyList<ReorganisationView>>();

        g.MapGet("/{id:long}", async (long id, HttpContext http, ReorganisationDesk desk, CaseEngine engine) =>
        {
            var (f, _) = engine.Read(id, ComplaintEndpoints.ActorOf(await Callers.Of(http)));
            if (f.Kind != ReorganisationDesk.Kind) throw Refusal.NotFound("reorganisation.not-found", $"没有编号为{id}的破产重整（和解）记录");
            return Results.Json(View(engine, desk.Get(id)), ApiJson.Options);
        })
        .RequireRule(AccessRules.Cases)
        .WithSummary("One reorganisation with its history: the subject (signed in) or staff")
        .Produces<ReorganisationView>();

        foreach (var step in new[] { "completion", "failure" })
            g.MapPost($"/{{id:long}}/{step}", async (long id, OutcomeBody body, HttpContext http, ReorganisationDesk desk, CaseEngine engine) =>
            {
                var who = ComplaintEndpoints.ActorOf(await Callers.Of(http));
                var r = step == "completion" ? desk.Complete(id, body.Text, who, body.Version) : desk.Fail(id, body.Text, who, body.Version);
                return Results.Json(View(engine, r), ApiJson.Options);
            })
            .RequireRule(AccessRules.DecidingStaff)
            .WithSummary(step == "completion"
                ? "The plan was performed: the dishonesty decided by the ruling is repaired and its measures end"
                : "The plan failed: the suspended measures apply again (text = what happened, required)")
            .WithDescription("Body: {\"text\"?,\"version\"?}.")
            .Produces<ReorganisationView>();
    }
}
