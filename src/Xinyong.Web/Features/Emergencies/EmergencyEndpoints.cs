using Xinyong.Emergencies;
using Xinyong.Storage;
using Xinyong.Storage.Emergencies;
using Xinyong.Application.Emergencies;
using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Features.Emergencies;

/// <summary>A declaration as published: its state on the day asked.</summary>
public sealed record EmergencyView(string Code, string Kind, string Name, IReadOnlyList<string> Regions, DateOnly From, DateOnly To,
    int PerformanceExtensionDays, int? RepairDecisionWorkingDays, bool HoldRecords, string DeclaredBy, string Basis, string Source, string State, string StateName)
{
    /// <summary>The view of a declaration on <paramref name="today"/>.</summary>
    public static EmergencyView Of(EmergencyDeclaration d, DateOnly today)
    {
        var state = today < d.From ? "upcoming" : today > d.To ? "ended" : "in-force";
        return new EmergencyView(d.Code, d.Kind, d.Name, d.Regions, d.From, d.To, d.PerformanceExtensionDays, d.RepairDecisionWorkingDays, d.HoldRecords,
            d.DeclaredBy, d.Basis, d.Source, state, state switch { "upcoming" => "尚未开始", "ended" => "已结束", _ => "实施中" });
    }
}

/// <summary>A held record as its provider sees it.</summary>
public sealed record HeldRecordView(long Id, string Item, string ItemName, string Subject, string SubjectName, string? Region, DateOnly? DecidedOn, DateTimeOffset ReceivedAt, string Provider);

/// <summary>
/// Emergencies (《黑龙江省社会信用条例》第三十条第三款、第四款; 《黑龙江省促进中小企业发展条例》第十二条): the public list of
/// declarations, a declaration by the credit authority's or agency's staff, and the provider's confirmation or withdrawal
/// of the negative records held under a declaration (审慎认定).
/// </summary>
public static class EmergencyEndpoints
{
    /// <summary>A declaration (dates yyyy-MM-dd; regions comma separated or a list).</summary>
    public sealed record DeclarationBody(string? Code, string? Kind, string? Name, List<string>? Regions, string? From, string? To,
        int? PerformanceExtensionDays, int? RepairDecisionWorkingDays, bool? HoldRecords, string? DeclaredBy, string? Basis);

    /// <summary>A provider's decision on a held record.</summary>
    public sealed record PublicationBody(bool? Confirm, string? Reason);

    /// <summary>Whether an account may declare: the credit agency's staff, or the credit authority's.</summary>
    public static bool MayDeclare(Account? a) => a is not null && (StaffAccess.IsAgency(a) || a.Kind == AccountKinds.Staff && a.Role == StaffRoles.Authority);

