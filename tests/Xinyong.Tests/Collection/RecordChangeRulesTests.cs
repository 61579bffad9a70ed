using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Subjects;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Collection;

/// <summary>
/// Which corrections and revocations of a record are allowed (Art. 38) is a domain rule (Core/Collection/
/// RecordChangeRules), checked with no store: the store applies only a <see cref="CheckedCorrection"/> or
/// <see cref="CheckedRevocation"/>, which only the rule makes. The same refusals through the API, on both stores, are in
/// <see cref="PushApiTests"/>.
/// </summary>
public class RecordChangeRulesTests
{
    private static readonly CatalogItem Penalty =
        CatalogFiles.LoadAll(Path.Combine(Paths.Rules, "catalog")).Last().Item("admin-penalty")!;

    private static readonly (SubjectIdentity, SubjectKind, string?) Subject =
        (SubjectIdentity.Stored("uscc", "91230100MA1PUH0011"), SubjectKind.LegalPerson, "230102");

    private static Refusal Refused(IReadOnlyDictionary<string, string?> patch, string reason) =>
        Assert.Throws<Refusal>(() => RecordChangeRules.Correction(Penalty, new Dictionary<string, string>(), patch, reason, new DateOnly(2026, 11, 22), Subject));

    [Fact]
    public void A_correction_needs_a_reason_a_field_of_the_item_and_leaves_the_subject()
    {
        Assert.Equal(RecordRefusals.CorrectionWithoutReason().Message, Refused(new Dictionary<string, string?> { ["content"] = "x" }, " ").Message);
        Assert.Equal(RecordRefusals.NotAField("nope", "admin-penalty").Message, Refused(new Dictionary<string, string?> { ["nope"] = "x" }, "理由").Message);
        var uscc = Penalty.Fields.First(f => f.Role == FieldRole.SubjectUscc);
        Assert.Equal(RecordRefusals.KeyFieldChanged(uscc.Label).Message, Refused(new Dictionary<string, string?> { [uscc.Code] = "91230100MA1PUH0020" }, "理由").Message);
        var key = Penalty.Fields.First(f => Penalty.KeyFields.Contains(f.Code) && f.Role is not (FieldRole.SubjectUscc or FieldRole.SubjectIdNumber));
        Assert.Equal(RecordRefusals.KeyFieldChanged(key.Label).Message, Refused(new Dictionary<string, string?> { [key.Label] = "新文号" }, "理由").Message);
    }

    [Fact]
    public void A_correction_whose_content_does_not_validate_is_refused_with_its_field_errors()
    {
        var r = Refused(new Dictionary<string, string?> { ["content"] = "罚款" }, "理由");
        Assert.Equal("record.invalid", r.Code);
        Assert.Equal(RecordRefusals.CorrectionInvalid([]).Message, r.Message);
        Assert.NotEmpty(r.Details);   // the field errors of the content
    }

    [Fact]
    public void A_revocation_needs_a_known_basis_a_reason_and_a_record_not_revoked()
    {
        Assert.Equal(RecordRefusals.UnknownBasis().Message, Assert.Throws<Refusal>(() => RecordChangeRules.Revocation("whim", "理由", RecordStatus.Active)).Message);
        Assert.Equal(RecordRefusals.RevocationWithoutReason().Message, Assert.Throws<Refusal>(() => RecordChangeRules.Revocation("revoked", "", RecordStatus.Active)).Message);
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => RecordChangeRules.Revocation("revoked", "理由", RecordStatus.Revoked)).Kind);
        var ok = RecordChangeRules.Revocation("confirmed-illegal", "复议撤销", RecordStatus.Active);
        Assert.Equal(RevocationBasis.Note("认定依据被确认违法", "复议撤销"), ok.Note);
    }
}
