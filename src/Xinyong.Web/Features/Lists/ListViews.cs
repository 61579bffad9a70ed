using Xinyong.Identifiers;
using Xinyong.Measures;
using Xinyong.Storage.Lists;
using Xinyong.Subjects;

namespace Xinyong.Web.Features.Lists;

/// <summary>A credit-list entry with the elements of its written decision, as the list pages and the lists API show it.</summary>
public sealed record ListDecisionView(
    long Id, string List, string ListName, string Status, string StatusLabel, bool InForce,
    string Subject, string SubjectName, string SubjectCode, string SubjectKind, string SubjectKindLabel,
    string DecidingUnit, string DecisionNo, string Grounds, string Reasons, string Basis,
    DateOnly StartsOn, DateOnly? EndsOn, string? RemovalConditions, string? Remedy, bool Published, bool UnderObjection,
    DateTimeOffset DecidedAt, string? EndReason, string? EndReasonLabel, string? EndNote, string? LinkedRole, long? LinkedTo);

/// <summary>
/// Builds the views of list entries for an audience, the one place where list entries are masked: the public sees only
/// entries in force that are published (Art. 37), and a natural person's name masked (Art. 23); the subject itself and
/// staff see every entry, ended ones included.
/// </summary>
public sealed class ListViews(ListQueries queries, MeasuresSet rules)
{
    /// <summary>Whether the audience may see an entry.</summary>
    public static bool Visible(ListRow row, Audience audience) =>
        audience == Audience.Full || row.PublicToday;

    /// <summary>An entry for an audience, or null when the audience may not see it.</summary>
    public ListDecisionView? View(ListRow row, Audience audience)
    {
        if (!Visible(row, audience)) return null;
        var (e, s) = (row.Entry, row.Subject);
        var kind = SubjectKinds.FromCode(s.Kind) ?? SubjectKind.LegalPerson;
        var person = kind == SubjectKind.NaturalPerson;
        var status = s.InForce ? "in-force" : e.Status == ListEntryStatus.Active ? "lapsed" : "ended";
        var label = status switch { "in-force" => "在列", "lapsed" => "已届满，待移出", _ => "已移出" };
        return new ListDecisionView(
            e.Id, e.List, CreditListNames.Chinese(e.List), status, label, s.InForce,
            s.Ref, audience == Audience.Public && person ? Masking.MaskName(s.Name) : s.Name, s.IdMasked, s.Kind, kind.Chinese(),
            e.DecidingUnit, e.DecisionNo, e.Grounds, e.Reasons, e.Basis, e.StartsOn, e.EndsOn, e.RemovalConditions, e.Remedy,
            e.Published, e.UnderObjection, e.DecidedAt, e.EndReason, e.EndReason is { } r ? CreditListNames.EndReason(r) : null,
            e.EndNote, s.LinkedRole is { } role ? RoleName(role) : null, s.ParentId);
    }

    /// <summary>The entries of a subject its audience may see, in force first.</summary>
    public IReadOnlyList<ListDecisionView> OfSubject(long subjectId, Audience audience) =>
        queries.OfSubject(subjectId).Select(r => View(r, audience)).OfType<ListDecisionView>().ToList();

    /// <summary>The Chinese name of an Art. 33 role code.</summary>
    public string RoleName(string code) =>
        rules.Versions.Reverse().SelectMany(v => v.Dishonesty.LinkedPersons.Roles).FirstOrDefault(r => r.Code == code)?.Name ?? code;

    /// <summary>A period as pages show it.</summary>
    public static string Period(DateOnly starts, DateOnly? ends) =>
        $"{WorkingCalendar.Iso(starts)} 至 {(ends is { } x ? WorkingCalendar.Iso(x) : "移出之日")}";
}
