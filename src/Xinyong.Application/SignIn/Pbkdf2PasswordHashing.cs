using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Xinyong.Application.SignIn;

/// <summary>
/// Passwords hashed with PBKDF2-HMAC-SHA512 (100,000 iterations, a 128-bit salt per password, a 256-bit key), stored in
/// the format of ASP.NET Core Identity's <c>PasswordHasher</c> (version 3: a 0x01 marker, the function, the iterations
/// and the salt length as big-endian integers, the salt, the key; base64), so hashes written before by the framework's
/// hasher verify here and the other way round. A hash with fewer iterations or a weaker function verifies and asks to be
/// rehashed; the framework's version 2 (PBKDF2-HMAC-SHA1, 1,000 iterations) likewise.
/// </summary>
public sealed class Pbkdf2PasswordHashing : IPasswordHashing
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    // The framework's numbering of the pseudo-random function (KeyDerivationPrf).
    private const uint HmacSha1 = 0, HmacSha256 = 1, HmacSha512 = 2;

    /// <inheritdoc />
    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, KeyBytes);
        var output = new byte[13 + SaltBytes + KeyBytes];
        output[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), HmacSha512);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltBytes);
        salt.CopyTo(output, 13);
        key.CopyTo(output, 13 + SaltBytes);
        return Convert.ToBase64String(output);
    }

    /// <inheritdoc />
    public bool Verify(string hash, string password, out bool rehash)
    {
        rehash = false;
        byte[] stored;
        try { stored = Convert.FromBase64String(hash); }
        catch (FormatException) { return false; }
        if (stored.Length == 0) return false;
        switch (stored[0])
        {
            case 0x00:   // version 2: salt (16) and key (32), PBKDF2-HMAC-SHA1, 1,000 iterations
                if (stored.Length != 1 + 16 + 32) return false;
                if (!Same(Rfc2898DeriveBytes.Pbkdf2(password, stored.AsSpan(1, 16), 1000, HashAlgorithmName.SHA1, 32), stored.AsSpan(17))) return false;
                rehash = true;
                return true;
            case 0x01:
                if (stored.Length < 13) return false;
                var prf = BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(1));
                var iterations = BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5));
                var saltLength = BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(9));
                if (saltLength < 16 || 13 + (long)saltLength > stored.Length || iterations is 0 or > int.MaxValue) return false;
                var keyLength = stored.Length - 13 - (int)saltLength;
                if (keyLength < 16) return false;
                var algorithm = prf switch
                {
                    HmacSha1 => HashAlgorithmName.SHA1,
                    HmacSha256 => HashAlgorithmName.SHA256,
                    HmacSha512 => HashAlgorithmName.SHA512,
                    _ => (HashAlgorithmName?)null,
                };
                if (algorithm is not { } a) return false;
                var actual = Rfc2898DeriveBytes.Pbkdf2(password, stored.AsSpan(13, (int)saltLength), (int)iterations, a, keyLength);
                if (!Same(actual, stored.AsSpan(13 + (int)saltLength))) return false;
                rehash = iterations < Iterations || prf != HmacSha512;
                return true;
            default:
                return false;
        }
    }

    private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);
}
