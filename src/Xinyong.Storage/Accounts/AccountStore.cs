using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Xinyong.Storage.Accounts;

/// <summary>The kinds of account that act on the platform through a credential.</summary>
public static class AccountKinds
{
    /// <summary>公共信用信息提供单位: writes its catalog items.</summary>
    public const string Provider = "provider";
    /// <summary>A government department: checks subjects and reads shared items for its duties.</summary>
    public const string Department = "department";
    /// <summary>Staff of the credit agency or a unit: decides objections, repairs and list entries.</summary>
    public const string Staff = "staff";
    /// <summary>A bank or credit-service firm: reads conditionally open data with a subject's authorization.</summary>
    public const string Institution = "institution";
}

/// <summary>An authenticated account.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Kind">provider, department, staff or institution.</param>
/// <param name="Name">Its name.</param>
/// <param name="Level">province, city, county or township.</param>
/// <param name="Region">Its division code.</param>
/// <param name="Role">For staff: the role (e.g. agency, authority, auditor, unit).</param>
/// <param name="Items">The catalog items it may write (providers) or read (departments).</param>
/// <param name="Unit">For staff: the provider or department code of the unit they work for (null = the credit agency).</param>
public sealed record Account(string Code, string Kind, string Name, string? Level, string? Region, string? Role, IReadOnlySet<string> Items, string? Unit = null);

/// <summary>A new account's request.</summary>
public sealed record NewAccount(string Code, string Kind, string Name, string? Level = null, string? Region = null, string? Uscc = null, string? Role = null, IReadOnlyList<string>? Items = null, string? Unit = null);

/// <summary>
/// Accounts and their bearer credentials. Tokens are random and stored only as SHA-256. An authenticated token is
/// remembered for <see cref="CacheFor"/> so that busy API callers (a department's checks) do not cost a lookup per
/// request; changing or revoking an account through this store forgets its tokens at once.
/// </summary>
public sealed class AccountStore(Database db, Audit.AuditChain audit, TimeProvider clock)
{
    /// <summary>How long an authenticated token is remembered: the longest a change made by another process (another
    /// platform instance, the CLI) takes to reach this one.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (Account Account, DateTimeOffset Until)> _authenticated = new();

    /// <summary>
    /// Creates an account (or updates its name, level, region, role and items) and issues a new token; the audit chain
    /// records who did it (the token itself is never recorded).
    /// </summary>
    /// <param name="a">The account.</param>
    /// <param name="actor">Who creates it: a staff code, or <c>operator</c> for the command line.</param>
    /// <returns>The token, shown once.</returns>
    public string AddOrUpdate(NewAccount a, string actor = "operator")
    {
        if (string.IsNullOrWhiteSpace(a.Code)) throw new ArgumentException("an account needs a code");
        var token = NewToken();
        var now = clock.GetUtcNow();
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var exists = c.ExecuteScalar<long>("SELECT COUNT(*) FROM accounts WHERE code = @Code", a, tx) > 0;
        if (exists)
        {
            var kind = c.ExecuteScalar<string>("SELECT kind FROM accounts WHERE code = @Code", a, tx);
            if (kind != a.Kind) throw new ArgumentException($"account {a.Code} exists as a {kind}, not a {a.Kind}");
            c.Execute("UPDATE accounts SET name = @Name, level = COALESCE(@Level, level), region = COALESCE(@Region, region), uscc = COALESCE(@Uscc, uscc), role = COALESCE(@Role, role), unit = COALESCE(@Unit, unit) WHERE code = @Code", a, tx);
        }
        else
        {
            c.Execute("INSERT INTO accounts (code, kind, name, level, region, uscc, role, unit, created_at) VALUES (@Code, @Kind, @Name, @Level, @Region, @Uscc, @Role, @Unit, @now)",
                new { a.Code, a.Kind, a.Name, a.Level, a.Region, a.Uscc, a.Role, a.Unit, now }, tx);
        }
        if (a.Items is not null)
        {
            c.Execute("DELETE FROM account_items WHERE account = @Code", a, tx);
            foreach (var item in a.Items.Distinct())
                c.Execute("INSERT INTO account_items (account, item) VALUES (@code, @item)", new { code = a.Code, item }, tx);
        }
        c.Execute("INSERT INTO credentials (token_hash, account, created_at) VALUES (@h, @code, @now)", new { h = Hash(token), code = a.Code, now }, tx);
        audit.Append(c, tx, actor, exists ? "account.update" : "account.add", $"account:{a.Code}",
            $"kind={a.Kind} role={a.Role} unit={a.Unit} items={(a.Items is null ? "(unchanged)" : string.Join(",", a.Items.Distinct().Order()))}; new token issued");
        tx.Commit();
        Forget(a.Code);
        return token;
    }

