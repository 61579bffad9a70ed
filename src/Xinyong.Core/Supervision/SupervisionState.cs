using System.Text.Json.Serialization;

namespace Xinyong.Supervision;

/// <summary>
/// The state of a business-environment supervision case (<c>cases.state</c> of kind <c>supervision</c>, declared in
/// <c>data/cases/supervision.yaml</c>): received and waiting for review (SM Art. 17), accepted, or ended as handed over,
/// rejected or closed (SM Art. 17, 22). The kind file and this type name the same states (a test holds them together).
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct SupervisionState : IStatusCode<SupervisionState>
{
    /// <summary>Received, waiting for review within 5 working days (SM Art. 17); a transferred or referred case is received again.</summary>
    public static readonly SupervisionState Received = new("received", "待审查");

    /// <summary>Accepted (SM Art. 17 (1)): answered, investigated, then closed within 30 working days (SM Art. 18-20).</summary>
    public static readonly SupervisionState Accepted = new("accepted", "已受理");

    /// <summary>Handed over to the supervision commission or a judicial organ (SM Art. 17 (3)).</summary>
    public static readonly SupervisionState HandedOver = new("handed-over", "已移交");

    /// <summary>Not accepted (SM Art. 17 (4)).</summary>
    public static readonly SupervisionState Rejected = new("rejected", "不予受理");

    /// <summary>Closed with one of the five closing types (SM Art. 22).</summary>
    public static readonly SupervisionState Closed = new("closed", "已结案");

    /// <inheritdoc />
    public static IReadOnlyList<SupervisionState> All { get; } = [Received, Accepted, HandedOver, Rejected, Closed];

    private SupervisionState(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (comparisons with a case's state, pages, JSON of views).</summary>
    public static implicit operator string(SupervisionState s) => s.Code;

    public override string ToString() => Code;
}
