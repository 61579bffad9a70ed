using Xinyong.Storage.Emergencies;
using Xinyong.Web.Features.Emergencies;

namespace Xinyong.Web.Pages.Emergencies;

/// <summary>The public list of emergency declarations and their measures (《黑龙江省社会信用条例》第三十条第四款).</summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(EmergencyRegistry registry, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EmergencyView> Declarations { get; private set; } = [];

    public void OnGet() => Declarations = registry.All().Select(d => EmergencyView.Of(d, clock.Today())).ToList();
}
