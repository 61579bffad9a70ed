using Dapper;
using Xinyong.Calendar;

namespace Xinyong.Storage.Network;

/// <summary>One peer as this node sees it.</summary>
/// <param name="Peer">The peer's node code (the parent's code for the outbox's '^').</param>
/// <param name="Direction">up (the parent) or down (a child).</param>
/// <param name="Queue">Messages waiting for it.</param>
/// <param name="OldestPending">The change time of the oldest message waiting, or null.</param>
/// <param name="LastSuccess">The last confirmed forward to it, or null.</param>
/// <param name="LastFailure">The last failed forward to it, or null.</param>
/// <param name="LastError">Why it failed (operators only).</param>
/// <param name="Sent">Messages it confirmed.</param>
/// <param name="Received">Messages received from it and applied.</param>
/// <param name="Resent">Messages received from it again (their first answer was lost) and not applied twice.</param>
public sealed record PeerStatus(string Peer, string Direction, long Queue, DateTimeOffset? OldestPending, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure,
    string? LastError, long Sent, long Received, long Resent);

/// <summary>A forward on the worklist: waiting past its deadline (overdue) or confirmed after it (late).</summary>
public sealed record ForwardItem(long Record, int Version, string Item, string Provider, DateTimeOffset ChangedAt, DateOnly DueOn, DateTimeOffset? ForwardedAt)
{
    /// <summary>Still waiting (overdue) rather than forwarded late.</summary>
    public bool Pending => ForwardedAt is null;
}

/// <summary>A provider unit's forwarding figures: its changes waiting, overdue and forwarded late.</summary>
public sealed record ProviderForwarding(string Provider, long Pending, long Overdue, long Late);

/// <summary>The node's forwarding state: per peer, the overdue and late forwards, and per provider unit.</summary>
public sealed record NetworkState(IReadOnlyList<PeerStatus> Peers, long Overdue, long Late, IReadOnlyList<ForwardItem> Worklist, IReadOnlyList<ProviderForwarding> Providers);

/// <summary>Reads the forwarding state of the node (status page, API, <c>xinyong network status</c>).</summary>
public sealed class NetworkStatus(Database db, NetworkOutbox outbox)
{
    /// <summary>The state today; <paramref name="parent"/> names the parent node (the outbox's '^').</summary>
    public NetworkState Of(string? parent, DateTimeOffset now, int worklistLimit = 200)
    {
        var today = ChinaTime.DateOf(now);
        using var c = db.Open();
        var queues = c.Query<(string Peer, long Queue, DateTimeOffset Oldest)>("SELECT peer, COUNT(*), MIN(changed_at) FROM network_outbox GROUP BY peer")
            .ToDictionary(q => q.Peer);
        var known = c.Query<(string Peer, DateTimeOffset? Success, DateTimeOffset? Failure, string? Error, long Sent, long Received, long Resent)>(
            "SELECT peer, last_success_at, last_failure_at, last_error, sent, received, resent FROM network_peers").ToDictionary(p => p.Peer);
        var names = queues.Keys.Concat(known.Keys).Distinct().Order(StringComparer.Ordinal);
        var peers = new List<PeerStatus>();
        foreach (var name in names)
        {
            var q = queues.GetValueOrDefault(name);
            var k = known.GetValueOrDefault(name);
            var isParent = name == NetworkOutbox.Parent || name == parent;
            if (name == NetworkOutbox.Parent && parent is not null && known.ContainsKey(parent))
            {
                // the parent's received counts live under its code; its forwarding under '^'
                var pk = known[parent];
                k = (name, k.Success, k.Failure, k.Error, k.Sent, pk.Received, pk.Resent);
            }
            else if (name == parent && (queues.ContainsKey(NetworkOutbox.Parent) || known.ContainsKey(NetworkOutbox.Parent))) continue;
            peers.Add(new PeerStatus(name == NetworkOutbox.Parent ? parent ?? name : name, isParent ? "up" : "down", q.Queue, q.Queue > 0 ? q.Oldest : null,
                k.Success, k.Failure, k.Error, k.Sent, k.Received, k.Resent));
        }

        // Overdue: a change waits for the parent past its 3rd working day. Its deadline is at least 3 calendar days after
        // the change, so only changes older than that are looked at.
        var candidates = c.Query<(long Record, int Version, string Item, string Provider, DateTimeOffset Changed)>(
            "SELECT record_id, version, item, provider, changed_at FROM network_outbox WHERE peer = @parent AND changed_at < @cut ORDER BY id",
            new { parent = NetworkOutbox.Parent, cut = ChinaTime.StartOf(today.AddDays(-NetworkOutbox.DeadlineWorkingDays)) }, buffered: false);
        var overdue = new List<ForwardItem>();
        var due = new Dictionary<DateOnly, DateOnly>();
        foreach (var x in candidates)
        {
            var day = ChinaTime.DateOf(x.Changed);
            if (!due.TryGetValue(day, out var d)) due[day] = d = outbox.DueOf(x.Changed);
            if (today > d) overdue.Add(new ForwardItem(x.Record, x.Version, x.Item, x.Provider, x.Changed, d, null));
        }
        var lateCount = c.ExecuteScalar<long>("SELECT COUNT(*) FROM network_late");
        var late = c.Query<(long Record, int Version, string? Item, string Provider, DateTimeOffset Changed, DateOnly Due, DateTimeOffset Forwarded)>(
            """
            SELECT l.record_id, l.version, r.item, l.provider, l.changed_at, l.due_on, l.forwarded_at
            FROM network_late l LEFT JOIN records r ON r.id = l.record_id ORDER BY l.forwarded_at DESC LIMIT @worklistLimit
            """, new { worklistLimit }).Select(l => new ForwardItem(l.Record, l.Version, l.Item ?? "", l.Provider, l.Changed, l.Due, l.Forwarded)).ToList();

        var pending = c.Query<(string Provider, long N)>("SELECT provider, COUNT(*) FROM network_outbox WHERE peer = @parent GROUP BY provider", new { parent = NetworkOutbox.Parent })
            .ToDictionary(p => p.Provider, p => p.N);
        var lateBy = c.Query<(string Provider, long N)>("SELECT provider, COUNT(*) FROM network_late GROUP BY provider").ToDictionary(p => p.Provider, p => p.N);
        var overdueBy = overdue.GroupBy(o => o.Provider).ToDictionary(g => g.Key, g => (long)g.Count());
        var providers = pending.Keys.Concat(lateBy.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(p => new ProviderForwarding(p, pending.GetValueOrDefault(p), overdueBy.GetValueOrDefault(p), lateBy.GetValueOrDefault(p))).ToList();

        return new NetworkState(peers, overdue.Count, lateCount, overdue.Take(worklistLimit).Concat(late).Take(worklistLimit).ToList(), providers);
    }
}
