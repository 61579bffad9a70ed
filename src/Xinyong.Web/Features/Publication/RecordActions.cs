using Xinyong.Repairs;
using Xinyong.Storage.Repairs;
using Xinyong.Application.Repairs;

namespace Xinyong.Web.Features.Publication;

/// <summary>
/// What a signed-in subject can do with each of its own records, for the buttons on its pages: object to a record in
/// force (提出异议, Art. 39) that has no objection open, and apply for the repair of a negative record that can be
/// repaired today (申请信用修复, Art. 40: the item allows it, the minimum disclosure period has passed, it is still
/// published and no application for it is pending). The forms themselves check again.
/// </summary>
public sealed record RecordActions(IReadOnlySet<long> Objectable, IReadOnlySet<long> Repairable)
{
    /// <summary>The actions open on <paramref name="views"/>, the subject's records.</summary>
    public static RecordActions Of(SubjectRow subject, IEnumerable<RecordView> views, RecordReader records, RepairDesk repairs)
    {
        var pending = repairs.OfSubject(subject.Id)
            .Where(r => r.Status.Pending)
            .Select(r => r.RecordId).ToHashSet();
        var objectable = new HashSet<long>();
        var repairable = new HashSet<long>();
        foreach (var v in views)
        {
            if (v.Status == RecordStatus.Active && !v.UnderObjection) objectable.Add(v.Id);
            if (v.Nature == "negative" && !pending.Contains(v.Id) && records.Get(v.Id) is { } stored && repairs.Eligibility(stored).Eligible)
                repairable.Add(v.Id);
        }
        return new RecordActions(objectable, repairable);
    }
}
