using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// The status of a credit record (<c>records.status</c>): active, revoked when its basis was revoked or changed
/// (Art. 38), archived when its disclosure period ended (Art. 37). Whether the public sees it is decided by
/// <see cref="Publication.PublicationRule"/>, which weighs more than the status.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter<RecordStatus>))]
public readonly record struct RecordStatus : IStatusCode<RecordStatus>
{
    private RecordStatus(string code) => Code = code;

    /// <inheritdoc />
    public string Code { get; }

    /// <summary>In force, unless withheld or past its period (<see cref="Publication.PublicationRule.InForce"/>).</summary>
    public static readonly RecordStatus Active = new("active");

    /// <summary>Its basis was revoked or changed (Art. 38): never shown again but to the subject.</summary>
    public static readonly RecordStatus Revoked = new("revoked");

    /// <summary>Its disclosure period ended: publication stopped, kept as an archive (Art. 37).</summary>
    public static readonly RecordStatus Archived = new("archived");

    /// <summary>Every status.</summary>
    public static IReadOnlyList<RecordStatus> All { get; } = [Active, Revoked, Archived];

    /// <inheritdoc />
    public static RecordStatus Parse(string code) => StatusCodes.Find(code, All);

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(RecordStatus s) => s.Code;

    public override string ToString() => Code;
}
