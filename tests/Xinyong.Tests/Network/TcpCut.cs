using System.Net;
using System.Net.Sockets;

namespace Xinyong.Tests.Network;

/// <summary>
/// A TCP relay between two nodes whose line the test can cut: <see cref="Cut"/> closes the listening port and every
/// open connection (the sender sees "connection refused"), <see cref="Restore"/> opens the port again.
/// </summary>
internal sealed class TcpCut : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpCut(int port, int target)
    {
        Port = port;
        _target = target;
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        var listener = _listener;
        var stop = _stop.Token;
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient inbound;
                try { inbound = await listener.AcceptTcpClientAsync(stop); }
                catch (Exception) { return; }
                _ = Relay(inbound, stop);
            }
        });
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    private async Task Relay(TcpClient inbound, CancellationToken stop)
    {
        var outbound = new TcpClient();
        lock (_open) { _open.Add(inbound); _open.Add(outbound); }
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target, stop);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop), b.CopyToAsync(a, stop));
        }
        catch (Exception) { /* the line was cut or a side went away */ }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_open) { _open.Remove(inbound); _open.Remove(outbound); }
        }
    }

    public void Dispose() => Cut();
}
