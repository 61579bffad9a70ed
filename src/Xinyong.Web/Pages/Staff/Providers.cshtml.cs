using Xinyong.Cases;
using Xinyong.Storage.Collection;
using Xinyong.Web.Features.Collection;

namespace Xinyong.Web.Pages.Staff;

/// <summary><c>/staff/providers</c>: each provider unit's timeliness and quality over a period.</summary>
[AccessRule(AccessRules.Oversight)]
public sealed class ProvidersModel(ProviderQuality quality, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public IReadOnlyList<ProviderQualityRow> Rows { get; private set; } = [];
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!new Caller(HttpContext.AccountOf(), null).Oversees) return Forbid();
        try
        {
            var (f, t) = ProviderQualityEndpoints.Period(From, To, clock.Today());
            (From, To) = (WorkingCalendar.Iso(f), WorkingCalendar.Iso(t));
            Rows = quality.Of(f, t).OrderByDescending(r => r.OverdueSteps).ThenBy(r => r.OnTimeRate ?? 1).ThenBy(r => r.Provider).ToList();
        }
        catch (Refusal ex)
        {
            Error = ex.Message;
        }
        return Page();
    }

    /// <summary>A rate as a percentage, or a dash.</summary>
    public static string Percent(double? rate) => rate is { } r ? r.ToString("P1", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")) : "—";
}
