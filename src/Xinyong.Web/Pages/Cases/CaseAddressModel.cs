namespace Xinyong.Web.Pages.Cases;

/// <summary>
/// The old per-kind addresses of a case (<c>/objections/{id}</c>, <c>/repairs/{id}</c> and their <c>/staff/…</c> twins):
/// a 302 to the one generic case page (<c>/staff/cases/{id}</c> under <c>/staff</c>, else <c>/self/cases/{id}</c>, which
/// sends each reader on to their own side), keeping the query string.
/// </summary>
[AccessRule(AccessRules.Cases)]
public sealed class CaseAddressModel : PageModel
{
    public IActionResult OnGet(long id) =>
        Redirect($"{(Request.Path.StartsWithSegments("/staff") ? "/staff" : "/self")}/cases/{id}{Request.QueryString}");
}
