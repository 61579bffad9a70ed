using Microsoft.AspNetCore.RateLimiting;

namespace Xinyong.Web.Pages.Subjects;

/// <summary><c>/subjects/{code}/records/{id}</c>: one public record in full, masked for natural persons.</summary>
[AccessRule(AccessRules.Public)]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class RecordModel(SubjectStore subjects, RecordReader records, SubjectViews views, TimeProvider clock) : PageModel
{
    /// <summary>The subject as the public sees it.</summary>
    public SubjectView Subject { get; private set; } = null!;

    /// <summary>The record, or null when it is not public.</summary>
    public RecordView? Record { get; private set; }

    public IActionResult OnGet(string code, long id)
    {
        SubjectRow? s;
        try { s = subjects.FindByCode(code); }
        catch (Refusal) { return NotFound(); }
        var r = s is null ? null : records.Get(id);
        if (s is null || r is null || r.SubjectId != s.Id) return NotFound();
        if (code != s.Ref) return RedirectPermanent($"/subjects/{Uri.EscapeDataString(s.Ref)}/records/{id}");
        Subject = views.Subject(s, Audience.Public, []);
        Record = views.Record(r, s.IsNaturalPerson, Audience.Public, clock.Today());
        if (Record is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
