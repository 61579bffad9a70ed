using System.Text.Json;
using Xinyong.Cases;
using Xinyong.Objections;
using Xinyong.Application.Objections;

namespace Xinyong.Web.Features.Objections;

/// <summary>
/// Objections (异议, Art. 35, 39): <c>POST /api/v1/objections</c> (a signed-in subject for its own records and list
/// entries, or staff entering a paper application), the objection with its steps and due dates, and the competent
/// unit's steps: assistance, clock pauses, decision.
/// </summary>
public static class ObjectionEndpoints
{

    /// <summary>An objection as filed.</summary>
    public sealed record FileBody(
        JsonElement? RecordId, JsonElement? ListEntryId, string? Ground, string? Reason, ApplicantBody? Applicant, string? ReceivedOn,
        List<AttachmentBody>? Attachments);

    /// <summary>A request for assistance.</summary>
    public sealed record AssistanceBody(string? Unit, string? Question);

    /// <summary>An assistance answer.</summary>
    public sealed record AnswerBody(string? Answer);

    /// <summary>A clock pause.</summary>
    public sealed record PauseBody(string? Kind, string? From, string? To, string? Note);

    /// <summary>The end of a pause.</summary>
    public sealed record PauseEndBody(string? To);

    /// <summary>A decision.</summary>
    public sealed record DecisionBody(string? Outcome, string? Action, string? Reasons, Dictionary<string, JsonElement>? Fields);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/objections").WithTags("Objections");

