using Xinyong.Cases;
using Xinyong.Audit;
using Xinyong.Storage.Audit;
using Xinyong.Web.Features.Audit;

namespace Xinyong.Web.Pages.Staff;

/// <summary>
/// <c>/staff/audit</c>: the auditor's desk (Art. 17, 35): whether the audit chain is intact, its newest
/// entries (of one target when asked), and who read a subject's information. For those who oversee the platform
/// (<see cref="Caller.Oversees"/>).
/// </summary>
[AccessRule(AccessRules.Oversight)]
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
        if (!new Caller(HttpContext.AccountOf(), null).Oversees) return Forbid();
        Verification = audit.Verify();
        Entries = audit.Recent(100, string.IsNullOrWhiteSpace(Target) ? null : Target.Trim());
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            try
            {
                Found = AuditEndpoints.Subject(subjects, Subject.Trim());
                Reads = access.ForSubject(Found.Id);
            }
            catch (Refusal ex)
            {
                Error = ex.Message;
            }
        }
        return Page();
    }
}
