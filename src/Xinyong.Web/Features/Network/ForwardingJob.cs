using System.Net.Http.Json;
using Xinyong.Application.Network;
using Xinyong.Network;
using Xinyong.Storage.Network;

namespace Xinyong.Web.Features.Network;

/// <summary>
/// The forwarding job: sends the outbox to each peer in sequence order, batch after batch, and removes a batch only once
/// the peer confirmed it (at least once; the peer applies each message once). A failure is recorded per peer and retried
/// with backoff per peer (1 s doubling to 1 min: a child that is down or not yet connected does not hold up the others);
/// after either side was down the outbox simply drains from where it stopped.
/// </summary>
public sealed class ForwardingJob(LocalNode node, NetworkOutbox outbox, NodeKeys keys, TimeProvider clock, JobContext context)
    : SupervisedJob(new JobContext(context.States, context.Options with { JobInterval = node.Interval, JobRetryDelay = TimeSpan.FromSeconds(1) }, context.Clock, context.Logs))
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = node.Timeout,
    };

    /// <inheritdoc />
    public override string Name => "network-forwarding";

    /// <summary>Per peer that failed: its consecutive failures and the earliest moment of the next attempt.</summary>
    private readonly Dictionary<string, (int Failures, DateTimeOffset Next)> _backoff = [];

    /// <summary>Messages confirmed by peers since start.</summary>
    public long Forwarded { get; private set; }

    /// <inheritdoc />
    public override void RunOnce()
    {
        if (!node.Enabled) return;
        lock (_backoff) Forward();   // one run at a time (the job and an operator's or a test's run)
    }

    private void Forward()
    {
        var started = DateTimeOffset.UtcNow;
        string? failed = null;
        foreach (var peer in outbox.PendingPeers())
        {
            var code = peer == NetworkOutbox.Parent ? node.Parent : peer;
            if (_backoff.TryGetValue(peer, out var wait) && DateTimeOffset.UtcNow < wait.Next) continue;   // this peer's retry is not due yet
            try
            {
                if (code is null) throw new InvalidOperationException("the node has no parent to forward to");
                // A parent without an address is linked by files: its changes wait for `xinyong network export` (the national
                // link). A child without an address has not joined yet: its changes wait in the outbox (the status page shows
                // the queue) until its operator's address is configured.
                if (node.UrlOf(code) is not { } url) continue;
                using var key = keys.Load();
                while (DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30))
                {
                    var batch = outbox.Pending(peer, node.BatchSize);
                    if (batch.Count == 0) break;
                    using var req = NetworkTransport.Request(url, new NetworkBatch(node.Code!, code, batch), key, clock.GetUtcNow());
                    using var res = _http.Send(req);
                    if (!res.IsSuccessStatusCode)
                        throw new HttpRequestException($"node {code} answered {(int)res.StatusCode}: {Short(res.Content.ReadAsStringAsync().GetAwaiter().GetResult())}");
                    outbox.Confirmed(peer, batch, clock.GetUtcNow());
                    Forwarded += batch.Count;
                }
                _backoff.Remove(peer);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or IOException)
            {
                outbox.Failed(peer, ex.Message, clock.GetUtcNow());
                var failures = _backoff.GetValueOrDefault(peer).Failures + 1;
                _backoff[peer] = (failures, DateTimeOffset.UtcNow + NextDelay(failures, MaxBackoff, TimeSpan.FromSeconds(1)));
                failed = $"forwarding to node {code ?? peer} failed: {ex.Message}";
            }
        }
        if (failed is not null) throw new NetworkForwardingException(failed);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.Enabled) return;
        context.States.Register(Name, node.Interval);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ok;
            try { ok = await Task.Run(RunSupervised, stoppingToken); }
            catch (OperationCanceledException) { return; }
            // The backoff is per peer (RunOnce skips a peer until its retry is due); after a failure look again within a second.
            var delay = ok || node.Interval < TimeSpan.FromSeconds(1) ? node.Interval : TimeSpan.FromSeconds(1);
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static string Short(string s) => s.Length > 300 ? s[..300] : s;

    /// <inheritdoc />
    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}

/// <summary>A forward that failed (the outbox keeps the messages; the job retries).</summary>
public sealed class NetworkForwardingException(string message) : Exception(message);