        g.MapPost("", (FileBody body, HttpContext http, ObjectionDesk desk, ObjectionViews views) => CaseResults.Run(http, caller =>
        {
            var filer = caller.Subject is { } s ? Filer.Online(s) : Filer.Paper(caller.Account!);
            var recordId = CaseResults.Id(body.RecordId, "recordId");
            var entryId = CaseResults.Id(body.ListEntryId, "listEntryId");
            if (recordId is null == entryId is null)
                throw Refusal.Invalid("objection.invalid", "recordId 与 listEntryId 须且只须给出一个");
            var row = desk.File(new NewObjection(
                recordId is not null ? ObjectionTargets.Record : ObjectionTargets.ListEntry, recordId ?? entryId!.Value, body.Ground, body.Reason ?? "",
                body.Applicant?.Name ?? "", body.Applicant?.Contact ?? "", CaseResults.Date(body.ReceivedOn, "receivedOn"), CaseResults.Files(body.Attachments)), filer);
            return Results.Created($"/api/v1/objections/{row.Id}", views.View(row));
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("File an objection (异议申请, Art. 39) against a record or a DishonestyList entry (Art. 35)")
        .WithMetadata(new BodyLimitAttribute(BodySize.Upload))
        .WithDescription("Body: {\"recordId\"|\"listEntryId\",\"reason\",\"applicant\":{\"name\",\"contact\"},\"ground\"?,\"receivedOn\"? (staff, paper applications),\"attachments\"?:[{\"fileName\",\"contentType\",\"content\" (base64)}]}. " +
                         "A signed-in subject objects to its own information; staff enter paper applications. 201 with id, status, markDue and decisionDue (ISO dates), every deadline with its basis, and the steps. The record carries the objection mark at once.")
        .Produces<ObjectionView>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        g.MapGet("", (HttpContext http, ObjectionDesk desk, ObjectionViews views, CaseReads reads) => CaseResults.Run(http, caller =>
        {
            if (caller.Subject is { } s) return Results.Json(views.Summaries(desk.OfSubject(s.Id)), ApiJson.Options);
            var staff = caller.Staff;
            var rows = desk.OfUnit(CaseReads.Scope(staff));
            reads.Listed(staff, rows.Select(r => r.SubjectId), "异议列表", "api");
            return Results.Json(views.Summaries(rows), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("The caller's objections: a subject's own, or those of a staff member's unit (all for the credit agency)")
        .Produces<IReadOnlyList<ObjectionSummary>>();

        g.MapGet("/{id:long}", (long id, HttpContext http, ObjectionViews views) => CaseResults.Run(http, caller =>
            Results.Json(views.For(caller, id, "api"), ApiJson.Options)))
        .RequireRule(AccessRules.Cases)
        .WithSummary("An objection with its steps and due dates (subject, competent unit, credit agency, assisting unit)")
        .Produces<ObjectionView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        g.MapPost("/{id:long}/assistance", (long id, AssistanceBody body, HttpContext http, ObjectionDesk desk, ObjectionViews views) => CaseResults.Run(http, caller =>
        {
            desk.RequestAssistance(id, caller.Staff, body.Unit, body.Question);
            return Results.Json(views.View(desk.Get(id)!), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Ask another unit to help verify (协助核查): the decision is due within 7 working days, the answer within 2 (Art. 39)")
        .WithDescription("Body: {\"unit\": provider or department code, \"question\"}. Staff of the competent unit or the credit agency.")
        .Produces<ObjectionView>();

        g.MapPost("/{id:long}/assistance/{assistanceId:long}/answer", (long id, long assistanceId, AnswerBody body, HttpContext http, ObjectionDesk desk) =>
            CaseResults.Run(http, caller =>
            {
                var a = desk.AnswerAssistance(id, assistanceId, caller.Account ?? throw Refusal.Forbidden("objection.forbidden", "信用主体不能反馈核查结果"), body.Answer);
                return Results.Json(a, ApiJson.Options);
            }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("The assisting unit answers (its own token, or its staff)")
        .WithDescription("Body: {\"answer\"}.")
        .Produces<Xinyong.Storage.Objections.AssistanceRow>();

        g.MapPost("/{id:long}/pauses", (long id, PauseBody body, HttpContext http, ObjectionDesk desk, ObjectionViews views) => CaseResults.Run(http, caller =>
        {
            var from = CaseResults.Date(body.From, "from") ?? throw Refusal.Invalid("objection.invalid-from", "暂停开始日期为必填项");
            desk.StartPause(id, caller.Staff, body.Kind, from, CaseResults.Date(body.To, "to"), body.Note);
            return Results.Json(views.View(desk.Get(id)!), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Stop the clock for inspection, testing, quarantine, appraisal or expert review (Art. 39)")
        .WithDescription("Body: {\"kind\": inspection|testing|quarantine|appraisal|expert-review, \"from\", \"to\"? (both yyyy-MM-dd, inclusive), \"note\"?}.")
        .Produces<ObjectionView>();

        g.MapPost("/{id:long}/pauses/{pauseId:long}/end", (long id, long pauseId, PauseEndBody body, HttpContext http, ObjectionDesk desk, ObjectionViews views) =>
            CaseResults.Run(http, caller =>
            {
                var to = CaseResults.Date(body.To, "to") ?? throw Refusal.Invalid("objection.invalid-to", "暂停的最后一日为必填项");
                desk.EndPause(id, pauseId, caller.Staff, to);
                return Results.Json(views.View(desk.Get(id)!), ApiJson.Options);
            }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("End a running pause: 'to' is its last day that does not count")
        .Produces<ObjectionView>();

        g.MapPost("/{id:long}/decision", (long id, DecisionBody body, HttpContext http, ObjectionDesk desk, ObjectionViews views) => CaseResults.Run(http, caller =>
        {
            var fields = body.Fields?.ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => kv.Value.GetString(),
                _ => kv.Value.GetRawText(),
            });
            var row = desk.Decide(id, caller.Staff, new DecisionRequest(body.Outcome, body.Action, body.Reasons, fields is { Count: > 0 }), fields);
            return Results.Json(views.View(row), ApiJson.Options);
        }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("Decide: upheld (correct the record, or withhold it; end a list entry) or rejected with reasons")
        .WithDescription("Body: {\"outcome\": upheld|rejected, \"action\": correct|withhold (records), \"reasons\", \"fields\"?: {code or label: corrected value}}. " +
                         "Upheld corrections become a new version passed on to every holder of a copy, each acknowledging within 3 working days.")
        .Produces<ObjectionView>();

        g.MapGet("/{id:long}/attachments/{attachmentId:long}", (long id, long attachmentId, HttpContext http, ObjectionViews views, CaseAttachments files) =>
            CaseResults.Run(http, caller =>
            {
                views.For(caller, id, "api");
                var f = files.Get(CaseKinds.Objection, id, attachmentId) ?? throw Refusal.NotFound("objection.not-found", $"没有编号为{attachmentId}的附件");
                return AttachmentDownload.Of(f.Content, f.Info.ContentType, f.Info.FileName);
            }))
        .RequireRule(AccessRules.Cases)
        .WithSummary("A file of an objection")
        .ProducesFile();
    }
}
