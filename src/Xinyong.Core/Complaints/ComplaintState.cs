using System.Text.Json.Serialization;

namespace Xinyong.Complaints;

/// <summary>
/// The state of a complaint against a credit information collector (the states of the case kind
/// <c>collector-complaint</c>, <c>data/cases/collector-complaint.yaml</c>): received, accepted and being verified, then
/// not accepted or answered in writing.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct ComplaintState : IStatusCode<ComplaintState>
{
    /// <summary>Received, waiting to be accepted.</summary>
    public static readonly ComplaintState Received = new("received", "已收到，待受理");

    /// <summary>Accepted: the collector's conduct is being verified.</summary>
    public static readonly ComplaintState Accepted = new("accepted", "已受理，核查处理中");

    /// <summary>Not accepted, with reasons.</summary>
    public static readonly ComplaintState NotAccepted = new("not-accepted", "不予受理");

    /// <summary>Answered in writing.</summary>
    public static readonly ComplaintState Answered = new("answered", "已书面答复");

    /// <inheritdoc />
    public static IReadOnlyList<ComplaintState> All { get; } = [Received, Accepted, NotAccepted, Answered];

    private ComplaintState(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>Whether staff still act on it (received or accepted).</summary>
    public bool Open => this == Received || this == Accepted;

    /// <summary>The code, where text is wanted (pages, the case engine's state codes).</summary>
    public static implicit operator string(ComplaintState s) => s.Code;

    public override string ToString() => Code;
}
