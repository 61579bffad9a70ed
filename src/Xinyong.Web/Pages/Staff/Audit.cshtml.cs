using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;
using Xinyong.Web.Api;
using Xinyong.Web.Features.Audit;
using Xinyong.Web.Features.Deadlines;

namespace Xinyong.Web.Pages.Staff;

/// <summary>
/// <c>/staff/audit</c>: the auditor's desk (Art. 17, 35; SPEC section 18): whether the audit chain is intact, its newest
/// entries (of one target when asked), and who read a subject's information. For the roles of
/// <see cref="AuditEndpoints.MayAudit"/>.
/// </summary>
public sealed class AuditModel(AuditChain audit, AccessLog access, SubjectStore subjects) : PageModel
{
    /// <summary>Only the entries of this target (e.g. record:42).</summary>
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }

    /// <summary>A subject whose access log to show.</summary>
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    public AuditVerification Verification { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public SubjectRow? Found { get; private set; }
    public IReadOnlyList<AccessEntry> Reads { get; private set; } = [];
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!AuditEndpoints.MayAudit(new Caller(HttpContext.AccountOf(), null))) return Forbid();
        Verification = audit.Verify();
        Entries = audit.Recent(100, string.IsNullOrWhiteSpace(Target) ? null : Target.Trim());
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            try
            {
                Found = subjects.Find(Subject.Trim());
                if (Found is null) Error = "平台没有该信用主体的信息。";
                else Reads = access.ForSubject(Found.Id);
            }
            catch (FormatException)
            {
                Error = "请输入统一社会信用代码、身份证号码或主体编号。";
            }
        }
        return Page();
    }
}
