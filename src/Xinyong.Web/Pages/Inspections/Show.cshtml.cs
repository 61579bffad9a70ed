using Xinyong.Inspections;
using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>One published plan: the commitment, the seed, the result, and whether it recomputes (public).</summary>
[AccessRule(AccessRules.Public)]
public sealed class ShowModel(InspectionDraws draws, InspectionResults results) : PageModel
{
    /// <summary>The draw.</summary>
    public StoredDraw Draw { get; private set; } = null!;

    /// <summary>The verification of a drawn plan.</summary>
    public DrawVerification? Verification { get; private set; }

    public IActionResult OnGet(string code)
    {
        if (draws.Get(code) is not { } d) return NotFound();
        Draw = d;
        Results = results.Of(code).ToDictionary(r => r.Target);
        if (d.Document.Seed is { } seed) Due = results.DueOf(seed.TakenAt);
        if (d.Document.Seed is not null) Verification = Draws.Verify(d.Document);
        return Page();
    }

    /// <summary>The published results by target.</summary>
    public IReadOnlyDictionary<string, InspectionResult> Results { get; private set; } = new Dictionary<string, InspectionResult>();

    /// <summary>The day results are due.</summary>
    public DateOnly? Due { get; private set; }

    /// <summary>A target's name.</summary>
    public string TargetName(string code) => Draw.Document.Targets.FirstOrDefault(t => t.Code == code)?.Name ?? "";

    /// <summary>An item's name.</summary>
    public string ItemName(string code) => Draw.Document.Plan.Departments.SelectMany(d => d.Items).FirstOrDefault(i => i.Code == code)?.Name ?? code;

    /// <summary>An inspector's name and unit.</summary>
    public string InspectorName(string id) => Draw.Document.Inspectors.FirstOrDefault(i => i.Id == id) is { } i ? $"{i.Name}（{i.Unit}）" : id;
}
