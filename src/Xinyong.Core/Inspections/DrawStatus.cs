using System.Text.Json.Serialization;

namespace Xinyong.Inspections;

/// <summary>
/// The status of a 双随机 inspection plan (<c>inspection_draws.status</c>): committed (published with its rosters'
/// hashes and the seed moment), then drawn once from the public value (《优化营商环境条例》第五十四条).
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter<DrawStatus>))]
public readonly record struct DrawStatus : IStatusCode<DrawStatus>
{
    private DrawStatus(string code) => Code = code;

    /// <inheritdoc />
    public string Code { get; }

    /// <summary>Published, waiting for its seed moment and the public value.</summary>
    public static readonly DrawStatus Committed = new("committed");

    /// <summary>Drawn: the targets and inspectors are fixed and published.</summary>
    public static readonly DrawStatus Drawn = new("drawn");

    /// <summary>Every status.</summary>
    public static IReadOnlyList<DrawStatus> All { get; } = [Committed, Drawn];

    /// <inheritdoc />
    public static DrawStatus Parse(string code) => StatusCodes.Find(code, All);

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(DrawStatus s) => s.Code;

    public override string ToString() => Code;
}
