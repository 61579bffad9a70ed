namespace Xinyong.Storage.Network;

/// <summary>The subject of a forwarded record: its lookup key (the USCC, or <c>p:</c> + the keyed hash of a person's
/// number under the network's personal-identifier key) and what the receiver needs to create it.</summary>
public sealed record NetworkSubject
{
    public string Key { get; init; } = "";
    public string Ref { get; init; } = "";
    public string Kind { get; init; } = "";
    public string IdType { get; init; } = "";
    public string IdMasked { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Region { get; init; }
    public string? LegalRep { get; init; }
}

/// <summary>
/// One message between nodes: a record as it stood after one change (its content, version, status, publication and
/// objection mark, and its provenance), numbered by the sender (<see cref="Seq"/>, increasing). A receiver applies each
/// (origin, seq) once. The same shape is one line of the national export (docs/network.md).
/// </summary>
public sealed record NetworkMessage
{
    /// <summary>The <see cref="Item"/> of a message that carries a credit list entry (<see cref="Entry"/>) instead of a record.</summary>
    public const string ListEntryItem = "list-entry";

    /// <summary>The sender's sequence number of this change.</summary>
    public long Seq { get; init; }
    /// <summary>The record's id at the sender.</summary>
    public long Record { get; init; }
    public string Item { get; init; } = "";
    public NetworkSubject Subject { get; init; } = new();
    public string DocKey { get; init; } = "";
    public int Version { get; init; }
    public string Status { get; init; } = "";
    public bool Serious { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateOnly? PublicUntil { get; init; }
    public DateOnly? RepairFrom { get; init; }
    public bool Withheld { get; init; }
    public bool UnderObjection { get; init; }
    public string? Region { get; init; }
    public string? Authority { get; init; }
    /// <summary>The fields as the platform stores them (a JSON object in catalog order).</summary>
    public string Fields { get; init; } = "";
    public string ContentHash { get; init; } = "";
    /// <summary>The provider unit that sent this version at the origin.</summary>
    public string Provider { get; init; } = "";
    /// <summary>How the origin received it (api, file, …; network when it came from another node).</summary>
    public string Channel { get; init; } = "";
    public long? BatchId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    /// <summary>For <see cref="ListEntryItem"/>: the list entry as it stands when sent (<see cref="Record"/> is its id at the sender).</summary>
    public NetworkListEntry? Entry { get; init; }
}

/// <summary>A credit list entry decided at the sending node (Art. 25, 28), sent down to the node its subject belongs to.</summary>
public sealed record NetworkListEntry : Lists.ListDecision
{
    /// <summary>An empty entry (for the deserializer).</summary>
    public NetworkListEntry() { }

    /// <summary>The entry carrying what <paramref name="decision"/> says.</summary>
    public NetworkListEntry(Lists.ListDecision decision) : base(decision) { }

    /// <summary>The supporting record: its id at the receiver when it came from there (<see cref="RecordIsReceivers"/>), else at the sender.</summary>
    public long? Record { get; init; }
    /// <summary>Whether <see cref="Record"/> is the receiver's own record id.</summary>
    public bool RecordIsReceivers { get; init; }
}

/// <summary>A signed batch of messages from one node to another.</summary>
/// <param name="From">The sending node.</param>
/// <param name="To">The receiving node.</param>
/// <param name="Messages">The messages in sequence order.</param>
public sealed record NetworkBatch(string From, string To, IReadOnlyList<NetworkMessage> Messages);

/// <summary>The receiver's answer: how many messages it applied and how many it had already applied.</summary>
public sealed record NetworkReceipt(int Applied, int Resent);
