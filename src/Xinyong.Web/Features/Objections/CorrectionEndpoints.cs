using Xinyong.Cases;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Objections;

/// <summary>A correction notice as its holder sees it: what changed, the record's current content, and its deadline.</summary>
public sealed record HolderNoticeView(CorrectionView Notice, string CaseKind, long CaseId, string Item, string Status, bool Withheld, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// Corrections passed on to the holders of shared copies (Art. 39): a holder reads its notices and acknowledges each
/// with its own credential; an operator registers connected systems that hold copies.
/// </summary>
public static class CorrectionEndpoints
{
    /// <summary>An acknowledgement.</summary>
    public sealed record AcknowledgementBody(string? Note);

    /// <summary>A connected system's registration.</summary>
    public sealed record HolderBody(string? Account);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Corrections");

        g.MapGet("/corrections", (HttpContext http, CorrectionNotices notices, DeadlineStore deadlines, RecordReader records, CaseViews cases, AccessLog access) =>
            CaseResults.Run(http, caller =>
            {
                var holder = caller.Account is { Kind: AccountKinds.Department } a ? a : throw Refusal.Forbidden("correction.forbidden", "更正通知由持有共享副本的部门读取");
                var today = cases.Today;
                var list = notices.OfHolder(holder.Code).Select(n =>
                {
                    var step = deadlines.OfCase(n.CaseKind, n.CaseId).FirstOrDefault(d => d.RefId == n.Id && d.Code == DeadlineCodes.Propagation);
                    var r = records.Get(n.RecordId)!;
                    access.Record(r.SubjectId, holder.Kind, holder.Code, "更正信息处理（《黑龙江省社会信用条例》第三十九条）", $"record:{r.Id} correction:{n.Id}", "api");
                    return new HolderNoticeView(cases.Correction(n, step, today), n.CaseKind, n.CaseId, r.Item, r.Status, r.Withheld, RecordJson.Parse(r.Fields));
                }).ToList();
                return Results.Json(list, ApiJson.Options);
            }))
        .RequireRule(AccessRules.Department)
        .WithSummary("A holder's correction notices, unacknowledged first, each with its 3-working-day deadline and the record's current content")
        .Produces<IReadOnlyList<HolderNoticeView>>();

        g.MapPost("/corrections/{id:long}/acknowledgement", (long id, AcknowledgementBody body, HttpContext http, CorrectionNotices notices, DeadlineStore deadlines, CaseViews cases) =>
            CaseResults.Run(http, caller =>
            {
                var n = notices.Acknowledge(id, caller.Account ?? throw Refusal.Forbidden("correction.forbidden", "须以收到通知的部门的令牌确认"), body.Note);
                var step = deadlines.OfCase(n.CaseKind, n.CaseId).FirstOrDefault(d => d.RefId == n.Id && d.Code == DeadlineCodes.Propagation);
                return Results.Json(cases.Correction(n, step, cases.Today), ApiJson.Options);
            }))
        .RequireRule(AccessRules.Department)
        .WithSummary("The holder acknowledges that it applied the correction")
        .WithDescription("Body: {\"note\"?}. Only the department the notice was sent to; met or late against its deadline.")
        .Produces<CorrectionView>();

        g.MapPost("/copy-holders", (HolderBody body, HttpContext http, CorrectionNotices notices) => CaseResults.Run(http, caller =>
        {
            if (caller.Account is not { } agency || !StaffAccess.IsAgency(agency)) throw Refusal.Forbidden("correction.forbidden", "只有公共信用工作机构的工作人员可以登记共享系统");
            notices.RegisterHolder(body.Account?.Trim() ?? "", caller.Account!.Code);
            return Results.NoContent();
        }))
        .RequireRule(AccessRules.DecidingStaff)
        .WithSummary("Register a department account as a connected system holding copies of the items it reads")
        .WithDescription("Body: {\"account\"}. Its copies are then corrected with every upheld objection and repair.")
        .ProducesNothing();
    }
}
