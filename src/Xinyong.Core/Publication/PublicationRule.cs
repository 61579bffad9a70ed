using Xinyong.Catalog;
using Xinyong.Identifiers;

namespace Xinyong.Publication;

/// <summary>The state of a record that decides whether the public sees it.</summary>
/// <param name="Status">Active, revoked or archived.</param>
/// <param name="Withheld">Not published: positive information the subject declined (Art. 37), or repaired (Art. 40).</param>
/// <param name="PublicUntil">The last day of the disclosure period; null = indefinitely.</param>
/// <param name="Unpublished">Not published to the public while still shared for use: minor dishonesty information
/// (national Credit Repair Measures), or a record an emergency declaration holds for the deciding unit's confirmation.</param>
/// <param name="Held">Held under an emergency declaration for its deciding unit's confirmation (审慎认定, Art. 30 (3));
/// a held record is also <paramref name="Unpublished"/>.</param>
public readonly record struct PublicationState(RecordStatus Status, bool Withheld, DateOnly? PublicUntil, bool Unpublished = false, bool Held = false);

/// <summary>
/// The one rule of what the public sees (Art. 23, 37): a record is public when its item is unconditionally open, it is
/// active (not revoked, not archived), not withheld, and its disclosure period has not ended — the last day of the
/// period is still public, the day after is not.
/// </summary>
public static class PublicationRule
{
    /// <summary>Whether anonymous callers see the record today.</summary>
    public static bool IsPublic(CatalogItem item, PublicationState s, DateOnly today) =>
        item.Open == OpenAttribute.Unconditional && !s.Unpublished && InForce(s, today);

    /// <summary>
    /// Whether the record may be opened or shared at all today, whatever the item's attributes: active (not revoked,
    /// not archived), not withheld, and within its disclosure period. Every audience but the subject itself is bound by it.
    /// </summary>
    public static bool InForce(PublicationState s, DateOnly today) =>
        s.Status == RecordStatus.Active && !s.Withheld && !PeriodEnded(s.PublicUntil, today);

    /// <summary>
    /// Whether a record counts for measures, checks and grades today (Art. 30): in force (<see cref="InForce"/>), not
    /// exempted from measures (Art. 30 (2)) and not held under an emergency declaration (Art. 30 (3)). Minor information
    /// left unpublished still counts: it is not published, but it is shared for use.
    /// </summary>
    public static bool CountsForMeasures(PublicationState s, DateOnly today, bool exempted) =>
        InForce(s, today) && !s.Held && !exempted;

    /// <summary>
    /// Whether a record has stopped supporting the credit-list entries it is the basis of: revoked (Art. 38) or withheld
    /// (repaired, Art. 40). The end of its disclosure period does not end a listing; the entry has its own period.
    /// </summary>
    public static bool EndsListing(PublicationState s) => s.Status == RecordStatus.Revoked || s.Withheld;

    /// <summary>Whether an active record's disclosure period has ended, so that it is archived (Art. 37).</summary>
    public static bool ArchiveDue(PublicationState s, DateOnly today) => s.Status == RecordStatus.Active && PeriodEnded(s.PublicUntil, today);

    /// <summary>
    /// Whether a subject may ask that records of the item not be published (Art. 37: 守信信息 may be published long-term,
    /// but not when the subject asks otherwise). Only positive information can be declined.
    /// </summary>
    public static bool MayDecline(CatalogItem item) => item.Nature == Nature.Positive;

    /// <summary>Whether the disclosure period ended before <paramref name="today"/>.</summary>
    public static bool PeriodEnded(DateOnly? publicUntil, DateOnly today) => publicUntil is { } u && today > u;
}

/// <summary>
/// Masking of a record's fields outside the subject's own view (Art. 20, 23): a natural person's name and every
/// personal field; a USCC in a personal field (an organisation in a mixed column) stays as it is, a resident identity
/// number never does. In the fields the catalog marks <c>freeText</c>, every resident identity number and telephone
/// number is masked, and, for a natural person, its name and the other person names the record carries (a legal
/// representative field, personal name fields) wherever they occur (<see cref="PersonalText"/>). The one rule every
/// output applies: portal pages, 双公示 listings, the API, the open-data feed and the public credit report.
/// </summary>
public static class RecordMasking
{
    /// <summary>The fields as the public and third parties see them.</summary>
    public static Dictionary<string, string> Mask(CatalogItem item, IReadOnlyDictionary<string, string> fields, bool naturalPerson)
    {
        var result = new Dictionary<string, string>(fields.Count);
        List<string>? names = null;
        foreach (var (code, value) in fields)
        {
            var f = item.Field(code);
            if (f is null) { result[code] = value; continue; }
            if (f.Role is FieldRole.SubjectName or FieldRole.LegalRepresentative && naturalPerson) { result[code] = Masking.MaskName(value); continue; }
            if (f.Personal)
            {
                if (Uscc.TryParse(value, out _, out _) && !PersonalText.IsResidentIdShape(value)) { result[code] = value; continue; }
                if (f.Mask == MaskKind.Hide) continue;
                result[code] = MaskValue(f, value);
                continue;
            }
            if (f.FreeText && !string.IsNullOrEmpty(value))
            {
                names ??= PersonNames(item, fields, naturalPerson);
                result[code] = PersonalText.Mask(value, names);
                continue;
            }
            result[code] = value;
        }
        return result;
    }

    /// <summary>
    /// The names a record's free text is screened for: for a natural person, its own name, a legal representative field
    /// and the personal fields masked as names; for an organisation, only the personal name fields (its legal
    /// representative is registration information the public sees, Art. 23).
    /// </summary>
    public static List<string> PersonNames(CatalogItem item, IReadOnlyDictionary<string, string> fields, bool naturalPerson)
    {
        var names = new List<string>(2);
        foreach (var f in item.Fields)
            if (NamesPerson(f, naturalPerson) && fields.TryGetValue(f.Code, out var v) && v.Trim() is { Length: >= 2 } n && !names.Contains(n)) names.Add(n);
        return names;
    }

    /// <summary>Whether a field holds the name of a person the record is about (see <see cref="PersonNames"/>).</summary>
    public static bool NamesPerson(FieldDef f, bool naturalPerson) =>
        (naturalPerson && f.Role is FieldRole.SubjectName or FieldRole.LegalRepresentative)
        || (f.Personal && f.Type == FieldType.Text && f.Mask is MaskKind.Auto or MaskKind.Name);

    /// <summary>Masks one personal value.</summary>
    public static string MaskValue(FieldDef f, string value)
    {
        var kind = f.Mask != MaskKind.Auto ? f.Mask : f.Type is FieldType.IdNumber or FieldType.SubjectCode ? MaskKind.Id : MaskKind.Name;
        return kind switch
        {
            MaskKind.Id => value.Length == 18 ? ResidentId.Mask(value) : Masking.MaskMiddle(value),
            MaskKind.Phone => Masking.MaskPhone(value),
            MaskKind.Address => Masking.MaskAddress(value),
            MaskKind.BirthDate => value.Length >= 4 ? $"{value[..4]}年**月**日" : "****",
            MaskKind.Name => Masking.MaskName(value),
            _ => string.Empty,
        };
    }
}
