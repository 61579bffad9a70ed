using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// Whether a record is published to the public (<c>records.publication</c>): published; not published (minor dishonesty
/// information under the national Credit Repair Measures: shared for use, not shown to the public); or held under an
/// emergency declaration until its deciding unit confirms it (审慎认定, Art. 30 (3)).
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct RecordPublication : IStatusCode<RecordPublication>
{
    /// <summary>Published.</summary>
    public static readonly RecordPublication Published = new("published", "公示");

    /// <summary>Not published (minor information): shared for use only.</summary>
    public static readonly RecordPublication NotPublished = new("not-published", "不予公示");

    /// <summary>Held under an emergency declaration for its deciding unit's confirmation.</summary>
    public static readonly RecordPublication Held = new("held", "暂缓公示，待提供单位确认");

    /// <inheritdoc />
    public static IReadOnlyList<RecordPublication> All { get; } = [Published, NotPublished, Held];

    private RecordPublication(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted.</summary>
    public static implicit operator string(RecordPublication s) => s.Code;

    public override string ToString() => Code;
}
