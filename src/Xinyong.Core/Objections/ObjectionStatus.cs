using System.Text.Json.Serialization;

namespace Xinyong.Objections;

/// <summary>
/// The status of an objection (<c>objections.status</c>, the same codes as the states of the case kind <c>objection</c>):
/// open while the competent unit decides (Art. 39), referred when received by a unit that is not competent, upheld or
/// rejected once decided.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct ObjectionStatus : IStatusCode<ObjectionStatus>
{
    /// <summary>Received by the competent unit, marked, being decided.</summary>
    public static readonly ObjectionStatus Open = new("open", "处理中");

    /// <summary>Received by a unit that is not competent: the subject was told which unit is (Art. 39).</summary>
    public static readonly ObjectionStatus Referred = new("referred", "已告知有权处理单位");

    /// <summary>Decided: founded; the record was corrected or withdrawn from publication, or the entry ended.</summary>
    public static readonly ObjectionStatus Upheld = new("upheld", "异议成立，已更正");

    /// <summary>Decided: not founded, with reasons.</summary>
    public static readonly ObjectionStatus Rejected = new("rejected", "异议不成立");

    /// <inheritdoc />
    public static IReadOnlyList<ObjectionStatus> All { get; } = [Open, Referred, Upheld, Rejected];

    private ObjectionStatus(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>Whether the objection is decided (upheld or rejected).</summary>
    public bool Decided => this == Upheld || this == Rejected;

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters, the case engine's state and action codes).</summary>
    public static implicit operator string(ObjectionStatus s) => s.Code;

    public override string ToString() => Code;
}
