using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xinyong.Inspections;
using Xinyong.Storage.Inspections;

namespace Xinyong.Web.Pages.Inspections;

/// <summary>One published plan: the commitment, the seed, the result, and whether it recomputes (public).</summary>
public sealed class ShowModel(InspectionDraws draws) : PageModel
{
    /// <summary>The draw.</summary>
    public StoredDraw Draw { get; private set; } = null!;

    /// <summary>The verification of a drawn plan.</summary>
    public DrawVerification? Verification { get; private set; }

    public IActionResult OnGet(string code)
    {
        if (draws.Get(code) is not { } d) return NotFound();
        Draw = d;
        if (d.Document.Seed is not null) Verification = Draws.Verify(d.Document);
        return Page();
    }

    /// <summary>A target's name.</summary>
    public string TargetName(string code) => Draw.Document.Targets.FirstOrDefault(t => t.Code == code)?.Name ?? "";

    /// <summary>An item's name.</summary>
    public string ItemName(string code) => Draw.Document.Plan.Departments.SelectMany(d => d.Items).FirstOrDefault(i => i.Code == code)?.Name ?? code;

    /// <summary>An inspector's name and unit.</summary>
    public string InspectorName(string id) => Draw.Document.Inspectors.FirstOrDefault(i => i.Id == id) is { } i ? $"{i.Name}（{i.Unit}）" : id;
}
