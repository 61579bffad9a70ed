using System.Security.Cryptography;
using System.Text;
using OtpNet;
using Xinyong.Security;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.SignIn;

namespace Xinyong.Application.SignIn;

/// <summary>How passwords are hashed and checked (the web host supplies the framework's password hasher).</summary>
public interface IPasswordHashing
{
    /// <summary>The stored form of a password.</summary>
    string Hash(string password);

    /// <summary>Checks a password against its stored form; <paramref name="rehash"/> is true when the stored form is outdated.</summary>
    bool Verify(string hash, string password, out bool rehash);
}

/// <summary>An authenticator to enrol: its secret (base32) and the <c>otpauth://</c> address a QR code carries.</summary>
public sealed record AuthenticatorEnrolment(string Account, string Secret, string OtpauthUri);

/// <summary>
/// The portal sign-in of people who act for an account (staff, provider units, departments, institutions): the account
/// code as the name, a password and a TOTP code (RFC 6238, 30 s, 6 digits, one step of clock drift either way; each code
/// works once). Enrolment: the operator prints a one-time enrolment code (<see cref="IssueEnrolment"/>, valid
/// <see cref="EnrolmentRules.CodeValidity"/>); the user sets a password and receives an authenticator secret
/// (<see cref="BeginEnrolment"/>), and the first code from the authenticator completes it (<see cref="CompleteEnrolment"/>).
/// Each step is one transaction and enters the audit chain (《黑龙江省社会信用条例》第四十八条, security of the platform).
/// Throttling of failures (per account and address) is the caller's, with <see cref="SignInThrottle"/>.
/// </summary>
public sealed class AccountSignIn(Database db, AccountSignInStore store, AccountStore accounts, AuditChain audit, SignInRules rules, IPasswordHashing hashing, TimeProvider clock)
{
    /// <summary>The issuer name an authenticator app shows next to the account.</summary>
    public const string Issuer = "信用平台";

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>Issues a one-time enrolment code for an account (shown once; any earlier code is void).</summary>
    public string IssueEnrolment(string account, string by)
    {
        if (accounts.Get(account) is null) throw Refusal.NotFound("signin.account-unknown", $"账户{account}不存在。");
        var code = NewEnrolmentCode();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        store.SetEnrolment(c, tx, account, Sha256(code), clock.GetUtcNow() + rules.Enrolment.CodeValidity, by);
        audit.Append(c, tx, by, "account.signin-enrolment", $"account:{account}", $"valid {rules.Enrolment.CodeValidity.TotalHours:0} h");
        tx.Commit();
        return code;
    }

    /// <summary>
    /// Checks the enrolment code and the new password; keeps the password with a new authenticator secret until the
    /// first code confirms it. Returns null for a wrong or expired enrolment code (the caller counts the failure).
    /// </summary>
    public AuthenticatorEnrolment? BeginEnrolment(string account, string enrolmentCode, string password, string repeat)
    {
        account = (account ?? "").Trim();
        CheckPassword(password, repeat, account);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (!EnrolmentValid(store.Get(c, tx, account), enrolmentCode)) return null;
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        store.SetPending(c, tx, account, hashing.Hash(password), secret);
        tx.Commit();
        return new AuthenticatorEnrolment(account, secret, OtpauthUri(account, secret));
    }

    /// <summary>The authenticator waiting for its first code, shown again after a wrong code; null for a wrong enrolment code.</summary>
    public AuthenticatorEnrolment? Pending(string account, string enrolmentCode)
    {
        account = (account ?? "").Trim();
        using var c = db.Open();
        var row = store.Get(c, null, account);
        return EnrolmentValid(row, enrolmentCode) && row!.TotpPending is { } secret ? new AuthenticatorEnrolment(account, secret, OtpauthUri(account, secret)) : null;
    }

