using System.Text.Json.Serialization;

namespace Xinyong.Repairs;

/// <summary>
/// The status of a credit repair application (<c>repairs.status</c>, the same codes as the states of the case kind
/// <c>repair</c>, Art. 40): submitted, then accepted or not accepted, then completed or refused.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct RepairStatus : IStatusCode<RepairStatus>
{
    /// <summary>Submitted, waiting for acceptance (受理).</summary>
    public static readonly RepairStatus Submitted = new("submitted", "已提交，待受理");

    /// <summary>Accepted, waiting for the decision.</summary>
    public static readonly RepairStatus Accepted = new("accepted", "已受理，审核中");

    /// <summary>Not accepted (不予受理), with reasons.</summary>
    public static readonly RepairStatus NotAccepted = new("not-accepted", "不予受理");

    /// <summary>Repair completed: publication stopped, list entries ended, measures ended (Art. 40).</summary>
    public static readonly RepairStatus Completed = new("completed", "修复完成");

    /// <summary>Refused (不予修复), with reasons.</summary>
    public static readonly RepairStatus Refused = new("refused", "不予修复");

    /// <inheritdoc />
    public static IReadOnlyList<RepairStatus> All { get; } = [Submitted, Accepted, NotAccepted, Completed, Refused];

    private RepairStatus(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>Whether the application is still pending (submitted or accepted): one per record at a time.</summary>
    public bool Pending => this == Submitted || this == Accepted;

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters, the case engine's state and action codes).</summary>
    public static implicit operator string(RepairStatus s) => s.Code;

    public override string ToString() => Code;
}
