
namespace Xinyong.Storage.Lists;

/// <summary>
/// What a credit list decision says (Art. 25, 28): the list, its status, the deciding unit and written decision, the
/// grounds, reasons and basis, the period, the remedy, whether it is published or under objection, and its end. One
/// column list for the stored entry (<see cref="ListEntry"/>) and the entry a node sends to another
/// (<see cref="Network.NetworkListEntry"/>).
/// </summary>
public abstract record ListDecision
{
    public string List { get; init; } = "";
    public ListEntryStatus Status { get; init; } = ListEntryStatus.Active;
    public string DecidingUnit { get; init; } = "";
    public string DecisionNo { get; init; } = "";
    public string Grounds { get; init; } = "";
    public string Reasons { get; init; } = "";
    public string Basis { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? RemovalConditions { get; init; }
    public string? Remedy { get; init; }
    public bool Published { get; init; }
    public bool UnderObjection { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    /// <summary>The written reason of an early end (lifting, court removal).</summary>
    public string? EndNote { get; init; }
}
