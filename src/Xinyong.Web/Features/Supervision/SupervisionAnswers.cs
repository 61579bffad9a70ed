using System.Text.Json.Serialization;
using Xinyong.Application.Supervision;
using Xinyong.Storage.Supervision;
using Xinyong.Supervision;

namespace Xinyong.Web.Features.Supervision;

/// <summary>The supervision rules as data (<c>GET /api/v1/supervision/rules</c>): SM Art. 8 categories, channels, reject
/// reasons, closing types and methods, investigation methods and the authorities' tree.</summary>
public sealed record SupervisionRulesView(
    string Basis, IReadOnlyList<SupervisionTerm> Categories, IReadOnlyList<SupervisionTerm> Channels, IReadOnlyList<SupervisionTerm> RejectReasons,
    IReadOnlyList<SupervisionTerm> ClosingTypes, IReadOnlyList<SupervisionTerm> ClosingMethods, IReadOnlyList<SupervisionTerm> InvestigationMethods,
    IReadOnlyList<AuthorityView> Authorities)
{
    /// <summary>The view of <paramref name="r"/>.</summary>
    public static SupervisionRulesView Of(SupervisionRules r) => new(
        r.Basis, r.Categories, r.Channels, r.RejectReasons, r.ClosingTypes, r.ClosingMethods, r.InvestigationMethods,
        r.Authorities.Select(a => new AuthorityView(a.Region, a.Level, a.Name, a.Parent)).ToList());
}

/// <summary>A business-environment authority: its division code, level (province, city, county), name and the division
/// code of the level above (null for the province).</summary>
public sealed record AuthorityView(string Region, string Level, string Name, string? Parent);

/// <summary>A case registered: a clue (SM Art. 16) with the complainant's query code, or a review case (SM Art. 24)
/// without one. A member that is null is left out (so the optional ones are not required in the document).</summary>
public sealed record FiledCaseAnswer(
    long Id, string Number, string Status, DateOnly ReviewDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QueryCode = null)
{
    /// <summary>The answer for a clue filed (with its query code, when it has one).</summary>
    public static FiledCaseAnswer Clue(FiledClue f) => new(f.Id, f.Number, f.Status, f.ReviewDue, f.QueryCode);

    /// <summary>The answer for a review case (no query code: the complainant follows it with the one it has).</summary>
    public static FiledCaseAnswer ReviewCase(FiledClue f) => new(f.Id, f.Number, f.Status, f.ReviewDue, null);
}

/// <summary>A review's outcome (SM Art. 17): the case's status, the due days it opened and the authority that holds it.</summary>
public sealed record ReviewAnswer(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? AnswerDue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? CloseDue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Authority = null)
{
    /// <summary>The answer for <paramref name="r"/>.</summary>
    public static ReviewAnswer Of(ReviewResult r) => new(r.Status, r.AnswerDue, r.CloseDue, r.Authority);
}

/// <summary>The closing due day after an extension (SM Art. 20).</summary>
public sealed record ExtensionAnswer(DateOnly CloseDue);

/// <summary>A closing (SM Art. 22): the status, the last day to ask for a review and the credit records it wrote.</summary>
public sealed record ClosingAnswer(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? ReviewRequestDue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? IntegrityRecordId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ArrearsRecordId = null)
{
    /// <summary>The answer for <paramref name="r"/>.</summary>
    public static ClosingAnswer Of(ClosingResult r) => new(r.Status, r.ReviewRequestDue, r.IntegrityRecordId, r.ArrearsRecordId);
}

/// <summary>A typical case published (SM Art. 28), the complainant masked.</summary>
public sealed record TypicalCase(long CaseId, string Summary);

/// <summary>The figures of a period for the annual assessment (SM Art. 14), per grouping asked (authority, respondent,
/// channel, category, outcome).</summary>
public sealed record SupervisionStatistics(DateOnly From, DateOnly To, IReadOnlyDictionary<string, IReadOnlyList<SupervisionCount>> Groups);
