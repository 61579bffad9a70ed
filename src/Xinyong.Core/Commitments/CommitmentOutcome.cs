using System.Text.Json.Serialization;

namespace Xinyong.Commitments;

/// <summary>
/// The outcome of a commitment's verification (<c>commitments.outcome</c>, Art. 46; null while not verified): fulfilled,
/// ordered to rectify, or breached (false or still unfulfilled). Each is also the code of the case kind
/// <c>commitment</c>'s action that records it.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct CommitmentOutcome : IStatusCode<CommitmentOutcome>
{
    /// <summary>The subject fulfilled the commitment.</summary>
    public static readonly CommitmentOutcome Fulfilled = new("fulfilled", "已履行");

    /// <summary>Not fulfilled: ordered to rectify by a day.</summary>
    public static readonly CommitmentOutcome Rectify = new("rectify", "限期整改中");

    /// <summary>A false commitment, or still not fulfilled: a public negative record (Art. 45 (1), 46).</summary>
    public static readonly CommitmentOutcome Breached = new("breached", "未履行或虚假承诺");

    /// <inheritdoc />
    public static IReadOnlyList<CommitmentOutcome> All { get; } = [Fulfilled, Rectify, Breached];

    private CommitmentOutcome(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters, the case engine's action codes).</summary>
    public static implicit operator string(CommitmentOutcome s) => s.Code;

    public override string ToString() => Code;
}
