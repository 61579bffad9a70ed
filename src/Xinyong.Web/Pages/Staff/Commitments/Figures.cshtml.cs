using Xinyong.Web.Features.Commitments;

namespace Xinyong.Web.Pages.Staff.Commitments;

/// <summary>
/// <c>/staff/commitments/figures</c>: for the credit agency, commitments by matter and type, verification on time and
/// the breach rate, with a small bar chart (SVG, no script).
/// </summary>
[AccessRule(AccessRules.Oversight)]
public sealed class FiguresModel(CommitmentViews views, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary>The figures.</summary>
    public CommitmentFigures Figures { get; private set; } = null!;

    /// <summary>The error of the period, if any.</summary>
    public string? Error { get; private set; }

    public void OnGet()
    {
        var today = clock.Today();
        DateOnly from = new(today.Year, 1, 1), to = today;
        try
        {
            to = CommitmentsFeature.Date(To, "截止日期") ?? today;
            from = CommitmentsFeature.Date(From, "起始日期") ?? new DateOnly(to.Year, 1, 1);
        }
        catch (Refusal r) { Error = r.Message; }
        Figures = views.Figures(from, to);
    }

    /// <summary>A rate as a percentage, or —.</summary>
    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0.#}%" : "—";
}
