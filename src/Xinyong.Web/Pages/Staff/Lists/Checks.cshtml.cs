using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;

namespace Xinyong.Web.Pages.Staff.Lists;

/// <summary>How many checks departments made and how many results they fed back (《黑龙江省“十四五”社会信用体系建设规划》一、三（二）).</summary>
[AccessRule(AccessRules.Oversight)]
public sealed class ChecksModel(CheckService checks, MeasuresSet rules, AccountStore accounts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public CheckStats Stats { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Departments { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
        var today = clock.Today();
        To ??= today;
        From ??= To.Value.AddYears(-1).AddDays(1);
        Stats = checks.Stats(From.Value, To.Value);
        Departments = accounts.List(AccountKinds.Department).ToDictionary(a => a.Code, a => a.Name);
    }

    /// <summary>The Chinese name of a scenario code.</summary>
    public string ScenarioName(string code) => rules.Versions.Reverse().Select(v => v.ScenarioOf(code)?.Name).FirstOrDefault(n => n is not null) ?? code;
}
