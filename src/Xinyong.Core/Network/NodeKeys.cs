using System.Security.Cryptography;
using System.Text;

namespace Xinyong.Network;

/// <summary>
/// The keys of a node: its own ECDSA P-256 signing key (<c>network/node.key</c> in the keys folder, never leaving it) and
/// the public keys of the peers its operator trusts (<c>network/peers/CODE.pem</c>), exchanged once between operators.
/// Nothing secret is in the repository or the store.
/// </summary>
public sealed class NodeKeys(string keysDirectory)
{
    /// <summary>The folder of the network keys.</summary>
    public string Directory { get; } = Path.Combine(keysDirectory, "network");

    /// <summary>The node's private key file.</summary>
    public string PrivateKeyFile => Path.Combine(Directory, "node.key");

    /// <summary>The node's public key file (to give to the peers' operators).</summary>
    public string PublicKeyFile => Path.Combine(Directory, "node.pub.pem");

    /// <summary>The file of a trusted peer's public key.</summary>
    public string PeerFile(string code) => Path.Combine(Directory, "peers", SafeCode(code) + ".pem");

    /// <summary>Whether the node has its key.</summary>
    public bool HasKey => File.Exists(PrivateKeyFile);

    /// <summary>Creates the node's key (refuses to replace one); returns the public key in PEM.</summary>
    public string Generate(bool replace = false)
    {
        if (HasKey && !replace) throw new InvalidOperationException($"the node already has a key: {PrivateKeyFile}");
        System.IO.Directory.CreateDirectory(Directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var priv = key.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(PrivateKeyFile, priv);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PrivateKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pub = key.ExportSubjectPublicKeyInfoPem();
        File.WriteAllText(PublicKeyFile, pub + "\n");
        return pub;
    }

    /// <summary>The node's public key in PEM.</summary>
    public string PublicKeyPem()
    {
        using var key = Load();
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Trusts a peer's public key (PEM); returns its fingerprint.</summary>
    public string Trust(string code, string pem)
    {
        using var key = ECDsa.Create();
        try { key.ImportFromPem(pem); }
        catch (ArgumentException ex) { throw new FormatException($"not an ECDSA public key in PEM: {ex.Message}"); }
        if (key.KeySize != 256) throw new FormatException("the key is not a P-256 key");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(PeerFile(code))!);
        File.WriteAllText(PeerFile(code), key.ExportSubjectPublicKeyInfoPem() + "\n");
        return Fingerprint(key);
    }

    /// <summary>The codes of the trusted peers.</summary>
    public IReadOnlyList<string> TrustedPeers()
    {
        var dir = Path.Combine(Directory, "peers");
        return System.IO.Directory.Exists(dir) ? System.IO.Directory.GetFiles(dir, "*.pem").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>The public key of a trusted peer, or null when its operator has not trusted it.</summary>
    public ECDsa? Peer(string code)
    {
        var f = PeerFile(code);
        if (!File.Exists(f)) return null;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(f));
        return key;
    }

    /// <summary>The node's signing key.</summary>
    public ECDsa Load()
    {
        if (!HasKey) throw new InvalidOperationException($"the node has no key: run `xinyong network keygen` ({PrivateKeyFile})");
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PrivateKeyFile));
        return key;
    }

    /// <summary>A short fingerprint of a public key (SHA-256 of its SubjectPublicKeyInfo, 16 hex) for operators to compare by phone.</summary>
    public static string Fingerprint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static string SafeCode(string code) =>
        code.Length is > 0 and <= 32 && code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-') ? code : throw new FormatException($"'{code}' is not a node code");
}

/// <summary>
/// The signature of a message between nodes: ECDSA P-256 with SHA-256 (IEEE P1363 form, base64) over
/// <c>from \n to \n timestamp (Unix milliseconds) \n nonce \n SHA-256 of the body (hex)</c>. A receiver refuses a message
/// outside the time window or whose nonce it has seen.
/// </summary>
public static class MessageSignature
{
    /// <summary>How far a message's timestamp may be from the receiver's clock.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>What is signed.</summary>
    public static byte[] Canonical(string from, string to, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes($"xinyong-network-v1\n{from}\n{to}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");

    /// <summary>Signs a message.</summary>
    public static string Sign(ECDsa key, string from, string to, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(key.SignData(Canonical(from, to, timestamp, nonce, body), HashAlgorithmName.SHA256));

    /// <summary>Checks a signature.</summary>
    public static bool Verify(ECDsa key, string from, string to, long timestamp, string nonce, ReadOnlySpan<byte> body, string signature)
    {
        byte[] sig;
        try { sig = Convert.FromBase64String(signature); }
        catch (FormatException) { return false; }
        return key.VerifyData(Canonical(from, to, timestamp, nonce, body), sig, HashAlgorithmName.SHA256);
    }

    /// <summary>Whether a timestamp is within the window around <paramref name="now"/>.</summary>
    public static bool InWindow(long timestamp, DateTimeOffset now) =>
        Math.Abs(now.ToUnixTimeMilliseconds() - timestamp) <= (long)Window.TotalMilliseconds;

    /// <summary>A fresh nonce (128 random bits, hex).</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
