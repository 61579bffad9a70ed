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
