using Xinyong.Catalog;
using Xinyong.Storage.Subjects;
using Xinyong.Measures;
using Xinyong.Publication;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Publication;

/// <summary>The records of one portal group, newest decision first.</summary>
public sealed record RecordGroup(string Key, string Label, IReadOnlyList<RecordCard> Records);

/// <summary>A record as a line of a subject page: the view, and the one field that sums it up.</summary>
/// <param name="View">The record as the audience sees it.</param>
/// <param name="SummaryLabel">The label of the summary field, or null.</param>
/// <param name="Summary">The summary value, or null.</param>
public sealed record RecordCard(RecordView View, string? SummaryLabel, string? Summary);

/// <summary>A credit-list entry as the portal, the objection pages and the reports show it.</summary>
/// <param name="Id">The entry.</param>
/// <param name="List">dishonesty or incentive.</param>
/// <param name="ListLabel">严重失信主体名单 or 守信激励主体名单.</param>
/// <param name="DecisionNo">The written decision's number.</param>
/// <param name="DecidingUnit">The deciding unit's code.</param>
/// <param name="DecidingUnitName">The deciding unit's name (its code when unknown).</param>
/// <param name="Grounds">The ground (Art. 29) or criterion.</param>
/// <param name="Reasons">The reasons of the decision.</param>
/// <param name="Basis">The legal basis.</param>
/// <param name="StartsOn">The first day.</param>
/// <param name="EndsOn">The last day; null = until removed.</param>
/// <param name="Status">active or ended.</param>
/// <param name="EndReason">Why it ended.</param>
/// <param name="UnderObjection">An objection is open against it.</param>
/// <param name="RecordId">The supporting record, if any.</param>
/// <param name="InForce">In force today (<see cref="ListStore.InForce"/>); when the standing was not read, whether it is active.</param>
public sealed record ListEntryView(
    long Id, string List, string ListLabel, string DecisionNo, string DecidingUnit, string DecidingUnitName, string Grounds,
    string Reasons, string Basis, DateOnly StartsOn, DateOnly? EndsOn, string Status, string? EndReason, bool UnderObjection, long? RecordId,
    bool InForce)
{
    /// <summary>The view of a stored entry.</summary>
    public static ListEntryView Of(ListEntry e, string? decidingUnitName = null, bool? inForce = null) => new(
        e.Id, e.List, CreditListNames.Chinese(e.List), e.DecisionNo, e.DecidingUnit, decidingUnitName ?? e.DecidingUnit,
        e.Grounds, e.Reasons, e.Basis, e.StartsOn, e.EndsOn, e.Status, e.EndReason, e.UnderObjection, e.RecordId, inForce ?? e.Status == ListEntryStatus.Active);

    /// <summary>The entry's standing as pages show it: 有效, 已失效，待移出 (its period or basis ended, not yet closed), or 已移出 with the reason.</summary>
    public string StatusLabel => InForce ? "有效" : Status == ListEntryStatus.Active ? "已失效，待移出" : EndReason is { } r ? $"已移出（{CreditListNames.EndReason(r)}）" : "已移出";
}

/// <summary>A label and a value.</summary>
public sealed record LabelledValue(string Label, string Value);

/// <summary>What a subject page shows: the subject, its registration details, its records by group and its list entries.</summary>
/// <param name="Subject">The subject and every record the audience sees.</param>
/// <param name="Registration">The registration details (登记注册基本信息) beyond name, code, representative and region.</param>
/// <param name="Groups">The records by catalog group, in the catalog's order (<see cref="CatalogGroup"/>).</param>
/// <param name="Lists">The credit-list entries the audience sees.</param>
/// <param name="BasicLabel">The heading of the subject's basic information (the catalog's group <c>basic</c>).</param>
public sealed record SubjectPage(SubjectView Subject, IReadOnlyList<LabelledValue> Registration, IReadOnlyList<RecordGroup> Groups, IReadOnlyList<ListEntryView> Lists,
    string BasicLabel);

/// <summary>
/// Builds subject pages for the portal over <see cref="SubjectViews"/> (which decides what an audience sees and masks):
/// groups the records as 信用中国 does and adds the subject's credit-list entries.
/// </summary>
public sealed class SubjectPages(SubjectViews views, CatalogSet catalog, ListQueries lists)
{
    /// <summary>
    /// The page of a subject for an audience. The groups, their headings and their order are the catalog's
    /// (<see cref="CatalogSet.Groups"/>); a record of a group the current version no longer declares is shown in the last
    /// group. A group shown to some kinds of subject only (政务诚信, credit regulation Art. 9) appears on other subjects'
    /// pages only when they have records in it.
    /// </summary>
    public SubjectPage Of(SubjectRow s, Audience audience)
    {
        var view = views.Of(s, audience);
        var registration = Registration(view.Records.FirstOrDefault(r => r.Group == CatalogGroup.Basic));
        var declared = catalog.Groups;
        var shown = declared.Where(g => g.Code != CatalogGroup.Basic).ToList();
        var last = shown.Count > 0 ? shown[^1].Code : null;
        var groups = shown.Select(g => new RecordGroup(g.Code, g.Label,
            view.Records.Where(r => r.Group == g.Code || g.Code == last && r.Group != CatalogGroup.Basic && declared.All(d => d.Code != r.Group)).Select(Card).ToList()))
            .Where(g => declared.First(d => d.Code == g.Key).Shows(s.Kind) || g.Records.Count > 0).ToList();
        var entries = lists.OfSubject(s.Id)
            .Where(r => !audience.Masked || r.PublicToday)
            .Select(r => ListEntryView.Of(r.Entry, inForce: r.Subject.InForce))
            .ToList();
        return new SubjectPage(view, registration, groups, entries, catalog.Group(CatalogGroup.Basic)?.Label ?? CatalogGroup.Basic);
    }

    /// <summary>The fields of a registration record that the subject's heading does not already show (identity, representative, region).</summary>
    private List<LabelledValue> Registration(RecordView? r)
    {
        if (r is null || catalog.Item(r.Item) is not { } item) return [];
        return item.Fields.Where(f => f.Role is not (FieldRole.SubjectName or FieldRole.SubjectUscc or FieldRole.SubjectCode or FieldRole.SubjectIdNumber
                                          or FieldRole.SubjectIdType or FieldRole.LegalRepresentative or FieldRole.Region) && r.Fields.ContainsKey(f.Code))
            .Select(f => new LabelledValue(f.Label, r.Fields[f.Code])).ToList();
    }

    /// <summary>
    /// A record with its summary: the first plain-text field of the item that is neither personal nor one the
    /// pipeline reads through a role (those — number, date, authority — are shown on their own).
    /// </summary>
    public RecordCard Card(RecordView r)
    {
        var f = catalog.Item(r.Item)?.Fields.FirstOrDefault(f => f.Type == FieldType.Text && f.Role == FieldRole.None && !f.Personal && r.Fields.ContainsKey(f.Code));
        return new RecordCard(r, f?.Label, f is null ? null : r.Fields[f.Code]);
    }
}
