using Xinyong.Catalog;
using Xinyong.Identifiers;

namespace Xinyong.Query;

/// <summary>The state of a record that decides whether the public sees it.</summary>
/// <param name="Status">active, revoked or archived.</param>
/// <param name="Withheld">Not published: positive information the subject declined (Art. 37), or repaired (Art. 40).</param>
/// <param name="PublicUntil">The last day of the disclosure period; null = indefinitely.</param>
public readonly record struct PublicationState(string Status, bool Withheld, DateOnly? PublicUntil);

/// <summary>
/// The one rule of what the public sees (Art. 23, 37): a record is public when its item is unconditionally open, it is
/// active (not revoked, not archived), not withheld, and its disclosure period has not ended — the last day of the
/// period is still public, the day after is not.
/// </summary>
public static class Publication
{
    /// <summary>Whether anonymous callers see the record today.</summary>
    public static bool IsPublic(CatalogItem item, PublicationState s, DateOnly today) =>
        item.Open == OpenAttribute.Unconditional && InForce(s, today);

    /// <summary>
    /// Whether the record may be opened or shared at all today, whatever the item's attributes: active (not revoked,
    /// not archived), not withheld, and within its disclosure period. Every audience but the subject itself is bound by it.
    /// </summary>
    public static bool InForce(PublicationState s, DateOnly today) =>
        s.Status == "active" && !s.Withheld && !PeriodEnded(s.PublicUntil, today);

    /// <summary>
    /// Whether a subject may ask that records of the item not be published (Art. 37: 守信信息 may be published long-term,
    /// but not when the subject asks otherwise). Only positive information can be declined.
    /// </summary>
    public static bool MayDecline(CatalogItem item) => item.Nature == Nature.Positive;

    /// <summary>Whether the disclosure period ended before <paramref name="today"/>.</summary>
    public static bool PeriodEnded(DateOnly? publicUntil, DateOnly today) => publicUntil is { } u && today > u;
}

/// <summary>
/// Masking of a record's fields outside the subject's own view (Art. 23; SPEC section 7): a natural person's name and
/// every personal field; a USCC in a personal field (an organisation in a mixed column) stays as it is.
/// </summary>
public static class RecordMasking
{
    /// <summary>The fields as the public and third parties see them.</summary>
    public static Dictionary<string, string> Mask(CatalogItem item, IReadOnlyDictionary<string, string> fields, bool naturalPerson)
    {
        var result = new Dictionary<string, string>(fields.Count);
        foreach (var (code, value) in fields)
        {
            var f = item.Field(code);
            if (f is null) { result[code] = value; continue; }
            if (f.Role == FieldRole.SubjectName && naturalPerson) { result[code] = Masking.MaskName(value); continue; }
            if (!f.Personal || Uscc.TryParse(value, out _, out _)) { result[code] = value; continue; }
            if (f.Mask == MaskKind.Hide) continue;
            result[code] = MaskValue(f, value);
        }
        return result;
    }

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
