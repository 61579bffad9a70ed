using Xinyong.Application.Cases;
using Xinyong.Application.Complaints;

namespace Xinyong.Web.Features.Complaints;

/// <summary>A complaint as the API and the pages show it.</summary>
public sealed record ComplaintView(
    long Id, string Number, string State, string StateLabel, int Version, ComplaintData Complaint, string Complainant, DateTimeOffset OpenedAt,
    DateOnly? AnswerDue, IReadOnlyList<ComplaintStepView> Steps);

/// <summary>One entry of a complaint's history.</summary>
public sealed record ComplaintStepView(DateTimeOffset At, string Kind, string Actor, string? Detail);

/// <summary>
/// Complaints against information collectors (Art. 41 (2), 43 (2)): the public registry of collectors, the public
/// complaint, and the credit agency's steps (accept, not accept, note, answer in writing within 20 working days).
/// </summary>
public static class ComplaintEndpoints
{
    /// <summary>A collector to register.</summary>
    public sealed record CollectorBody(string? Code, string? Name, string? Uscc, string? Kind, string? Region, string? Business);

    /// <summary>A complaint.</summary>
    public sealed record ComplaintBody(string? Collector, string? Name, string? Contact, string? Facts, string? Request);

    /// <summary>An action on a complaint.</summary>
    public sealed record ActionBody(string? Text, int? Version);

    /// <summary>Registers the services (one line in the host).</summary>
    public static IServiceCollection AddComplaints(this IServiceCollection s)
    {
        s.AddSingleton<Xinyong.Storage.Complaints.CollectorStore>();
        s.AddSingleton<CollectorRegistry>();
        s.AddSingleton<ComplaintDesk>();
        s.AddSingleton<CaseKindRules, ComplaintRules>();
        return s;
    }

    /// <summary>The view of a case.</summary>
    public static ComplaintView View(CaseEngine engine, CaseFile f, IReadOnlyList<CaseParty> parties)
    {
        var def = engine.Kinds[f.Kind];
        var answer = engine.Steps(f).LastOrDefault(d => d.Code == "complaint-answer");
        return new ComplaintView(f.Id, f.Number, f.State, def.State(f.State).Name, f.Version, CaseContext.ReadData<ComplaintData>(f),
            parties.FirstOrDefault(p => p.Role == "complainant")?.Name ?? "", f.OpenedAt, answer?.DueOn,
            engine.History(f).Select(h => new ComplaintStepView(h.At, h.Kind, h.ActorName, h.Detail)).ToList());
    }

    /// <summary>The actor of a caller: an account, a signed-in subject, or a member of the public.</summary>
    public static CaseActor ActorOf(Caller? caller) => caller switch
    {
        { Account: { } a } => CaseActor.Of(a),
        { Subject: { } s } => new CaseActor(Actor.Of(s), null, s.Id),
        _ => new CaseActor(new Actor("public", "投诉人（网上提交）"), null),
    };

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Complaints");

        g.MapGet("/collectors", (CollectorRegistry registry) => TypedResults.Ok(registry.All()))
            .RequireRule(AccessRules.Public)
            .WithSummary("The registry of credit-service firms and other collectors of non-public credit information (Art. 41 (2), 43 (2))");

        g.MapPost("/collectors", async (CollectorBody body, HttpContext http, CollectorRegistry registry) =>
        {
            var caller = await Callers.Of(http);
            if (caller?.Account is not { } a || !StaffAccess.IsAgency(a)) throw Refusal.Forbidden("collector.forbidden", "只有公共信用工作机构的工作人员可以登记信息采集单位");
            var c = registry.Register(body.Code ?? "", body.Name ?? "", body.Uscc, body.Kind ?? "", body.Region, body.Business, a.Code);
            return TypedResults.Created((string?)null, c);
        })
        .RequireRule(AccessRules.DecidingStaff)
        .WithSummary("Register (or update) a collector: the credit agency's staff")
        .WithDescription("Body: {\"code\",\"name\",\"uscc\"?,\"kind\": credit-service|other,\"region\"?,\"business\"?}.");

        g.MapPost("/complaints", async (ComplaintBody body, HttpContext http, ComplaintDesk desk, CaseEngine engine) =>
        {
            var caller = await Callers.Of(http);
            var f = desk.File(new NewComplaint(body.Collector ?? "", body.Name ?? "", body.Contact ?? "", body.Facts ?? "", body.Request, caller?.Subject?.Id), ActorOf(caller));
            return TypedResults.Created((string?)null, View(engine, f, engine.Cases.Parties(f.Id)));
        })
        .RequireRule(AccessRules.Public)
        .RequireRateLimiting(Publication.PublicRateLimit.Policy)
        .WithSummary("Complain about a collector of non-public credit information (Art. 41 (2)): answered in writing within 20 working days of acceptance")
        .WithDescription("Body: {\"collector\" (registry code),\"name\",\"contact\",\"facts\",\"request\"?}. 201 with the case number.");

        g.MapGet("/complaints", async (HttpContext http, CaseEngine engine) =>
        {
            var caller = await Callers.Of(http);
            if (caller?.Account is not { } a || !StaffAccess.ReadsAllUnits(a)) throw Refusal.Forbidden("complaint.forbidden", "无权查看投诉");
            return TypedResults.Ok(engine.Cases.List(ComplaintDesk.Kind).Select(f => View(engine, f, engine.Cases.Parties(f.Id))).ToList());
        })
        .RequireRule(AccessRules.Staff)
        .WithSummary("The complaints (credit agency, authority and auditors)");

        g.MapGet("/complaints/{id:long}", async (long id, HttpContext http, CaseEngine engine) =>
        {
            var (f, parties) = engine.Read(id, ActorOf(await Callers.Of(http)));
            if (f.Kind != ComplaintDesk.Kind) throw Refusal.NotFound("complaint.unknown", $"没有编号为{id}的投诉");
            return TypedResults.Ok(View(engine, f, parties));
        })
        .RequireRule(AccessRules.Cases)
        .WithSummary("A complaint with its answer deadline and history: the complainant (signed in) or staff");

        foreach (var step in new[] { "acceptance", "non-acceptance", "notes", "answer" })
            g.MapPost($"/complaints/{{id:long}}/{step}", async (long id, ActionBody body, HttpContext http, ComplaintDesk desk, CaseEngine engine) =>
            {
                var who = ActorOf(await Callers.Of(http));
                var f = step switch
                {
                    "acceptance" => desk.Accept(id, who, body.Version),
                    "non-acceptance" => desk.NotAccept(id, body.Text, who, body.Version),
                    "notes" => desk.Note(id, body.Text, who, body.Version),
                    _ => desk.Answer(id, body.Text, who, body.Version),
                };
                return TypedResults.Ok(View(engine, f, engine.Cases.Parties(f.Id)));
            })
            .RequireRule(AccessRules.DecidingStaff)
            .WithSummary($"Complaint step {step}: acceptance, non-acceptance (text = reasons), notes (text), answer (text = the written answer)")
            .WithDescription("Body: {\"text\"?,\"version\"?}.");
    }
}
