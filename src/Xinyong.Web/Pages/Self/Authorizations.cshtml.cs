using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Xinyong.Publication;

namespace Xinyong.Web.Pages.Self;

/// <summary>
/// <c>/self/authorizations</c>: the subject authorizes a bank or credit-service firm to query its conditionally open
/// records (to whom, purpose, which items, until when; Art. 23-24, no lifetime authorization, Art. 36), and revokes
/// authorizations at any time.
/// </summary>
[AccessRule(AccessRules.Subject)]
[Authorize(Policy = Policies.Subject)]
public sealed class AuthorizationsModel(SubjectStore subjects, Authorizations authorizations, AuthorizationRules rules, AccountStore accounts,
    CatalogSet catalog, TimeProvider clock) : PageModel
{
    /// <summary>The subject's authorizations, newest first.</summary>
    public IReadOnlyList<Authorization> List { get; private set; } = [];

    /// <summary>The institutions that may be authorized.</summary>
    public IReadOnlyList<Xinyong.Storage.Accounts.Account> Institutions { get; private set; } = [];

    /// <summary>The conditionally open items an authorization may cover.</summary>
    public IReadOnlyList<CatalogItem> Items { get; private set; } = [];

    /// <summary>Errors of the grant form, by field.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What the last action did.</summary>
    [TempData] public string? Message { get; set; }

    [BindProperty] public string? Grantee { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public List<string> Scope { get; set; } = [];
    [BindProperty] public string? ExpiresOn { get; set; }

    /// <summary>Today (Beijing).</summary>
    public DateOnly Today => clock.Today();

    /// <summary>The rules in force.</summary>
    public AuthorizationRules Rules => rules;

    public void OnGet()
    {
        ExpiresOn = Today.AddDays(Math.Min(90, rules.MaxDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Load();
    }

    /// <summary>Grants an authorization.</summary>
    public IActionResult OnPostGrant()
    {
        if (Subject() is not { } s) return Forbid();
        DateOnly? expires = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn))
        {
            if (DateOnly.TryParseExact(ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)) expires = e;
            else Errors["expiresOn"] = "日期格式应为 yyyy-MM-dd";
        }
        // The page is Chinese: each error's Chinese half.
        foreach (var x in rules.Check(Grantee, Purpose, Scope, expires, Today, catalog.Current)) Errors.TryAdd(x.Field, x.Message.Split(" / ")[0]);
        if (!string.IsNullOrWhiteSpace(Grantee) && accounts.Get(Grantee) is not { Kind: AccountKinds.Institution })
            Errors["grantee"] = "被授权机构不存在";
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Load();
            return Page();
        }
        var a = authorizations.Grant(s.Id, Grantee!, Purpose!, Scope, expires!.Value, $"subject:{s.Ref}");
        Message = $"已授权第{a.Id}号：{accounts.Get(a.Grantee)!.Name}可在{a.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}前查询。";
        return RedirectToPage();
    }

    /// <summary>Revokes an authorization.</summary>
    public IActionResult OnPostRevoke(long id)
    {
        if (Subject() is not { } s) return Forbid();
        Message = authorizations.Revoke(id, s.Id, $"subject:{s.Ref}") ? $"已撤销授权第{id}号。" : $"授权第{id}号不存在或已撤销。";
        return RedirectToPage();
    }

    /// <summary>The name of an institution.</summary>
    public string NameOf(string code) => Institutions.FirstOrDefault(i => i.Code == code)?.Name ?? accounts.Get(code)?.Name ?? code;

    /// <summary>The names of the items an authorization covers.</summary>
    public string ItemNames(Authorization a) => string.Join("、", a.ItemSet.Select(i => catalog.Item(i)?.Name ?? i));

    private void Load()
    {
        if (Subject() is not { } s) return;
        List = authorizations.OfSubject(s.Id);
        Institutions = accounts.List(AccountKinds.Institution);
        Items = catalog.Current.Items.Values.Where(i => i.Open == OpenAttribute.Conditional).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
    }

    private SubjectRow? Subject() => HttpContext.SubjectIdOf() is { } id ? subjects.Get(id) : null;
}
