using System.Security.Cryptography;

namespace Xinyong.Reports;

/// <summary>
/// The platform's report signing key: an ECDSA key on curve P-256. The private key lives in a PKCS#8 PEM file
/// readable by its owner only (mode 600); the public key is published as SPKI PEM (e.g. at
/// <c>/.well-known/xinyong-report-key</c>) so that anyone can verify a report offline.
/// </summary>
/// <remarks>Thread-safe: one instance may sign many reports concurrently.</remarks>
public sealed class ReportSigningKey : IDisposable
{
    private readonly ECDsa key;
    private readonly Lock signLock = new();

    private ReportSigningKey(ECDsa key)
    {
        if (!IsP256(key))
        {
            key.Dispose();
            throw new CryptographicException("A report signing key must be an ECDSA key on curve P-256.");
        }
        this.key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(key);
    }

    /// <summary>The public key as SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem { get; }

    /// <summary>The key ID: the SHA-256 fingerprint of the public key's SPKI (DER), as 64 lower-case hex digits.</summary>
    public string KeyId { get; }

    /// <summary>A new random key, held in memory only.</summary>
    public static ReportSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The key in a PKCS#8 PEM text (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    /// <exception cref="ArgumentException">The text holds no private key PEM.</exception>
    /// <exception cref="CryptographicException">The key is not an ECDSA P-256 key.</exception>
    public static ReportSigningKey FromPrivateKeyPem(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
        return new ReportSigningKey(ecdsa);
    }

    /// <summary>The key in a PKCS#8 PEM file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static ReportSigningKey Load(string path) => FromPrivateKeyPem(File.ReadAllText(path));

    /// <summary>
    /// The key in the PEM file at <paramref name="path"/>; when the file does not exist, a new key is generated and
    /// saved there first (PKCS#8 PEM, file mode 600, parent folders created with mode 700). Creation is serialized by an
    /// exclusive lock on <c>PATH.lock</c> (kept beside the key), so processes racing to create the file all end up with
    /// the one key that was saved.
    /// </summary>
    public static ReportSigningKey LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Load(path);

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var gate = Lock(full + ".lock");
        if (File.Exists(full)) return Load(full);
        var created = Generate();
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(temp, options))
                writer.Write(created.key.ExportPkcs8PrivateKeyPem());
            File.Move(temp, full, overwrite: false);
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Holds an exclusive lock on a file (an advisory lock on Unix), waiting up to 30 s for another holder.</summary>
    private static FileStream Lock(string lockPath)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The key ID of any public key: the SHA-256 of its SPKI (DER), lower-case hex.</summary>
    internal static string KeyIdOf(ECDsa publicKey) =>
        Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>The public key's SPKI (DER).</summary>
    internal byte[] SubjectPublicKeyInfo() => key.ExportSubjectPublicKeyInfo();

    /// <summary>Signs data with ECDSA P-256 / SHA-256; the signature is r‖s (IEEE P1363, 64 bytes).</summary>
    internal byte[] Sign(byte[] data)
    {
        lock (signLock) return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>True for an ECDSA key on curve P-256.</summary>
    internal static bool IsP256(ECDsa key)
    {
        if (key.KeySize != 256) return false;
        var oid = key.ExportParameters(false).Curve.Oid;
        return oid.Value == "1.2.840.10045.3.1.7" || oid.FriendlyName is "nistP256" or "ECDSA_P256";
    }

    /// <inheritdoc />
    public void Dispose() => key.Dispose();
}
