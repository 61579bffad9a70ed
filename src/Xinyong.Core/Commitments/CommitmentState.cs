using System.Text.Json.Serialization;

namespace Xinyong.Commitments;

/// <summary>
/// The state of a credit commitment (the states of the case kind <c>commitment</c>, <c>data/cases/commitment.yaml</c>,
/// Art. 45, 46): accepted and being kept, ordered to rectify within a period, then fulfilled or breached.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct CommitmentState : IStatusCode<CommitmentState>
{
    /// <summary>Accepted; the subject keeps its commitment until it is verified.</summary>
    public static readonly CommitmentState Accepted = new("accepted", "已受理（履行中）");

    /// <summary>Found not kept at verification and ordered to rectify within a period (Art. 46).</summary>
    public static readonly CommitmentState Rectifying = new("rectifying", "限期整改中");

    /// <summary>Verified as kept.</summary>
    public static readonly CommitmentState Fulfilled = new("fulfilled", "已履行");

    /// <summary>Not kept or false: recorded as a dishonest act (Art. 45, 46).</summary>
    public static readonly CommitmentState Breached = new("breached", "未履行或虚假承诺");

    /// <inheritdoc />
    public static IReadOnlyList<CommitmentState> All { get; } = [Accepted, Rectifying, Fulfilled, Breached];

    private CommitmentState(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (pages, the case engine's state codes).</summary>
    public static implicit operator string(CommitmentState s) => s.Code;

    public override string ToString() => Code;
}
