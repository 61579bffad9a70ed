using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Identifiers;
using Xinyong.Publication;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Application.Publication;

/// <summary>
/// Who is looking: decides which records appear and whether personal information is masked. Everyone but the subject
/// itself (and staff acting for the platform) sees personal information masked (Art. 23).
/// </summary>
public abstract record Audience
{
    private Audience() { }

    /// <summary>Anyone: only public records (Art. 23, 37), personal information masked.</summary>
    public static Audience Public { get; } = new PublicAudience();

    /// <summary>The subject itself (Art. 24), or staff and auditors: every record, archived ones included, unmasked.</summary>
    public static Audience Full { get; } = new FullAudience();

    /// <summary>A department reading for its duties (Art. 22): the records in force of the items shared with it, masked.</summary>
    /// <param name="items">The items the department's account may read (for conditionally shared items).</param>
    public static Audience Department(IReadOnlySet<string> items) => new DepartmentAudience(items);

    /// <summary>
    /// A bank or credit-service firm (Art. 23(2), 24): what is open to all and, under a valid authorization, the
    /// conditionally open records of the items it names; masked.
    /// </summary>
    /// <param name="authorizedItems">The items of the valid authorization, or null without one.</param>
    public static Audience Institution(IReadOnlySet<string>? authorizedItems) => new InstitutionAudience(authorizedItems);

    /// <summary>Whether personal information is masked for this audience.</summary>
    public bool Masked => this is not FullAudience;

    /// <summary>Whether this audience sees a record of <paramref name="item"/> in state <paramref name="s"/> today.</summary>
    public abstract bool Sees(CatalogItem item, PublicationState s, DateOnly today);

    private sealed record PublicAudience : Audience
    {
        public override bool Sees(CatalogItem item, PublicationState s, DateOnly today) => PublicationRule.IsPublic(item, s, today);
    }

    private sealed record FullAudience : Audience
    {
        public override bool Sees(CatalogItem item, PublicationState s, DateOnly today) => true;
    }

    private sealed record DepartmentAudience(IReadOnlySet<string> Items) : Audience
    {
        public override bool Sees(CatalogItem item, PublicationState s, DateOnly today) => Sharing.Sees(item, s, today, Items);
    }

    private sealed record InstitutionAudience(IReadOnlySet<string>? AuthorizedItems) : Audience
    {
        public override bool Sees(CatalogItem item, PublicationState s, DateOnly today) => AuthorizedQuery.Sees(item, s, today, AuthorizedItems);
    }
}

/// <summary>A subject as the API and the portal show it.</summary>
public sealed record SubjectView(
    string Ref, string Code, string Name, string Kind, string KindLabel, string? Region, string? RegionName,
    string? LegalRepresentative, IReadOnlyList<RecordView> Records);

/// <summary>A record as the API and the portal show it.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Item">The catalog item code.</param>
/// <param name="ItemName">The item's Chinese name.</param>
/// <param name="Group">The catalog group the record is shown in (<see cref="CatalogGroup"/>: basic, licence, penalty, …).</param>
/// <param name="GroupLabel">The group's Chinese heading, from the catalog.</param>
/// <param name="Nature">basic, positive, negative or neutral.</param>
/// <param name="Serious">Graded serious (negative items).</param>
/// <param name="Status">active, revoked or archived.</param>
/// <param name="Public">Whether the record is public today.</param>
/// <param name="Open">The item's open attribute: unconditional, conditional or none.</param>
/// <param name="Withheld">Not published: the subject declined (Art. 37) or the record was repaired (Art. 40).</param>
/// <param name="UnderObjection">An objection is open against the record (异议处理中, Art. 39).</param>
/// <param name="DecidedOn">The decision date.</param>
/// <param name="PublicUntil">The last day of the disclosure period; null = indefinitely.</param>
/// <param name="Authority">The deciding authority.</param>
/// <param name="DecisionNumber">The decision document number.</param>
/// <param name="Version">The record's version.</param>
/// <param name="Fields">The fields by code, masked for the audience.</param>
/// <param name="Labels">Every field's code and Chinese label, in catalog order.</param>
public sealed record RecordView(
    long Id, string Item, string ItemName, string Group, string GroupLabel, string Nature, bool Serious,
    string Status, bool Public, string Open, bool Withheld, bool UnderObjection, DateOnly? DecidedOn, DateOnly? PublicUntil,
    string? Authority, string? DecisionNumber, int Version,
    IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FieldLabel> Labels)
{
    /// <summary>Negative records: minor, general or serious (national Credit Repair Measures); null for other items.</summary>
    public string? Severity => Window?.Severity;
    /// <summary>Negative records: the last day of publication, when it ends automatically.</summary>
    public DateOnly? DisclosureEnds => Window?.Published == true ? Window.DisclosureEnds : null;
    /// <summary>Negative records: the tier, the rule that assigned it, the end of the window, the earliest repair date and the conditions.</summary>
    public Xinyong.Disclosure.RecordWindow? Window { get; init; }
}

