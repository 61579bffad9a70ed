using Xinyong.Storage.Audit;
using Xinyong.Web.Features.Audit;

namespace Xinyong.Web.Pages.Audit;

/// <summary>
/// <c>/audit/checkpoints</c>: the audit chain's daily signed checkpoints of the last 30 days and the public key that
/// checks them, for anyone (Art. 17). The same as <c>GET /api/v1/open/audit-checkpoints</c>.
/// </summary>
[AccessRule(AccessRules.Public)]
public sealed class CheckpointsModel(AuditCheckpointLog log, TimeProvider clock) : PageModel
{
    /// <summary>What is published.</summary>
    public PublishedCheckpoints Published { get; private set; } = null!;

    public void OnGet() => Published = AuditCheckpointEndpoints.Published(log, clock, 30);
}
