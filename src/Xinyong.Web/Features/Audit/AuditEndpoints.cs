using Xinyong.Cases;
using Xinyong.Audit;
using Xinyong.Storage.Audit;

namespace Xinyong.Web.Features.Audit;

/// <summary>
/// What auditors read (Art. 17): the tamper-evident audit chain (<c>GET /api/v1/audit</c>, its check
/// <c>GET /api/v1/audit/verify</c>) and who read a subject's information (<c>GET /api/v1/access-log?subject=</c>).
/// Open to staff with the auditor or authority role and to the credit agency's staff; never to units or subjects.
/// </summary>
public static class AuditEndpoints
{
    private static Caller Auditor(Caller caller) =>
        caller.Oversees ? caller : throw Refusal.Forbidden("audit.forbidden", "审计日志和查询记录仅供审计人员、信用主管部门和公共信用工作机构查看");

    /// <summary>The subject an auditor asks about.</summary>
    /// <exception cref="Refusal">400 for text that is no identifier, 404 for an unknown subject.</exception>
    public static SubjectRow Subject(SubjectStore subjects, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) throw Refusal.Invalid("audit.invalid", "subject 须为统一社会信用代码、身份证号码或主体编号");
        return subjects.FindByCode(code) ?? throw Refusal.NotFound("audit.not-found", "平台没有该信用主体的信息");
    }

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/audit", (string? target, int? limit, HttpContext http, AuditChain audit) => CaseResults.Run(http, caller =>
        {
            Auditor(caller);
            var n = limit ?? 100;
            if (n is < 1 or > 1000) throw Refusal.Invalid("audit.invalid", "limit 须在1至1000之间");
            return Results.Json(audit.Recent(n, string.IsNullOrWhiteSpace(target) ? null : target.Trim()), ApiJson.Options);
        }))
        .WithTags("Audit")
        .RequireRule(AccessRules.Oversight)
        .WithSummary("The newest entries of the tamper-evident audit chain")
        .WithDescription("Query: target (e.g. record:42, list-entry:7, account:HRB-SJ), limit (1-1000, default 100). Each entry carries its hash and the previous entry's hash. Staff with the auditor or authority role, and the credit agency's staff.")
        .Produces<IReadOnlyList<AuditEntry>>()
        .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapGet("/api/v1/audit/verify", (HttpContext http, AuditChain audit) => CaseResults.Run(http, caller =>
        {
            Auditor(caller);
            return Results.Json(audit.Verify(), ApiJson.Options);
        }))
        .WithTags("Audit")
        .RequireRule(AccessRules.Oversight)
        .WithSummary("Recomputes every hash of the audit chain: valid, or the first entry that was changed or removed")
        .Produces<AuditVerification>()
        .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapGet("/api/v1/access-log", (string? subject, HttpContext http, SubjectStore subjects, AccessLog log) => CaseResults.Run(http, caller =>
        {
            Auditor(caller);
            return Results.Json(log.ForSubject(Subject(subjects, subject).Id), ApiJson.Options);
        }))
        .WithTags("Audit")
        .RequireRule(AccessRules.Oversight)
        .WithSummary("Who read a subject's conditional or personal information, when, for what purpose, under which authorization (Art. 35)")
        .Produces<IReadOnlyList<AccessEntry>>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
