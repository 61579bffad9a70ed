using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Xinyong.Security;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Accounts;

/// <summary>A lock of a sign-in key after repeated failures.</summary>
public sealed record SignInLock
{
    public long Id { get; init; }
    public string LockKey { get; init; } = "";
    public DateTimeOffset LockedAt { get; init; }
    public DateTimeOffset LockedUntil { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset? LiftedAt { get; init; }
    public string? LiftedBy { get; init; }
}

/// <summary>
/// Throttling of portal sign-ins (<c>data/security/signin.yaml</c>): failures are counted per account key and per client
/// address key; after <see cref="LockoutRule.MaxFailures"/> failures within the window the key is locked, and while it
/// is locked every sign-in through it is refused before the secret is checked, the right one included. A lock ends
/// by itself after the lock period, or when staff lift it. Locks and lifts enter the audit chain.
/// Keys: <c>subject:REF</c> (a known subject), <c>code:HASH</c> (a code no subject has; hashed, since it may be a
/// resident identity number), <c>account:CODE</c> (a staff or unit account), <c>address:IP</c>.
/// </summary>
public sealed class SignInThrottle(Database db, AuditChain audit, SubjectStore subjects, SignInRules rules, TimeProvider clock)
{
    /// <summary>The key of a subject's sign-in by the code typed (a USCC or resident identity number).</summary>
    public string SubjectKey(string? code)
    {
        var text = (code ?? "").Trim().ToUpperInvariant();
        SubjectRow? s = null;
        try { s = subjects.Find(text); }
        catch (FormatException) { }
        return s is not null ? "subject:" + s.Ref : "code:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The key of an account's sign-in (staff, units).</summary>
    public static string AccountKey(string? code) => "account:" + (code ?? "").Trim();

    /// <summary>The key of a client address (IPv4-mapped IPv6 addresses as IPv4).</summary>
    public static string AddressKey(IPAddress? address) =>
        "address:" + (address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());

    /// <summary>The lock in force on any of the keys (the one that ends last), or null.</summary>
    public SignInLock? LockOf(params string[] keys)
    {
        using var c = db.Open();
        return c.Query<SignInLock>(
            $"SELECT {Columns} FROM signin_locks WHERE {db.In("lock_key", "keys")} AND locked_until > @now AND lifted_at IS NULL ORDER BY locked_until DESC LIMIT 1",
            new { keys, now = clock.GetUtcNow() }).FirstOrDefault();
    }

    /// <summary>Counts a failed sign-in against the account key and the address key; returns the lock it caused, or null.</summary>
    public SignInLock? Failed(string accountKey, string addressKey)
    {
        var now = clock.GetUtcNow();
        SignInLock? caused = null;
        using var c = db.Open();
        var oldest = now - (rules.Account.Window > rules.Address.Window ? rules.Account.Window : rules.Address.Window);
        c.Execute("DELETE FROM signin_failures WHERE at <= @oldest", new { oldest });
        foreach (var (key, rule) in new[] { (accountKey, rules.Account), (addressKey, rules.Address) })
        {
            c.Execute("INSERT INTO signin_failures (lock_key, at) VALUES (@key, @now)", new { key, now });
            var failures = c.ExecuteScalar<long>("SELECT COUNT(*) FROM signin_failures WHERE lock_key = @key AND at > @from", new { key, from = now - rule.Window });
            if (failures < rule.MaxFailures) continue;
            var until = now + rule.Lock;
            using var tx = c.BeginTransaction();
            var id = c.ExecuteScalar<long>(
                "INSERT INTO signin_locks (lock_key, locked_at, locked_until, failures) VALUES (@key, @now, @until, @failures) RETURNING id",
                new { key, now, until, failures }, tx);
            c.Execute("DELETE FROM signin_failures WHERE lock_key = @key", new { key }, tx);
            audit.Append(c, tx, "platform", "signin.lock", key,
                $"{failures} failed sign-ins within {rule.Window.TotalMinutes:0} minutes; locked until {until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
            tx.Commit();
            caused ??= new SignInLock { Id = id, LockKey = key, LockedAt = now, LockedUntil = until, Failures = (int)failures };
        }
        return caused;
    }

    /// <summary>A successful sign-in clears the account key's failures (not the address's).</summary>
    public void Succeeded(string accountKey)
    {
        using var c = db.Open();
        c.Execute("DELETE FROM signin_failures WHERE lock_key = @accountKey", new { accountKey });
    }

    /// <summary>The locks in force, newest first.</summary>
    public IReadOnlyList<SignInLock> Active()
    {
        using var c = db.Open();
        return c.Query<SignInLock>($"SELECT {Columns} FROM signin_locks WHERE locked_until > @now AND lifted_at IS NULL ORDER BY locked_at DESC, id DESC",
            new { now = clock.GetUtcNow() }).ToList();
    }

    /// <summary>Lifts every lock in force on a key and forgets its failures; returns how many locks were lifted.</summary>
    public int Lift(string key, string by, string? reason = null)
    {
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("UPDATE signin_locks SET lifted_at = @now, lifted_by = @by WHERE lock_key = @key AND locked_until > @now AND lifted_at IS NULL",
            new { key, by, now }, tx);
        c.Execute("DELETE FROM signin_failures WHERE lock_key = @key", new { key }, tx);
        if (n > 0) audit.Append(c, tx, by, "signin.unlock", key, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        tx.Commit();
        return n;
    }

    private const string Columns = "id, lock_key AS LockKey, locked_at AS LockedAt, locked_until AS LockedUntil, failures, lifted_at AS LiftedAt, lifted_by AS LiftedBy";
}
