using Xinyong.Network;
using Xinyong.Storage.Network;
using Xinyong.Application.Network;

namespace Xinyong.Web.Pages.Staff;

/// <summary><c>/staff/network</c>: this node's forwarding (Art. 6 (1), 21): per peer the queue, its oldest change and
/// the last success; forwards overdue or late against the 3 working days; per provider unit.</summary>
[AccessRule(AccessRules.Oversight)]
public sealed class NetworkModel(LocalNode node, NodeRegistry registry, NetworkStatus status, TimeProvider clock) : PageModel
{
    public NodeStatus? Status { get; private set; }

    public IActionResult OnGet()
    {
        if (!new Caller(HttpContext.AccountOf(), null).Oversees) return Forbid();
        Status = NetworkServices.StatusOf(node, status, clock);
        return Page();
    }

    /// <summary>A node's name from the registry, with its code.</summary>
    public string NameOf(string? code) => code is null ? "—" : registry.Get(code) is { } n ? $"{n.Name}（{code}）" : code;

    /// <summary>A level in Chinese.</summary>
    public static string LevelName(string? level) => level switch { "city" => "市级节点", "province" => "省级节点", "national" => "国家级节点", _ => "未接入信用信息网络" };

    /// <summary>An instant in China time, or a dash.</summary>
    public static string Time(DateTimeOffset? t) => t is { } v ? v.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss") : "—";
}
