using System.Security.Cryptography;
using System.Text;
using Dapper;
using Xinyong.Security;
using Xinyong.Subjects;
using Xinyong.Storage.Audit;

namespace Xinyong.Storage.Subjects;

/// <summary>
/// A subject's own sign-in for its self-query (Art. 24): its code plus a password set by staff (PBKDF2-SHA256,
/// 210,000 iterations) or a one-time code (8 digits, used once, valid for <see cref="SignInRules.OneTimeValidity"/> and
/// void after <see cref="SignInRules.OneTimeMaxAttempts"/> failed sign-ins of the account; <c>data/security/signin.yaml</c>).
/// </summary>
public sealed class SubjectAccounts(Database db, SubjectStore subjects, AuditChain audit, SignInRules rules, TimeProvider clock)
{
    private const int Iterations = 210_000;

    /// <summary>Sets a password for the subject with this code; returns the subject, or null when unknown.</summary>
    public SubjectRow? SetPassword(string code, string password, string setBy)
    {
        SubjectPasswords.Require(password);
        var s = subjects.Find(code);
        if (s is null) return null;
        Upsert(s.Id, HashPassword(password), null, null, setBy);
        audit.Append(setBy, "subject-account.password", $"subject:{s.Ref}");
        return s;
    }

    /// <summary>How long a one-time code is valid after it is issued.</summary>
    public TimeSpan OneTimeValidity => rules.OneTimeValidity;

    /// <summary>Issues a one-time code (8 digits, valid for <see cref="OneTimeValidity"/>) for the subject with this code; null when unknown.</summary>
    public (SubjectRow Subject, string Code)? IssueOneTimeCode(string code, string setBy)
    {
        var s = subjects.Find(code);
        if (s is null) return null;
        var otp = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8");
        Upsert(s.Id, null, HashPassword(otp), clock.GetUtcNow() + rules.OneTimeValidity, setBy);
        audit.Append(setBy, "subject-account.one-time-code", $"subject:{s.Ref}");
        return (s, otp);
    }

    /// <summary>
    /// Checks a sign-in; returns the subject, or null. A one-time code works once; every failed sign-in of the account
    /// counts against an outstanding one-time code, which is void after <see cref="SignInRules.OneTimeMaxAttempts"/>.
    /// </summary>
    public SubjectRow? SignIn(string code, string secret)
    {
        SubjectRow? s;
        try { s = subjects.Find(code); }
        catch (FormatException) { return null; }
        if (s is null || string.IsNullOrEmpty(secret)) return null;
        using var c = db.Open();
        var row = c.QueryFirstOrDefault<(string? Password, string? OneTime, DateTimeOffset? Expires, int OneTimeFailures)>(
            "SELECT password_hash, one_time_hash, one_time_expires, one_time_failures FROM subject_accounts WHERE subject_id = @id", new { id = s.Id });
        var now = clock.GetUtcNow();
        bool ok;
        if (row.Password is not null && Verify(secret, row.Password)) ok = true;
        else if (row.OneTime is not null && row.Expires > now && Verify(secret, row.OneTime))
        {
            ok = true;
            c.Execute("UPDATE subject_accounts SET one_time_hash = NULL, one_time_expires = NULL WHERE subject_id = @id", new { id = s.Id });
        }
        else ok = false;
        if (!ok)
        {
            if (row.OneTime is not null) CountOneTimeFailure(c, s, row.OneTimeFailures + 1);
            return null;
        }
        c.Execute("UPDATE subject_accounts SET last_signin = @now WHERE subject_id = @id", new { id = s.Id, now });
        return s;
    }

    private void CountOneTimeFailure(System.Data.Common.DbConnection c, SubjectRow s, int failures)
    {
        if (failures < rules.OneTimeMaxAttempts)
        {
            c.Execute("UPDATE subject_accounts SET one_time_failures = @failures WHERE subject_id = @id", new { id = s.Id, failures });
            return;
        }
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE subject_accounts SET one_time_hash = NULL, one_time_expires = NULL, one_time_failures = 0 WHERE subject_id = @id", new { id = s.Id }, tx);
        audit.Append(c, tx, "platform", "subject-account.one-time-code.void", $"subject:{s.Ref}", $"{failures} failed sign-ins");
        tx.Commit();
    }

    private void Upsert(long subjectId, string? password, string? oneTime, DateTimeOffset? expires, string setBy)
    {
        using var c = db.Open();
        var now = clock.GetUtcNow();
        var exists = c.ExecuteScalar<long>("SELECT COUNT(*) FROM subject_accounts WHERE subject_id = @subjectId", new { subjectId }) > 0;
        if (!exists)
            c.Execute("INSERT INTO subject_accounts (subject_id, password_hash, one_time_hash, one_time_expires, set_by, set_at) VALUES (@subjectId, @password, @oneTime, @expires, @setBy, @now)",
                new { subjectId, password, oneTime, expires, setBy, now });
        else if (password is not null)
            c.Execute("UPDATE subject_accounts SET password_hash = @password, set_by = @setBy, set_at = @now WHERE subject_id = @subjectId", new { subjectId, password, setBy, now });
        else
            c.Execute("UPDATE subject_accounts SET one_time_hash = @oneTime, one_time_expires = @expires, one_time_failures = 0, set_by = @setBy, set_at = @now WHERE subject_id = @subjectId", new { subjectId, oneTime, expires, setBy, now });
    }

    private static string HashPassword(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256") return false;
        var iterations = int.Parse(parts[1]);
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
