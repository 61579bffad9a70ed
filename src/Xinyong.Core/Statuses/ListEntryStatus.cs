using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// The status of a credit-list entry (<c>list_entries.status</c>, Art. 28): active until it is ended (expired,
/// repaired, removed on an upheld objection, lifted), then ended for good. An active entry may already be out of force
/// (its period or its basis ended before a job closed it): whether it is in force is <c>ListStore.InForce</c>.
/// </summary>
[JsonConverter(typeof(StatusCodeJsonConverter<ListEntryStatus>))]
public readonly record struct ListEntryStatus : IStatusCode<ListEntryStatus>
{
    private ListEntryStatus(string code) => Code = code;

    /// <inheritdoc />
    public string Code { get; }

    /// <summary>Not ended.</summary>
    public static readonly ListEntryStatus Active = new("active");

    /// <summary>Ended, with its reason.</summary>
    public static readonly ListEntryStatus Ended = new("ended");

    /// <summary>Every status.</summary>
    public static IReadOnlyList<ListEntryStatus> All { get; } = [Active, Ended];

    /// <inheritdoc />
    public static ListEntryStatus Parse(string code) => StatusCodes.Find(code, All);

    /// <summary>The code, where text is wanted (pages, JSON of views, SQL parameters).</summary>
    public static implicit operator string(ListEntryStatus s) => s.Code;

    public override string ToString() => Code;
}
