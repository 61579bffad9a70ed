using Microsoft.AspNetCore.RateLimiting;

namespace Xinyong.Web.Pages.Subjects;

/// <summary><c>/subjects/{code}</c>: a subject's public credit information, grouped as 信用中国 shows it.</summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class ShowModel(SubjectStore subjects, SubjectPages pages) : PageModel
{
    /// <summary>The page, once found.</summary>
    public SubjectPage View { get; private set; } = null!;

    /// <summary>Why the code was refused, when it was.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet(string code)
    {
        SubjectRow? s;
        try { s = subjects.FindByCode(code); }
        catch (Refusal)
        {
            Error = $"“{code}”不是有效的统一社会信用代码或公民身份号码。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (s is null)
        {
            Error = $"平台没有代码为“{code}”的信用主体。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        // A natural person's identity number never stays in an address: the page lives at its reference.
        if (code != s.Ref) return RedirectPermanent($"/subjects/{Uri.EscapeDataString(s.Ref)}");
        View = pages.Of(s, Audience.Public);
        return Page();
    }
}
