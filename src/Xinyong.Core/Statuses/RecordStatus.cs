using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// The status of a credit record (<c>records.status</c>): active, revoked when its basis was revoked or changed
/// (Art. 38), archived when its disclosure period ended (Art. 37). Whether the public sees it is decided by
/// <see cref="Publication.PublicationRule"/>, which weighs more than the status.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct RecordStatus : IStatusCode<RecordStatus>
{
    /// <summary>In force, unless withheld or past its period (<see cref="Publication.PublicationRule.InForce"/>).</summary>
    public static readonly RecordStatus Active = new("active", "有效");

    /// <summary>Its basis was revoked or changed (Art. 38): never shown again but to the subject.</summary>
    public static readonly RecordStatus Revoked = new("revoked", "已撤销");

    /// <summary>Its disclosure period ended: publication stopped, kept as an archive (Art. 37).</summary>
    public static readonly RecordStatus Archived = new("archived", "公示期满归档");

    /// <inheritdoc />
    public static IReadOnlyList<RecordStatus> All { get; } = [Active, Revoked, Archived];

    private RecordStatus(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(RecordStatus s) => s.Code;

    public override string ToString() => Code;
}