    /// <summary>
    /// Confirms the pending authenticator with its first code: the password and the authenticator become the account's
    /// sign-in and the enrolment code is spent. False for a wrong enrolment code or authenticator code.
    /// </summary>
    public bool CompleteEnrolment(string account, string enrolmentCode, string totpCode)
    {
        account = (account ?? "").Trim();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var row = store.Get(c, tx, account);
        if (!EnrolmentValid(row, enrolmentCode) || row!.TotpPending is null || store.PendingPassword(c, tx, account) is null) return false;
        if (Step(row.TotpPending, totpCode, null) is not { } step) return false;
        store.Complete(c, tx, account, step, clock.GetUtcNow());
        audit.Append(c, tx, account, "account.signin-enrolled", $"account:{account}", "password and authenticator set");
        tx.Commit();
        return true;
    }

    /// <summary>
    /// A sign-in with the account code, password and authenticator code: the account, or null when any of them is wrong
    /// or the account has not enrolled (one answer for all, so a guesser learns nothing; the caller counts the failure).
    /// </summary>
    public Account? SignIn(string account, string password, string totpCode)
    {
        account = (account ?? "").Trim();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var row = store.Get(c, tx, account);
        if (row is not { Enrolled: true } || string.IsNullOrEmpty(password)) return null;
        if (!hashing.Verify(row.PasswordHash!, password, out var rehash)) return null;
        if (Step(row.TotpSecret!, totpCode, row.TotpLastStep) is not { } step) return null;
        var a = accounts.Get(account);
        if (a is null) return null;
        store.SignedIn(c, tx, account, step, clock.GetUtcNow(), rehash ? hashing.Hash(password) : null);
        tx.Commit();
        return a;
    }

    /// <summary>True when the account signs in to the portal with a password and an authenticator (not with its token).</summary>
    public bool Enrolled(string account)
    {
        using var c = db.Open();
        return store.Get(c, null, account.Trim()) is { Enrolled: true };
    }

    /// <summary>Removes an account's password and authenticator (a lost phone); a new enrolment code follows.</summary>
    public bool Reset(string account, string by)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = store.Reset(c, tx, account);
        if (n > 0) audit.Append(c, tx, by, "account.signin-reset", $"account:{account}");
        tx.Commit();
        return n > 0;
    }

    /// <summary>The <c>otpauth://</c> address of an authenticator secret (what the QR code carries).</summary>
    public static string OtpauthUri(string account, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    private void CheckPassword(string password, string repeat, string account)
    {
        if (string.IsNullOrEmpty(password) || password.Length < rules.Enrolment.MinPasswordLength)
            throw Refusal.Invalid("signin.password-short", $"密码至少{rules.Enrolment.MinPasswordLength}位。");
        if (password != repeat) throw Refusal.Invalid("signin.password-mismatch", "两次输入的密码不一致。");
        if (string.Equals(password, account, StringComparison.OrdinalIgnoreCase) || password.Distinct().Count() < 4)
            throw Refusal.Invalid("signin.password-weak", "密码过于简单：不得与账户代码相同，且至少包含4个不同的字符。");
    }

    private bool EnrolmentValid(AccountSignInRow? row, string code) =>
        row is { EnrolHash: not null, EnrolExpires: { } until } && until > clock.GetUtcNow() &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.EnrolHash), Encoding.ASCII.GetBytes(Sha256(Normalize(code))));

    /// <summary>The time step a code matches (now, or one step either side), or null; a step not after <paramref name="lastStep"/> is refused (a code works once).</summary>
    private long? Step(string secret, string code, long? lastStep)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Drift)) return null;
        return lastStep is { } last && step <= last ? null : step;
    }

    /// <summary>A new enrolment code: 16 characters of an unambiguous alphabet, in groups of four.</summary>
    private static string NewEnrolmentCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }

    private static string Normalize(string code) => (code ?? "").Trim().ToUpperInvariant().Replace(" ", "").Replace("-", "");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text))));
}
