using System.Data.Common;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Storage.Network;

namespace Xinyong.Application.Network;

/// <summary>
/// The receiver's side: applies a peer's messages in order, each (origin, seq) once. A message from a child node brings a
/// record (new, a newer version, or a new state of the same version) with its provenance; a message from the parent
/// brings the state decided there (objection mark, publication, revocation, a newer version) for a record that came from
/// here. Applying never echoes the change back to the peer it came from.
/// </summary>
public sealed class NetworkReceiver(Database db, NetworkInbox inbox, Storage.Audit.AuditChain audit)
{
    /// <summary>Records a message's nonce; false when it was seen (a replay). Nonces older than twice the window are forgotten.</summary>
    public bool FreshNonce(string node, string nonce, DateTimeOffset now) => inbox.FreshNonce(node, nonce, now, now - 2 * MessageSignature.Window);

    /// <summary>Applies a batch from <paramref name="from"/> in one transaction.</summary>
    /// <param name="from">The sending node.</param>
    /// <param name="fromParent">True when the sender is this node's parent (state coming down), false for a child.</param>
    /// <param name="messages">The messages, in the sender's order.</param>
    /// <param name="now">The moment of receipt.</param>
    public NetworkReceipt Apply(string from, bool fromParent, IReadOnlyList<NetworkMessage> messages, DateTimeOffset now)
    {
        // The outbox peer that would carry the change straight back: the parent ('^') for state from the parent, the child otherwise.
        var back = fromParent ? NetworkOutbox.Parent : from;
        using var c = db.Open();
        using var tx = NetworkInbox.Begin(c);
        var before = inbox.SuppressEcho(c, tx, back);

        int applied = 0, resent = 0;
        foreach (var m in messages.OrderBy(m => m.Seq))
        {
            if (!inbox.MarkReceived(c, tx, from, m, now)) { resent++; continue; }
            ApplyOne(c, tx, from, fromParent, m, now);
            applied++;
        }
        // SQLite writes one transaction at a time: what the outbox gained since this one began is this batch's echo.
        inbox.DropEcho(c, tx, before, back);
        inbox.Count(c, tx, from, applied, resent);
        tx.Commit();
        return new NetworkReceipt(applied, resent);
    }

    private void ApplyOne(DbConnection c, DbTransaction tx, string from, bool fromParent, NetworkMessage m, DateTimeOffset now)
    {
        // A subject this node does not know yet: from a child with its record; from the parent with a record or a
        // list entry about one of this node's subjects (sideways from another city, or decided at the province).
        var subjectId = inbox.SubjectOf(c, tx, m.Subject.Key) ?? inbox.AddSubject(c, tx, m.Subject, m.Item, now);
        if (m.Item == NetworkMessage.ListEntryItem)
        {
            if (fromParent && m.Entry is not null) ApplyEntry(c, tx, from, m.Record, m.Entry, subjectId, now);
            return;
        }
        if (inbox.Held(c, tx, subjectId, m.Item, m.DocKey) is not { } held)
        {
            inbox.AddRecord(c, tx, from, m, subjectId, now);
            return;
        }
        if (m.Version > held.Version)
        {
            // A newer version: the current one is kept in the history, nothing is lost.
            inbox.NewVersion(c, tx, held.Id, m, now, $"节点{from}转来第{m.Version}版");
            if (fromParent) Event(c, tx, held.Id, now, "network-version", from, $"上级节点{from}决定的第{m.Version}版");
        }
        else if (m.Version == held.Version && (m.Status != held.Status || m.Withheld != held.Withheld || m.UnderObjection != held.UnderObjection))
        {
            inbox.SetState(c, tx, held.Id, m, now);
            if (fromParent)
            {
                if (m.UnderObjection != held.UnderObjection) Event(c, tx, held.Id, now, m.UnderObjection ? "objection-marked" : "objection-mark-removed", from, $"上级节点{from}的决定");
                if (m.Withheld != held.Withheld) Event(c, tx, held.Id, now, m.Withheld ? "withheld" : "restored", from, $"上级节点{from}的决定");
                if (m.Status != held.Status) Event(c, tx, held.Id, now, m.Status, from, $"上级节点{from}的决定");
            }
        }
        // An older version than the one held arrives only after a newer one was applied: the history already has it.
    }

    /// <summary>A list entry decided at the parent about a subject of this node: added the first time, its state updated after.</summary>
    private void ApplyEntry(DbConnection c, DbTransaction tx, string from, long originEntry, NetworkListEntry e, long subjectId, DateTimeOffset now)
    {
        var record = inbox.SupportingRecord(c, tx, from, e);
        var by = "node:" + from;
        if (inbox.LocalEntry(c, tx, from, originEntry) is not { } local)
        {
            var id = inbox.AddEntry(c, tx, from, originEntry, e, subjectId, record, by);
            audit.Append(c, tx, by, $"list.{e.List}.add", $"list-entry:{id}", $"{e.DecisionNo} subject:{subjectId} 上级节点{from}的名单决定");
            return;
        }
        inbox.UpdateEntry(c, tx, local, e, record);
        audit.Append(c, tx, by, $"list.{e.List}.change", $"list-entry:{local}", $"{e.DecisionNo} {e.Status} {e.EndReason} 上级节点{from}的名单决定");
    }

    private void Event(DbConnection c, DbTransaction tx, long recordId, DateTimeOffset at, string kind, string node, string detail) =>
        inbox.Event(c, tx, recordId, at, kind, "node:" + node, detail);
}
