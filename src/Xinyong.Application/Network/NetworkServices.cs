using Xinyong.Application.Platform;
using Xinyong.Network;
using Xinyong.Storage;
using Xinyong.Storage.Network;

namespace Xinyong.Application.Network;

/// <summary>
/// One network (Art. 6 (1), 21) without a web server: this instance as a node, its keys, the outbox, the receiver and
/// the status, as the portal, the API and the command line share them. The web host adds the forwarding job and the
/// endpoints (<c>Web/Features/Network/NetworkFeature</c>).
/// </summary>
public static class NetworkServices
{
    /// <summary>Registers the node, its keys, the outbox, the receiver and the status.</summary>
    public static IServiceCollection AddNetworkCore(this IServiceCollection s, PlatformOptions o)
    {
        s.AddSingleton(sp => NodeRegistry.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddSingleton(sp => LocalNode.From(o.Configuration, sp.GetRequiredService<NodeRegistry>()));
        s.AddSingleton(sp => new NodeKeys(sp.GetRequiredService<Secrets>().Directory));
        s.AddSingleton<NetworkOutbox>();
        s.AddSingleton<NetworkInbox>();
        s.AddSingleton<NetworkReceiver>();
        s.AddSingleton<NetworkStatus>();
        return s;
    }

    /// <summary>Installs (or removes) the outbox capture of the store for the node <paramref name="o"/> configures; the
    /// command-line tools call it too, so that records imported with <c>xinyong import</c> are forwarded.</summary>
    public static void InstallCapture(Database db, PlatformOptions o)
    {
        var node = LocalNode.From(o.Configuration, NodeRegistry.Load(RulesLocation.Resolve(o.Rules)));
        NetworkSchema.Install(db, node.Code, up: node.Parent is not null, node.ChildDivisions, (o.Clock ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>The node's status.</summary>
    public static NodeStatus StatusOf(LocalNode self, NetworkStatus status, TimeProvider clock) =>
        new(self.Code, self.Enabled ? self.Level.ToString().ToLowerInvariant() : null, self.Division, self.Parent, self.Children, status.Of(self.Parent, clock.GetUtcNow()));
}

/// <summary>A node's status: who it is and its forwarding state.</summary>
public sealed record NodeStatus(string? Node, string? Level, string? Division, string? Parent, IReadOnlyList<string> Children, NetworkState State);
