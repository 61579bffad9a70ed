using Xinyong.Cases;
using Xinyong.Web.Features.Notifications;
using Xinyong.Web.Features.Objections;
using Xinyong.Web.Features.Repairs;

namespace Xinyong.Web.Features.Cases;

/// <summary>The staff worklist (<c>GET /api/v1/worklist</c>) and the mapping of every endpoint of the subject's rights.</summary>
public static class WorklistEndpoints
{
    /// <summary>
    /// The units whose worklist a caller sees: a staff member its unit's, the agency's staff every unit (or the one asked
    /// for); a unit's own account (a department asked to help, a holder of copies) its own steps.
    /// </summary>
    public static IReadOnlyCollection<string>? UnitsOf(Caller caller, string? unit) =>
        caller.SeesAllUnits ? string.IsNullOrWhiteSpace(unit) ? null : [unit.Trim()]
        : caller.IsStaff ? [StaffAccess.CaseScope(caller.Staff)!]
        : caller.Account is { } a ? [a.Code]
        : throw Refusal.Forbidden("worklist.forbidden", "待办事项供单位和工作人员查看");

    /// <summary>Maps the worklist and the objection, repair, correction and notification endpoints.</summary>
    public static void MapCases(this WebApplication app)
    {
        app.MapGet("/api/v1/worklist", (string? unit, string? state, HttpContext http, CaseViews cases, CaseReads reads) => CaseResults.Run(http, caller =>
        {
            var items = cases.Worklist(UnitsOf(caller, unit));
            reads.ListedRefs(caller.Account!, items.Select(i => i.SubjectRef), "待办事项列表", "api");
            return Results.Json(string.IsNullOrWhiteSpace(state) ? items : items.Where(i => i.State == state).ToList(), ApiJson.Options);
        }))
        .WithTags("Deadlines")
        .RequireRule(AccessRules.Cases)
        .WithSummary("The open steps of the caller's unit, earliest due first, with due-today and overdue marked")
        .WithDescription("Query: unit (credit agency staff: one unit; default all), state (upcoming, due-today, overdue). Every item carries its due date, whether it is provisional, and its basis.")
        .Produces<IReadOnlyList<WorkItem>>();

        ObjectionEndpoints.Map(app);
        CorrectionEndpoints.Map(app);
        RepairEndpoints.Map(app);
        NotificationEndpoints.Map(app);
    }
}
