using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;
using Xinyong.Storage.Audit;

namespace Xinyong.Application.Cases;

/// <summary>
/// Reads of case lists by staff (Art. 35): a list that shows a natural person's name enters that person's access log,
/// once per list read, as a case page does.
/// </summary>
public sealed class CaseReads(AccessLog log, SubjectStore subjects)
{
    /// <summary>The purpose entered in the access log.</summary>
    public const string Purpose = "案件办理（《黑龙江省社会信用条例》第三十五条、第三十九条、第四十条）";

    /// <summary>The unit whose cases the staff member lists: null for every unit; a 403 for a role without cases.</summary>
    public static string? Scope(Account staff) => StaffAccess.CaseScope(staff);

    /// <summary>Logs that <paramref name="reader"/> saw the names of the natural persons among <paramref name="subjectIds"/>.</summary>
    public void Listed(Account reader, IEnumerable<long> subjectIds, string what, string channel)
    {
        foreach (var id in subjectIds.Distinct())
            if (subjects.Get(id) is { IsNaturalPerson: true })
                log.Record(id, reader.Kind, reader.Code, Purpose, what, channel);
    }

    /// <summary>Logs the natural persons among subject references (<c>P…</c>) shown in a list.</summary>
    public void ListedRefs(Account reader, IEnumerable<string> refs, string what, string channel)
    {
        foreach (var r in refs.Distinct())
            if (r.StartsWith('P') && subjects.Find(r) is { IsNaturalPerson: true } s)
                log.Record(s.Id, reader.Kind, reader.Code, Purpose, what, channel);
    }
}