/// <summary>A field's code and Chinese label, in catalog order.</summary>
public sealed record FieldLabel(string Code, string Label);

/// <summary>Builds the views of subjects and records for an audience: the one place where publication and masking apply.</summary>
public sealed class SubjectViews(CatalogSet catalog, RecordReader records, TimeProvider clock)
{
    /// <summary>The subject with the records its audience may see.</summary>
    /// <remarks>The public's view may be a little stale (read replica); the subject's own and every other audience's read the primary.</remarks>
    public SubjectView Of(SubjectRow s, Audience audience) => Of(s, audience, records.OfSubject(s.Id, stale: audience == Audience.Public), clock.Today());

    /// <summary>The subject with those of <paramref name="stored"/> (its records, already read) that its audience may see on <paramref name="today"/>.</summary>
    public SubjectView Of(SubjectRow s, Audience audience, IEnumerable<StoredRecord> stored, DateOnly today)
    {
        var views = new List<RecordView>();
        foreach (var r in stored)
            if (Record(r, s.IsNaturalPerson, audience, today) is { } v) views.Add(v);
        return Subject(s, audience, views);
    }

    /// <summary>The subject's own information without records (for pages that list records separately).</summary>
    public SubjectView Subject(SubjectRow s, Audience audience, IReadOnlyList<RecordView> records) => new(
        s.Ref, s.IdMasked, SubjectName(s.Name, s.IsNaturalPerson, audience), s.Kind, s.KindValue.Chinese(),
        s.Region, s.Region is null ? null : Divisions.NameOf(s.Region) ?? Divisions.NameOf(s.Region[..2] + "0000"),
        s.IsNaturalPerson ? null : s.LegalRep, records);

    /// <summary>A subject's name as an audience sees it: a natural person's name masked outside its own view.</summary>
    public static string SubjectName(string name, bool naturalPerson, Audience audience) =>
        audience.Masked && naturalPerson ? Masking.MaskName(name) : name;

    /// <summary>One record for an audience, or null when the audience may not see it.</summary>
    public RecordView? Record(StoredRecord r, bool naturalPerson, Audience audience, DateOnly today)
    {
        var item = catalog.Item(r.Item);
        if (item is null) return null;
        var state = r.State;
        if (!audience.Sees(item, state, today)) return null;
        var fields = RecordJson.Parse(r.Fields);
        var shown = audience.Masked ? RecordMasking.Mask(item, fields, naturalPerson) : fields;
        var number = item.FieldWith(FieldRole.DecisionNumber) is { } df ? shown.GetValueOrDefault(df.Code) : null;
        return new RecordView(r.Id, item.Code, item.Name, item.Group, catalog.Group(item.Group)?.Label ?? item.Group,
            item.Nature.ToString().ToLowerInvariant(), r.Serious, r.Status, PublicationRule.IsPublic(item, state, today),
            item.Open.ToString().ToLowerInvariant(), r.Withheld, r.UnderObjection, r.DecidedOn, r.PublicUntil,
            r.Authority, number, r.Version, shown, item.Fields.Select(f => new FieldLabel(f.Code, f.Label)).ToList())
        {
            Window = Xinyong.Disclosure.RecordWindow.Of(item, r.Severity, r.TierRule, r.Serious, r.Publication, r.PublicUntil, r.RepairFrom),
        };
    }
}
