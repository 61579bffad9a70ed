using Microsoft.AspNetCore.Authorization;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Pages.Self;

/// <summary><c>/self/records/{id}</c>: one of the subject's own records in full, with its versions and history (Art. 35).</summary>
[AccessRule(AccessRules.Subject)]
[Authorize(Policy = Policies.Subject)]
public sealed class RecordModel(SubjectStore subjects, RecordReader records, SubjectViews views, TimeProvider clock,
    Xinyong.Application.Repairs.RepairDesk repairs) : PageModel
{
    /// <summary>The record, unmasked.</summary>
    public RecordView Record { get; private set; } = null!;

    /// <summary>Where the record came from.</summary>
    public StoredRecord Stored { get; private set; } = null!;

    /// <summary>Earlier versions, oldest first.</summary>
    public IReadOnlyList<RecordVersion> Versions { get; private set; } = [];

    /// <summary>What happened to the record.</summary>
    public IReadOnlyList<RecordEvent> Events { get; private set; } = [];

    /// <summary>Whether the subject may object to this record, or apply for its repair, now.</summary>
    public RecordActions Actions { get; private set; } = new(new HashSet<long>(), new HashSet<long>());

    /// <summary>Today (Beijing).</summary>
    public DateOnly Today => clock.Today();

    public IActionResult OnGet(long id)
    {
        var s = HttpContext.SubjectIdOf() is { } sid ? subjects.Get(sid) : null;
        var r = records.Get(id);
        if (s is null || r is null || r.SubjectId != s.Id) return NotFound();
        Stored = r;
        Record = views.Record(r, s.IsNaturalPerson, Audience.Full, clock.Today())!;
        Actions = RecordActions.Of(s, [Record], records, repairs);
        Versions = records.Versions(id);
        Events = records.Events(id);
        return Page();
    }
}