    /// <summary>The account a bearer token belongs to, or null for an unknown, revoked or disabled one.</summary>
    public Account? Authenticate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var h = Hash(token.Trim());
        var now = clock.GetUtcNow();
        if (_authenticated.TryGetValue(h, out var known) && known.Until > now) return known.Account;
        using var c = db.Open();
        var code = c.QueryFirstOrDefault<string>(
            """
            SELECT a.code FROM credentials k JOIN accounts a ON a.code = k.account
            WHERE k.token_hash = @h AND k.revoked_at IS NULL AND a.disabled_at IS NULL
            """, new { h });
        var account = code is null ? null : Load(c, code);
        if (account is null) _authenticated.TryRemove(h, out _);
        else _authenticated[h] = (account, now + CacheFor);
        return account;
    }

    /// <summary>An account by code (without credentials), or null.</summary>
    public Account? Get(string code)
    {
        using var c = db.Open();
        return Load(c, code);
    }

    private static Account? Load(System.Data.Common.DbConnection c, string code)
    {
        var row = c.QueryFirstOrDefault<(string Code, string Kind, string Name, string? Level, string? Region, string? Role, string? Unit)>(
            "SELECT code, kind, name, level, region, role, unit FROM accounts WHERE code = @code", new { code });
        if (row.Code is null) return null;
        var items = c.Query<string>("SELECT item FROM account_items WHERE account = @code", new { code }).ToHashSet();
        return new Account(row.Code, row.Kind, row.Name, row.Level, row.Region, row.Role, items, row.Unit);
    }

    /// <summary>All accounts of a kind.</summary>
    public IReadOnlyList<Account> List(string kind)
    {
        using var c = db.Open();
        var rows = c.Query<(string Code, string Kind, string Name, string? Level, string? Region, string? Role, string? Unit)>(
            "SELECT code, kind, name, level, region, role, unit FROM accounts WHERE kind = @kind ORDER BY code", new { kind }).ToList();
        var items = c.Query<(string Account, string Item)>("SELECT a.account, a.item FROM account_items a JOIN accounts b ON b.code = a.account WHERE b.kind = @kind", new { kind })
            .GroupBy(x => x.Account).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(x => x.Item).ToHashSet());
        return rows.Select(r => new Account(r.Code, r.Kind, r.Name, r.Level, r.Region, r.Role, items.GetValueOrDefault(r.Code) ?? new HashSet<string>(), r.Unit)).ToList();
    }

    /// <summary>Revokes every token of an account; the audit chain records it.</summary>
    public int RevokeTokens(string code, string actor = "operator")
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("UPDATE credentials SET revoked_at = @now WHERE account = @code AND revoked_at IS NULL", new { code, now = clock.GetUtcNow() }, tx);
        audit.Append(c, tx, actor, "account.revoke-tokens", $"account:{code}", $"{n} token(s) revoked");
        tx.Commit();
        Forget(code);
        return n;
    }

    private void Forget(string code)
    {
        foreach (var (hash, known) in _authenticated)
            if (known.Account.Code == code) _authenticated.TryRemove(hash, out _);
    }

    /// <summary>A new random token: <c>xy_</c> + 43 base64url characters (256 bits).</summary>
    public static string NewToken() => "xy_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>How a token is stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