    /// <summary>Declares for a caller.</summary>
    public static EmergencyDeclaration Declare(EmergencyDesk desk, Account? a, DeclarationBody b)
    {
        if (!MayDeclare(a)) throw Refusal.Forbidden("emergency.forbidden", "只有社会信用主管部门或者公共信用工作机构的工作人员可以发布应急声明");
        var from = CommitmentsFeature.Date(b.From, "from") ?? throw Refusal.Invalid("emergency.invalid", "须填写应急期间的第一日");
        var to = CommitmentsFeature.Date(b.To, "to") ?? throw Refusal.Invalid("emergency.invalid", "须填写应急期间的最后一日");
        var regions = (b.Regions ?? []).SelectMany(r => r.Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries)).Select(r => r.Trim()).Distinct().ToList();
        return desk.Declare(new EmergencyDeclaration(b.Code?.Trim() ?? "", b.Kind?.Trim() ?? "", b.Name?.Trim() ?? "", regions, from, to,
            b.PerformanceExtensionDays ?? 0, b.RepairDecisionWorkingDays, b.HoldRecords ?? true,
            string.IsNullOrWhiteSpace(b.DeclaredBy) ? "黑龙江省社会信用主管部门" : b.DeclaredBy.Trim(),
            string.IsNullOrWhiteSpace(b.Basis) ? EmergencyDeclaration.DefaultBasis : b.Basis.Trim(), "staff"), a!.Code);
    }

    /// <summary>The unit whose held records a caller sees and decides: a provider account its own; staff their unit; the agency's staff every unit (null).</summary>
    public static (bool Allowed, string? Unit) UnitOf(Account? a) => EmergencyDesk.UnitOf(a);

    /// <summary>The held records a caller decides.</summary>
    public static IReadOnlyList<HeldRecordView> Held(EmergencyRegistry registry, CatalogSet catalog, Account? a)
    {
        var (allowed, unit) = UnitOf(a);
        if (!allowed) throw Refusal.Forbidden("held.forbidden", "只有认定单位（信息提供单位）可以查看应急期间暂缓公示的失信信息");
        return registry.Held(unit).Select(r => new HeldRecordView(r.Id, r.Item, catalog.Item(r.Item)?.Name ?? r.Item, r.SubjectRef, r.SubjectName, r.Region, r.DecidedOn, r.ReceivedAt, r.Provider)).ToList();
    }

    /// <summary>Confirms or withdraws a held record for a caller; the subject is told (<see cref="EmergencyDesk.Decide"/>).</summary>
    public static void Decide(EmergencyDesk desk, Account? a, long id, PublicationBody b) => desk.Decide(a, id, b.Confirm, b.Reason);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Emergencies");

        g.MapGet("/emergencies", (EmergencyRegistry registry, TimeProvider clock) =>
            Results.Json(registry.All().Select(d => EmergencyView.Of(d, clock.Today())).ToList(), ApiJson.Options))
        .RequireRule(AccessRules.Public)
        .WithSummary("The emergency declarations and their measures (Art. 30 (3), (4)): public")
        .Produces<IReadOnlyList<EmergencyView>>();

        g.MapPost("/emergencies", async (DeclarationBody body, HttpContext http, EmergencyDesk desk, TimeProvider clock) =>
        {
            var d = Declare(desk, (await Callers.Of(http))?.Account, body);
            return Results.Json(EmergencyView.Of(d, clock.Today()), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        })
        .RequireRule(AccessRules.Staff)
        .WithSummary("Declare an emergency (the credit authority's or agency's staff)")
        .WithDescription("Body: {\"code\",\"kind\": 自然灾害|事故灾难|公共卫生事件|社会安全事件,\"name\",\"regions\":[\"230100\"],\"from\",\"to\",\"performanceExtensionDays\"?,\"repairDecisionWorkingDays\"?,\"holdRecords\"? (default true),\"declaredBy\"?,\"basis\"?}.")
        .Produces<EmergencyView>(StatusCodes.Status201Created);

        g.MapGet("/held-records", async (HttpContext http, EmergencyRegistry registry, CatalogSet catalog) =>
            Results.Json(Held(registry, catalog, (await Callers.Of(http))?.Account), ApiJson.Options))
        .RequireRule(AccessRules.Records)
        .WithSummary("The negative records held under an emergency declaration for the deciding unit's confirmation: the provider's own (staff: their unit)")
        .Produces<IReadOnlyList<HeldRecordView>>();

        g.MapPost("/held-records/{id:long}", async (long id, PublicationBody body, HttpContext http, EmergencyDesk desk, RecordReader records) =>
        {
            Decide(desk, (await Callers.Of(http))?.Account, id, body);
            return Results.Json(new HeldDecision(id, records.Get(id)!.Publication), ApiJson.Options);
        })
        .RequireRule(AccessRules.Records)
        .WithSummary("Confirm (publish now) or withdraw (not recognised: not published, shared or used) a held record: its provider")
        .WithDescription("Body: {\"confirm\": true|false,\"reason\" (required to withdraw)}.")
        .Produces<HeldDecision>();
    }
}

/// <summary>A held record after its provider's decision: <c>published</c> (confirmed) or <c>not-published</c> (withdrawn).</summary>
public sealed record HeldDecision(long Id, string Publication);
