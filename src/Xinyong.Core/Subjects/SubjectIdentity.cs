using System.Security.Cryptography;
using System.Text;
using Xinyong.Identifiers;

namespace Xinyong.Subjects;

/// <summary>
/// The one key that matches a record to its subject (Art. 19), in the three shapes the regulation allows: a USCC, a
/// resident identity number, or another identity document of a natural person without one.
/// </summary>
public sealed record SubjectIdentity
{
    private SubjectIdentity(string idType, string value, string masked, bool personal)
    {
        IdType = idType; Value = value; Masked = masked; Personal = personal;
    }

    /// <summary><c>uscc</c>, <c>resident-id</c>, or an <see cref="OtherIdDocument"/> type code.</summary>
    public string IdType { get; }

    /// <summary>The normalized identifier. Personal for natural persons: never stored in clear.</summary>
    public string Value { get; }

    /// <summary>The display form outside the subject's own view.</summary>
    public string Masked { get; }

    /// <summary>True for a natural person's identity number (personal information, Art. 23).</summary>
    public bool Personal { get; }

    /// <summary>From a USCC.</summary>
    public static SubjectIdentity Of(Uscc u) => new("uscc", u.Value, u.Value, false);

    /// <summary>From a resident identity number.</summary>
    public static SubjectIdentity Of(ResidentId r) => new("resident-id", r.Value, r.Masked, true);

    /// <summary>From another identity document.</summary>
    public static SubjectIdentity Of(OtherIdDocument d) => new(d.TypeCode, d.Number, d.Masked, true);

    /// <summary>The identity of a stored natural person, known only by its masked form (for corrections of its records).</summary>
    public static SubjectIdentity Stored(string idType, string masked) => new(idType, masked, masked, true);

    /// <summary>The id type of a government body known only by its name (<see cref="OfGovernmentName"/>).</summary>
    public const string GovernmentNameType = "gov-name";

    /// <summary>
    /// A government body named in a supervision clue without its USCC (《黑龙江省营商环境监督办法》第十六条): keyed by its
    /// name (whitespace removed, full-width brackets made half-width), as <c>g:</c> + 32 hex of SHA-256 of that form; its
    /// public reference is <c>G</c> + 16 hex. Staff complete it with its USCC later (the body is then merged).
    /// </summary>
    public static SubjectIdentity OfGovernmentName(string name)
    {
        var normal = new string(name.Where(c => !char.IsWhiteSpace(c)).Select(c => c switch { '（' => '(', '）' => ')', _ => c }).ToArray());
        var key = "g:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))[..32];
        return new(GovernmentNameType, key, "无统一社会信用代码（以名称登记）", false);
    }

    /// <summary>A stored non-personal identity by its lookup key (a subject already matched, e.g. a body known by name).</summary>
    public static SubjectIdentity StoredKey(string idType, string lookupKey, string masked) => new(idType, lookupKey, masked, false);

    /// <summary>Parses a code typed by a user: a USCC or a resident identity number.</summary>
    public static SubjectIdentity? TryParseCode(string? code, DateOnly today)
    {
        if (Uscc.TryParse(code, out var u, out _)) return Of(u);
        if (ResidentId.TryParse(code, today, out var r, out _)) return Of(r);
        return null;
    }

    /// <summary>
    /// The key to look up a code typed by a person: a platform reference (P or G and 16 hex digits) as it is, or the lookup
    /// key of a USCC or resident identity number.
    /// </summary>
    /// <exception cref="FormatException">The code is none of these (<see cref="SubjectTexts.NotACode"/>).</exception>
    public static string LookupKeyOfTyped(string code, DateOnly today, PersonalIdHasher hasher)
    {
        var t = code.Trim();
        if (t.Length == 17 && t[0] is 'P' or 'G' && t.Skip(1).All(Uri.IsHexDigit)) return t.ToUpperInvariant();
        var id = TryParseCode(t, today) ?? throw new FormatException(SubjectTexts.NotACode);
        return id.LookupKey(hasher);
    }

    /// <summary>
    /// The lookup key stored for the subject: the USCC itself for organisations; for natural persons a keyed hash
    /// (HMAC-SHA256 with the platform's personal-identifier key), so identity numbers are never stored in clear.
    /// </summary>
    public string LookupKey(PersonalIdHasher hasher) => Personal ? hasher.Key(IdType, Value) : Value;
}

/// <summary>Keyed hashing of personal identity numbers. The key is configuration, kept apart from the data.</summary>
public sealed class PersonalIdHasher
{
    private readonly byte[] _key;

    /// <summary>Creates a hasher with a secret key of at least 32 bytes.</summary>
    public PersonalIdHasher(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("the personal-identifier key must have at least 32 bytes", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The stored key of an identity number: <c>p:</c> + 32 hex characters of HMAC-SHA256(type:number).</summary>
    public string Key(string idType, string value)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(idType + ":" + value), mac);
        return "p:" + Convert.ToHexStringLower(mac[..16]);
    }

    /// <summary>The public reference of a natural person (used in addresses instead of the number): <c>P</c> + 16 hex.</summary>
    public static string PublicRef(string lookupKey) =>
        lookupKey.StartsWith("p:", StringComparison.Ordinal) ? "P" + lookupKey.Substring(2, 16).ToUpperInvariant()
        : lookupKey.StartsWith("g:", StringComparison.Ordinal) ? "G" + lookupKey.Substring(2, 16).ToUpperInvariant()   // a government body known by name
        : lookupKey;
}
