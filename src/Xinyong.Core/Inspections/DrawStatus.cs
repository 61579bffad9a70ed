using System.Text.Json.Serialization;

namespace Xinyong.Inspections;

/// <summary>
/// The status of a 双随机 inspection plan (<c>inspection_draws.status</c>): committed (published with its rosters'
/// hashes and the seed moment), then drawn once from the public value (《优化营商环境条例》第五十四条).
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct DrawStatus : IStatusCode<DrawStatus>
{
    /// <summary>Published, waiting for its seed moment and the public value.</summary>
    public static readonly DrawStatus Committed = new("committed", "已公布，待抽取");

    /// <summary>Drawn: the targets and inspectors are fixed and published.</summary>
    public static readonly DrawStatus Drawn = new("drawn", "已抽取");

    /// <inheritdoc />
    public static IReadOnlyList<DrawStatus> All { get; } = [Committed, Drawn];

    private DrawStatus(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(DrawStatus s) => s.Code;

    public override string ToString() => Code;
}
