using System.Net.Http.Headers;
using System.Text.Json;
using Xinyong.Application.Network;
using Xinyong.Network;
using Xinyong.Storage.Network;

namespace Xinyong.Web.Features.Network;

/// <summary>
/// How a signed batch travels: JSON over HTTPS to the peer's <c>/api/v1/network/messages</c>, with the sender, a
/// timestamp, a nonce and the ECDSA signature in headers (<see cref="MessageSignature"/>).
/// </summary>
public static class NetworkTransport
{
    public const string NodeHeader = "X-Xinyong-Node";
    public const string TimestampHeader = "X-Xinyong-Timestamp";
    public const string NonceHeader = "X-Xinyong-Nonce";
    public const string SignatureHeader = "X-Xinyong-Signature";
    public const string Path = "/api/v1/network/messages";

    /// <summary>The JSON of batches and export lines (<see cref="SignedBatchFiles.Json"/>).</summary>
    public static readonly JsonSerializerOptions Json = SignedBatchFiles.Json;

    /// <summary>A signed request carrying <paramref name="batch"/>.</summary>
    public static HttpRequestMessage Request(string url, NetworkBatch batch, System.Security.Cryptography.ECDsa key, DateTimeOffset now)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(batch, Json);
        var ts = now.ToUnixTimeMilliseconds();
        var nonce = MessageSignature.NewNonce();
        var req = new HttpRequestMessage(HttpMethod.Post, url.TrimEnd('/') + Path) { Content = new ByteArrayContent(body) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        req.Headers.Add(NodeHeader, batch.From);
        req.Headers.Add(TimestampHeader, ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        req.Headers.Add(NonceHeader, nonce);
        req.Headers.Add(SignatureHeader, MessageSignature.Sign(key, batch.From, batch.To, ts, nonce, body));
        return req;
    }
}
