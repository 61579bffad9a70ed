using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// The status of a credit-list entry (<c>list_entries.status</c>, Art. 28): active until it is ended (expired,
/// repaired, removed on an upheld objection, lifted), then ended for good. An active entry may already be out of force
/// (its period or its basis ended before a job closed it): whether it is in force is <c>ListStore.InForce</c>.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter))]
public readonly record struct ListEntryStatus : IStatusCode<ListEntryStatus>
{
    /// <summary>Not ended.</summary>
    public static readonly ListEntryStatus Active = new("active", "在列");

    /// <summary>Ended, with its reason.</summary>
    public static readonly ListEntryStatus Ended = new("ended", "已移出");

    /// <inheritdoc />
    public static IReadOnlyList<ListEntryStatus> All { get; } = [Active, Ended];

    private ListEntryStatus(string code, string chinese) => (Code, Chinese) = (code, chinese);

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string Chinese { get; }

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(ListEntryStatus s) => s.Code;

    public override string ToString() => Code;
}
