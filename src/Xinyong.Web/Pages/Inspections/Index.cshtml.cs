using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>The published inspection plans (public).</summary>
[AccessRule(AccessRules.Public)]
public sealed class IndexModel(InspectionDraws draws) : PageModel
{
    /// <summary>The plans, newest first.</summary>
    public IReadOnlyList<(string Code, string Department, global::Xinyong.Inspections.DrawStatus Status, DateTimeOffset PublishedAt, DateTimeOffset SeedAt)> Plans { get; private set; } = [];

    public void OnGet() => Plans = draws.List();
}
