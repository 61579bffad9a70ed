using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xinyong.Audit;

namespace Xinyong.Storage.Audit;

/// <summary>
/// The checkpoint log, outside the database: an append-only file of signed heads (one JSON line each) in the keys
/// folder, and the ECDSA P-256 key that signs them (a PKCS#8 PEM file, mode 0600, generated on first start). Its public
/// key is published with the daily checkpoints so that third parties can keep and check them.
/// </summary>
public sealed class AuditCheckpointLog : IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _signLock = new();

    private AuditCheckpointLog(ECDsa key, string logPath)
    {
        _key = key;
        LogPath = logPath;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(key);
    }

    /// <summary>The log file.</summary>
    public string LogPath { get; }

    /// <summary>The public key as SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem { get; }

    /// <summary>The signing key's id: SHA-256 of its SPKI (DER), lower-case hex.</summary>
    public string KeyId { get; }

    /// <summary>The signing key in <paramref name="keyPath"/> (generated there when absent) and the log at <paramref name="logPath"/>.</summary>
    public static AuditCheckpointLog Open(string keyPath, string logPath)
    {
        keyPath = Path.GetFullPath(keyPath);
        var folder = Path.GetDirectoryName(keyPath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        if (!File.Exists(keyPath))
        {
            using (FileLock.Hold(keyPath + ".lock"))
            {
                if (!File.Exists(keyPath))
                {
                    using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    FileLock.WriteSecret(keyPath, created.ExportPkcs8PrivateKeyPem());
                }
            }
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        return new AuditCheckpointLog(key, Path.GetFullPath(logPath));
    }

    /// <summary>Signs a head and appends it to the log, linked to the line before it (under an exclusive lock, so
    /// processes never interleave lines).</summary>
    public AuditCheckpoint Append(long seq, long entries, string hash, DateTimeOffset at)
    {
        using (FileLock.Hold(LogPath + ".lock"))
        {
            var cp = new AuditCheckpoint
            {
                Seq = seq, Entries = entries, Hash = hash, KeyId = KeyId, Prev = AuditCheckpoint.PrevOf(LastLine()),
                At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero),
            };
            byte[] sig;
            lock (_signLock) sig = _key.SignData(Encoding.UTF8.GetBytes(cp.SignedText()), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            cp = cp with { Signature = Convert.ToBase64String(sig) };
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            using var w = new StreamWriter(LogPath, new UTF8Encoding(false), options);
            w.Write(JsonSerializer.Serialize(cp, Json) + "\n");
            return cp;
        }
    }

    /// <summary>The log's last line (without its line feed), read from the end of the file; null for an empty log.</summary>
    public string? LastLine()
    {
        if (!File.Exists(LogPath)) return null;
        using var f = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var chunk = 4096;
        while (true)
        {
            var from = Math.Max(0, f.Length - chunk);
            var buffer = new byte[f.Length - from];
            f.Position = from;
            f.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n', '\r', ' ');
            var nl = text.LastIndexOf('\n');
            if (nl >= 0 || from == 0) return text.Length == 0 ? null : text[(nl + 1)..].TrimEnd('\r');
            chunk *= 4;
        }
    }

    /// <summary>The log's last checkpoint, when its line reads and its signature verifies; null otherwise.</summary>
    public AuditCheckpoint? Latest()
    {
        var line = LastLine();
        if (line is null) return null;
        try { return JsonSerializer.Deserialize<AuditCheckpoint>(line, Json) is { Hash.Length: > 0 } cp && Verify(cp) ? cp : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Every line of the log, in order.</summary>
    public IReadOnlyList<AuditCheckpointLine> Read()
    {
        if (!File.Exists(LogPath)) return [];
        var list = new List<AuditCheckpointLine>();
        var n = 0;
        foreach (var text in File.ReadLines(LogPath))
        {
            n++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                var cp = JsonSerializer.Deserialize<AuditCheckpoint>(text, Json);
                list.Add(cp is null || cp.Hash.Length == 0 ? new AuditCheckpointLine(n, text, null, AuditCheckpointLine.WithoutHash) : new AuditCheckpointLine(n, text, cp, null));
            }
            catch (JsonException) { list.Add(new AuditCheckpointLine(n, text, null, AuditCheckpointLine.NotJson)); }
        }
        return list;
    }

    /// <summary>
    /// The published checkpoints: for each of the last <paramref name="days"/> Beijing days up to <paramref name="today"/>
    /// that has one, the day's last checkpoint (when its signature verifies); newest first.
    /// </summary>
    public IReadOnlyList<(DateOnly Date, AuditCheckpoint Checkpoint)> Daily(DateOnly today, int days)
    {
        var from = today.AddDays(1 - days);
        var byDay = new SortedDictionary<DateOnly, AuditCheckpoint>();
        foreach (var line in Read())
        {
            if (line.Checkpoint is not { } cp) continue;
            var d = Xinyong.Calendar.ChinaTime.DateOf(cp.At);
            if (d >= from && d <= today) byDay[d] = cp;
        }
        return byDay.Reverse().Where(kv => Verify(kv.Value)).Select(kv => (kv.Key, kv.Value)).ToList();
    }

    /// <summary>True when this log's key signed the checkpoint.</summary>
    public bool Verify(AuditCheckpoint cp)
    {
        if (cp.KeyId != KeyId) return false;
        lock (_signLock) return VerifyWith(_key, cp);
    }

    /// <summary>True when the checkpoint's signature verifies under the public key given as SPKI PEM (as published).</summary>
    public static bool VerifySignature(AuditCheckpoint cp, string publicKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return cp.KeyId == KeyIdOf(key) && VerifyWith(key, cp);
    }

    private static bool VerifyWith(ECDsa key, AuditCheckpoint cp)
    {
        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(cp.SignedText()), Convert.FromBase64String(cp.Signature),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException) { return false; }
    }

    private static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
