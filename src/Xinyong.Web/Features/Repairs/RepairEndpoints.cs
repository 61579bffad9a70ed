using System.Text.Json;
using Xinyong.Cases;
using Xinyong.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Features.Repairs;

/// <summary>
/// Credit repair (信用修复, Art. 40; 《黑龙江省“十四五”社会信用体系建设规划》三（三）): applications by the subject or entered by staff, acceptance and
/// decision by the deciding unit or the credit agency on published deadlines, and the published rules.
/// </summary>
public static class RepairEndpoints
{

    /// <summary>A piece of evidence.</summary>
    public sealed record EvidenceBody(string? Kind, string? Description, AttachmentBody? File);

    /// <summary>An application.</summary>
    public sealed record ApplyBody(JsonElement? RecordId, string? Statement, ApplicantBody? Applicant, string? To, List<EvidenceBody>? Evidence, string? ReceivedOn, string? Commitment = null);

    /// <summary>Acceptance.</summary>
    public sealed record AcceptanceBody(bool? Accept, string? Reasons);

    /// <summary>Decision.</summary>
    public sealed record DecisionBody(string? Outcome, string? Reasons);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/repair-rules", (RepairViews views) => Results.Json(views.Rules(), ApiJson.Options))
            .WithTags("Repairs")
            .RequireRule(AccessRules.Public)
            .WithSummary("The published conditions, evidence, minimum periods, procedure and each unit's deadlines of credit repair (《黑龙江省“十四五”社会信用体系建设规划》三（三）)")
            .Produces<RepairRulesView>();

        var g = app.MapGroup("/api/v1/repairs").WithTags("Repairs");

        g.MapPost("", (ApplyBody body, HttpContext http, RepairDesk desk, RepairViews views) => CaseResults.Run(http, caller =>
        {
            var filer = caller.Subject is { } s ? Filer.Online(s) : Filer.Paper(caller.Account!);
            var recordId = CaseResults.Id(body.RecordId, "recordId") ?? throw Refusal.Invalid("repair.invalid-record-id", "须指明申请修复的信用记录");
            var evidence = (body.Evidence ?? []).Select(e => new NewEvidence(e.Kind?.Trim() ?? "", e.Description ?? "",
                e.File is null ? null : CaseResults.Files([e.File]).Single())).ToList();
            var row = desk.Apply(new NewRepair(recordId, body.Statement ?? "", body.Applicant?.Name ?? "", body.Applicant?.Contact ?? "", body.To, evidence,
                CaseResults.Date(body.ReceivedOn, "receivedOn")) { Commitment = body.Commitment }, filer);
            return Results.Created($"/api/v1/repairs/{row.Id}", views.View(row));
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Apply for credit repair (信用修复申请, Art. 40)")
        .WithMetadata(new BodyLimitAttribute(BodySize.Upload))
        .WithDescription("Body: {\"recordId\",\"commitment\" (the applicant's public credit commitment, required; published with the repair),\"statement\",\"applicant\":{\"name\",\"contact\"},\"to\"?: unit|agency,\"evidence\":[{\"kind\",\"description\",\"file\"?:{\"fileName\",\"contentType\",\"content\"}}],\"receivedOn\"? (staff)}. " +
                         "The evidence kinds are those the item's repair rule names (GET /api/v1/repair-rules). 201 with id, status, acceptanceDue and decisionDue; " +
                         "422 with the reason and, before the minimum disclosure period has ended, earliestDate; 422 with code repair.commitment-missing and field commitment without the commitment.")
        .Produces<RepairView>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        g.MapGet("", (HttpContext http, RepairDesk desk, RepairViews views, CaseReads reads) => CaseResults.Run(http, caller =>
        {
            if (caller.Subject is { } s) return Results.Json(views.Summaries(desk.OfSubject(s.Id)), ApiJson.Options);
            var staff = caller.Staff;
            var rows = desk.OfUnit(CaseReads.Scope(staff));
            reads.Listed(staff, rows.Select(r => r.SubjectId), "信用修复申请列表", "api");
            return Results.Json(views.Summaries(rows), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("The caller's applications: a subject's own, or those of a staff member's unit (all for the credit agency)")
        .Produces<IReadOnlyList<RepairSummary>>();

        g.MapGet("/{id:long}", (long id, HttpContext http, RepairViews views) => CaseResults.Run(http, caller => Results.Json(views.For(caller, id, "api"), ApiJson.Options)))
            .RequireRule(AccessRules.Cases)
            .WithSummary("An application with its progress, deadlines and history")
            .Produces<RepairView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        g.MapPost("/{id:long}/acceptance", (long id, AcceptanceBody body, HttpContext http, RepairDesk desk, RepairViews views) => CaseResults.Run(http, caller =>
        {
            var accept = body.Accept ?? throw Refusal.Invalid("repair.invalid-accept", "须为 true（受理）或 false（不予受理）");
            return Results.Json(views.View(desk.Accept(id, caller.Staff, accept, body.Reasons)), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Accept (受理) or not accept with reasons")
        .WithDescription("Body: {\"accept\": true|false, \"reasons\"}. The decision is then due within the unit's published period from acceptance.")
        .Produces<RepairView>()
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapPost("/{id:long}/decision", (long id, DecisionBody body, HttpContext http, RepairDesk desk, RepairViews views) => CaseResults.Run(http, caller =>
        {
            var outcome = Statuses.Of<RepairStatus>(body.Outcome);
            var complete = outcome == RepairStatus.Completed ? true
                : outcome == RepairStatus.Refused ? false
                : throw Refusal.Invalid("repair.invalid-outcome", "须为 completed（修复完成）或 refused（不予修复）");
            return Results.Json(views.View(desk.Decide(id, caller.Staff, complete, body.Reasons)), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Decide: completed (publication stops, list entries end, measures end at once) or refused with reasons")
        .WithDescription("Body: {\"outcome\": completed|refused, \"reasons\"}.")
        .Produces<RepairView>()
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("/{id:long}/attachments/{attachmentId:long}", (long id, long attachmentId, HttpContext http, RepairViews views, CaseAttachments files) =>
            CaseResults.Run(http, caller =>
            {
                views.For(caller, id, "api");
                var f = files.Get(CaseKinds.Repair, id, attachmentId) ?? throw Refusal.NotFound("repair.not-found", $"没有编号为{attachmentId}的附件");
                return AttachmentDownload.Of(f.Content, f.Info.ContentType, f.Info.FileName);
            }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("A file of a repair application")
        .ProducesFile();
    }
}
