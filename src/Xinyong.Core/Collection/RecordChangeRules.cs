namespace Xinyong.Collection;

/// <summary>Why a provider revokes a negative record (Art. 38): the basis was revoked, confirmed illegal or confirmed invalid.</summary>
public static class RevocationBasis
{
    /// <summary>The accepted bases with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["revoked"] = "认定依据被撤销",
        ["confirmed-illegal"] = "认定依据被确认违法",
        ["confirmed-invalid"] = "认定依据被确认无效",
    };

    /// <summary>The text a revocation keeps with the record's version and event: the basis's name and the reason.</summary>
    public static string Note(string basisName, string reason) => $"{basisName}：{reason}";
}

/// <summary>The refusals of a provider's correction or revocation of a record (Art. 38), with the words people read.</summary>
public static class RecordRefusals
{
    /// <summary>No record with this id (or not visible).</summary>
    public static Refusal NotFound(long recordId) => Refusal.NotFound("record.not-found", $"没有编号为{recordId}的记录");

    /// <summary>The actor may not change this record.</summary>
    public static Refusal ChangeRefused() =>
        Refusal.Forbidden("record.forbidden", "只有报送该记录的提供单位、该单位和公共信用工作机构的办理人员可以更正或撤销");

    /// <summary>A correction without its reason.</summary>
    public static Refusal CorrectionWithoutReason() => Refusal.Invalid("record.invalid", "更正须说明理由");

    /// <summary>A correction names a field the item does not have.</summary>
    public static Refusal NotAField(string key, string item) => Refusal.Invalid("record.invalid", $"“{key}”不是目录项{item}的字段");

    /// <summary>A correction would change the subject or the document number.</summary>
    public static Refusal KeyFieldChanged(string label) => Refusal.Invalid("record.invalid", $"更正不能改变信用主体或文书号（{label}）；请撤销后重新报送");

    /// <summary>The corrected content does not validate (the errors name the fields).</summary>
    public static Refusal CorrectionInvalid(IReadOnlyList<FieldError> errors) => Refusal.Invalid("record.invalid", "更正后的内容有误", errors);

    /// <summary>A revocation whose basis is not one of <see cref="RevocationBasis.All"/>.</summary>
    public static Refusal UnknownBasis() => Refusal.Invalid("record.invalid", $"撤销依据须为 {string.Join(", ", RevocationBasis.All.Keys)}");

    /// <summary>A revocation without its reason.</summary>
    public static Refusal RevocationWithoutReason() => Refusal.Invalid("record.invalid", "撤销须说明理由");

    /// <summary>The record is revoked already.</summary>
    public static Refusal AlreadyRevoked() => Refusal.Conflict("record.conflict", "该记录已撤销");
}

/// <summary>
/// A provider's correction of a record, checked (<see cref="RecordChangeRules.Correction"/>): the item, the corrected and
/// validated content and the reason. Only the domain makes one, so a store applies only a checked change.
/// </summary>
public sealed class CheckedCorrection
{
    internal CheckedCorrection(Xinyong.Catalog.CatalogItem item, ValidRecord record, string reason)
    {
        Item = item;
        Record = record;
        Reason = reason;
    }

    /// <summary>The record's catalog item.</summary>
    public Xinyong.Catalog.CatalogItem Item { get; }

    /// <summary>The corrected content, validated against the item.</summary>
    public ValidRecord Record { get; }

    /// <summary>Why it was corrected (never blank).</summary>
    public string Reason { get; }
}

/// <summary>A revocation of a record, checked (<see cref="RecordChangeRules.Revocation"/>): its basis and reason.</summary>
public sealed class CheckedRevocation
{
    internal CheckedRevocation(string basis, string basisName, string reason)
    {
        Basis = basis;
        BasisName = basisName;
        Reason = reason;
    }

    /// <summary>The basis's code (<see cref="RevocationBasis.All"/>).</summary>
    public string Basis { get; }

    /// <summary>The basis's Chinese name.</summary>
    public string BasisName { get; }

    /// <summary>Why (never blank).</summary>
    public string Reason { get; }

    /// <summary>The text kept with the record's version and event (<see cref="RevocationBasis.Note"/>).</summary>
    public string Note => RevocationBasis.Note(BasisName, Reason);
}

/// <summary>
/// Which changes a provider may make to its records (Art. 38), and the refusal of any other: a correction names its
/// reason, changes only fields of the item, never the subject or the document number, and leaves content that validates;
/// a revocation names one of the accepted bases and its reason, and only of a record not revoked yet. Who may change a
/// record is <c>RecordAccess</c>'s rule, checked before these.
/// </summary>
public static class RecordChangeRules
{
    /// <summary>
    /// Checks a correction: <paramref name="patch"/> (field code or label → new value, null to clear) over
    /// <paramref name="current"/> (the record's content by field code).
    /// </summary>
    /// <param name="item">The record's catalog item.</param>
    /// <param name="current">The stored content, by field code.</param>
    /// <param name="patch">The changes.</param>
    /// <param name="reason">Why.</param>
    /// <param name="today">Today (Beijing).</param>
    /// <param name="subject">The record's subject, which a correction cannot change.</param>
    /// <exception cref="Refusal">Invalid: no reason, a field not of the item, a key field changed, content that does not validate.</exception>
    public static CheckedCorrection Correction(Xinyong.Catalog.CatalogItem item, IReadOnlyDictionary<string, string> current,
        IReadOnlyDictionary<string, string?> patch, string reason, DateOnly today, (Xinyong.Subjects.SubjectIdentity Identity, Xinyong.Subjects.SubjectKind Kind, string? Region) subject)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw RecordRefusals.CorrectionWithoutReason();
        var values = item.Fields.Select(f => current.GetValueOrDefault(f.Code)).ToArray();
        var names = item.Fields.Select(f => f.Code).ToArray();
        foreach (var (key, value) in patch)
        {
            var i = RowShape.IndexOf(item, key);
            if (i < 0) throw RecordRefusals.NotAField(key, item.Code);
            var f = item.Fields[i];
            if (f.Role is Xinyong.Catalog.FieldRole.SubjectUscc or Xinyong.Catalog.FieldRole.SubjectIdNumber or Xinyong.Catalog.FieldRole.SubjectCode
                    or Xinyong.Catalog.FieldRole.SubjectIdType or Xinyong.Catalog.FieldRole.SubjectCategory || item.KeyFields.Contains(f.Code))
                throw RecordRefusals.KeyFieldChanged(f.Label);
            values[i] = value;
            names[i] = key;
        }
        var errors = new List<FieldError>();
        var valid = new RecordValidator(item).Validate(values, names, today, errors, subject);
        return valid is null ? throw RecordRefusals.CorrectionInvalid(errors) : new CheckedCorrection(item, valid, reason);
    }

    /// <summary>Checks a revocation of a record whose status is <paramref name="status"/>.</summary>
    /// <exception cref="Refusal">Invalid: an unknown basis, no reason; Conflict: revoked already.</exception>
    public static CheckedRevocation Revocation(string? basis, string reason, RecordStatus status)
    {
        if (!RevocationBasis.All.TryGetValue(basis ?? "", out var basisName)) throw RecordRefusals.UnknownBasis();
        if (string.IsNullOrWhiteSpace(reason)) throw RecordRefusals.RevocationWithoutReason();
        if (status == RecordStatus.Revoked) throw RecordRefusals.AlreadyRevoked();
        return new CheckedRevocation(basis!, basisName, reason);
    }
}
