using System.Text.Json;
using Xinyong.Application.Network;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Storage.Network;

namespace Xinyong.Web.Features.Network;

/// <summary>
/// One network (Art. 6 (1), 21): this instance as a city, provincial or national node. Registers the node, the outbox,
/// the receiver and the forwarding job; at start installs the outbox capture for the node's parent and children; maps the
/// message endpoint (signed batches from peers) and the status API.
/// </summary>
public static class NetworkFeature
{
    /// <summary>Registers the network services.</summary>
    public static IServiceCollection AddNetwork(this IServiceCollection s, PlatformOptions o)
    {
        s.AddNetworkCore(o);
        s.AddSingleton<ForwardingJob>();
        s.AddHostedService(sp => sp.GetRequiredService<ForwardingJob>());
        return s;
    }

    /// <summary>Installs the outbox capture for this node and maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var node = app.Services.GetRequiredService<LocalNode>();
        NetworkSchema.Install(app.Services.GetRequiredService<Database>(), node.Code, up: node.Parent is not null, node.ChildDivisions,
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow());

        app.MapPost(NetworkTransport.Path, async (HttpRequest request, LocalNode self, NodeKeys keys, NetworkReceiver receiver, TimeProvider clock) =>
        {
            if (!self.Enabled) return Problems.Of(StatusCodes.Status404NotFound, RefusalHandler.TitleOf(RefusalKind.NotFound), "本平台未配置为信用信息网络的节点");
            var from = request.Headers[NetworkTransport.NodeHeader].ToString();
            var nonce = request.Headers[NetworkTransport.NonceHeader].ToString();
            var signature = request.Headers[NetworkTransport.SignatureHeader].ToString();
            if (!long.TryParse(request.Headers[NetworkTransport.TimestampHeader].ToString(), out var ts) || from.Length == 0 || nonce.Length is < 16 or > 64 || signature.Length == 0)
                return Refused("消息缺少节点、时间戳、随机数或签名");
            if (!self.IsPeer(from)) return Refused($"节点{from}不是本节点的上级或下级节点");
            using var key = keys.Peer(from);
            if (key is null) return Refused($"本节点运维人员尚未登记节点{from}的公钥");
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!MessageSignature.Verify(key, from, self.Code!, ts, nonce, body, signature)) return Refused($"节点{from}的签名无效");
            var now = clock.GetUtcNow();
            if (!MessageSignature.InWindow(ts, now)) return Refused("消息时间戳超出允许范围（前后5分钟），请核对两节点的时钟");
            if (!receiver.FreshNonce(from, nonce, now)) return Refused("该消息已收到过（重放），不予处理");
            NetworkBatch? batch;
            try { batch = JsonSerializer.Deserialize<NetworkBatch>(body, NetworkTransport.Json); }
            catch (JsonException) { batch = null; }
            if (batch is null || batch.From != from || batch.To != self.Code || batch.Messages is null) return Problems.Of(400, RefusalHandler.TitleOf(RefusalKind.Invalid), "消息格式有误");
            var receipt = receiver.Apply(from, fromParent: from == self.Parent, batch.Messages, now);
            return Results.Json(receipt, ApiJson.Options);
        })
        .WithTags("Network")
        .RequireRule(AccessRules.PeerNode)
        .WithMetadata(new BodyLimitAttribute(BodySize.Import))
        .WithSummary("A signed batch of record changes from a peer node (upward from a child, downward from the parent)")
        .WithDescription("Headers X-Xinyong-Node, X-Xinyong-Timestamp (Unix ms), X-Xinyong-Nonce, X-Xinyong-Signature (ECDSA P-256, see docs/network.md). Body {\"from\",\"to\",\"messages\":[…]}. Each (from, seq) is applied once; the answer {\"applied\",\"resent\"} counts the messages applied now and those already applied before.")
        .DescribesBody<NetworkBatch>("application/json")   // read by hand: the signature covers the body's bytes
        .Produces<NetworkReceipt>()
        .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapGet("/api/v1/network/status", (LocalNode self, NetworkStatus status, TimeProvider clock) =>
            Results.Json(NetworkServices.StatusOf(self, status, clock), ApiJson.Options))
        .WithTags("Network")
        .RequireRule(AccessRules.Oversight)
        .WithSummary("This node's forwarding: per peer the queue, its oldest item and the last success; overdue and late forwards with their due dates; per provider unit")
        .Produces<NodeStatus>();
    }

    private static IResult Refused(string detail) => Problems.Of(StatusCodes.Status401Unauthorized, "节点认证失败", detail);
}
