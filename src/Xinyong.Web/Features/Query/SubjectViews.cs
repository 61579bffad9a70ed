using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Identifiers;
using Xinyong.Query;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Query;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Web.Features.Query;

/// <summary>Who is looking: decides which records appear and whether personal information is masked.</summary>
public enum Audience
{
    /// <summary>Anyone: only public records (Art. 23, 37), personal information masked.</summary>
    Public,
    /// <summary>The subject itself (Art. 24), or staff and auditors: every record, archived ones included, unmasked.</summary>
    Full,
}

/// <summary>A subject as the API and the portal show it.</summary>
public sealed record SubjectView(
    string Ref, string Code, string Name, string Kind, string KindLabel, string? Region, string? RegionName,
    string? LegalRepresentative, IReadOnlyList<RecordView> Records);

/// <summary>A record as the API and the portal show it.</summary>
public sealed record RecordView(
    long Id, string Item, string ItemName, string Group, string GroupLabel, string Nature, bool Serious,
    string Status, bool Public, DateOnly? DecidedOn, DateOnly? PublicUntil, string? Authority, int Version,
    IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FieldLabel> Labels);

/// <summary>A field's code and Chinese label, in catalog order.</summary>
public sealed record FieldLabel(string Code, string Label);

/// <summary>Builds the views of subjects and records for an audience: the one place where publication and masking apply.</summary>
public sealed class SubjectViews(CatalogSet catalog, RecordReader records, TimeProvider clock)
{
    /// <summary>The Chinese heading of each portal group.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>
    {
        ["basic"] = "基本信息",
        ["licence"] = "行政许可",
        ["penalty"] = "行政处罚",
        ["list"] = "信用名单",
        ["commitment"] = "信用承诺",
        ["honour"] = "表彰荣誉及其他守信信息",
        ["other"] = "其他信息",
    };

    /// <summary>The subject with the records its audience may see.</summary>
    public SubjectView Of(SubjectRow s, Audience audience)
    {
        var today = clock.Today();
        var views = new List<RecordView>();
        foreach (var r in records.OfSubject(s.Id))
            if (Record(r, s, audience, today) is { } v) views.Add(v);
        var masked = audience == Audience.Public && s.IsNaturalPerson;
        return new SubjectView(
            s.Ref, s.IdMasked, masked ? Masking.MaskName(s.Name) : s.Name, s.Kind, s.KindValue.Chinese(),
            s.Region, s.Region is null ? null : Divisions.NameOf(s.Region) ?? Divisions.NameOf(s.Region[..2] + "0000"),
            s.IsNaturalPerson ? null : s.LegalRep, views);
    }

    /// <summary>One record for an audience, or null when the audience may not see it.</summary>
    public RecordView? Record(StoredRecord r, SubjectRow s, Audience audience, DateOnly today)
    {
        var item = catalog.Item(r.Item);
        if (item is null) return null;
        var isPublic = Publication.IsPublic(item, new PublicationState(r.Status, r.Withheld, r.PublicUntil), today);
        if (audience == Audience.Public && !isPublic) return null;
        var fields = RecordJson.Parse(r.Fields);
        var shown = audience == Audience.Public ? RecordMasking.Mask(item, fields, s.IsNaturalPerson) : fields;
        return new RecordView(r.Id, item.Code, item.Name, item.Group, Groups.GetValueOrDefault(item.Group, item.Group),
            item.Nature.ToString().ToLowerInvariant(), r.Serious, r.Status, isPublic, r.DecidedOn, r.PublicUntil,
            r.Authority, r.Version, shown, item.Fields.Select(f => new FieldLabel(f.Code, f.Label)).ToList());
    }
}
