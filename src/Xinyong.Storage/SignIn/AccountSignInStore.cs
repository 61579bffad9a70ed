using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.SignIn;

/// <summary>An account's password and authenticator state (table <c>account_signins</c>, migration 0740).</summary>
public sealed record AccountSignInRow
{
    public string Account { get; init; } = "";
    public string? PasswordHash { get; init; }
    public string? TotpSecret { get; init; }
    public string? TotpPending { get; init; }
    public long? TotpLastStep { get; init; }
    public string? EnrolHash { get; init; }
    public DateTimeOffset? EnrolExpires { get; init; }
    public string? EnrolBy { get; init; }
    public DateTimeOffset? EnrolledAt { get; init; }
    public DateTimeOffset? LastSignin { get; init; }

    /// <summary>True once the user set a password and confirmed an authenticator: the account signs in with both.</summary>
    public bool Enrolled => PasswordHash is not null && TotpSecret is not null;
}

/// <summary>
/// Persistence of the accounts' portal sign-in (password hash, TOTP secret, the outstanding enrolment code). Every
/// method works inside the caller's connection and transaction; the workflow lives in
/// <c>Xinyong.Application.SignIn.AccountSignIn</c>.
/// </summary>
public sealed class AccountSignInStore
{
    private const string Columns =
        "account, password_hash AS PasswordHash, totp_secret AS TotpSecret, totp_pending AS TotpPending, totp_last_step AS TotpLastStep, " +
        "enrol_hash AS EnrolHash, enrol_expires AS EnrolExpires, enrol_by AS EnrolBy, enrolled_at AS EnrolledAt, last_signin AS LastSignin";

    /// <summary>The row of an account, or null when it never had an enrolment code.</summary>
    public AccountSignInRow? Get(DbConnection c, DbTransaction? tx, string account) =>
        c.QueryFirstOrDefault<AccountSignInRow>($"SELECT {Columns} FROM account_signins WHERE account = @account", new { account }, tx);

    /// <summary>Stores a new enrolment code (its hash): the password and authenticator set with it replace the old ones.</summary>
    public void SetEnrolment(DbConnection c, DbTransaction tx, string account, string codeHash, DateTimeOffset expires, string by)
    {
        var n = c.Execute("UPDATE account_signins SET enrol_hash = @codeHash, enrol_expires = @expires, enrol_by = @by, totp_pending = NULL WHERE account = @account",
            new { account, codeHash, expires, by }, tx);
        if (n == 0)
            c.Execute("INSERT INTO account_signins (account, enrol_hash, enrol_expires, enrol_by) VALUES (@account, @codeHash, @expires, @by)",
                new { account, codeHash, expires, by }, tx);
    }

    /// <summary>Keeps the password and the authenticator secret waiting for its first code.</summary>
    public void SetPending(DbConnection c, DbTransaction tx, string account, string passwordHash, string totpPending) =>
        c.Execute("UPDATE account_signins SET totp_pending = @totpPending, pending_password = @passwordHash WHERE account = @account",
            new { account, passwordHash, totpPending }, tx);

    /// <summary>The password waiting with the pending authenticator.</summary>
    public string? PendingPassword(DbConnection c, DbTransaction? tx, string account) =>
        c.QueryFirstOrDefault<string?>("SELECT pending_password FROM account_signins WHERE account = @account", new { account }, tx);

    /// <summary>Completes the enrolment: the pending password and secret become the account's; the enrolment code is spent.</summary>
    public void Complete(DbConnection c, DbTransaction tx, string account, long step, DateTimeOffset now) =>
        c.Execute(
            """
            UPDATE account_signins SET password_hash = pending_password, totp_secret = totp_pending, totp_last_step = @step,
              pending_password = NULL, totp_pending = NULL, enrol_hash = NULL, enrol_expires = NULL, enrolled_at = @now
            WHERE account = @account
            """, new { account, step, now }, tx);

    /// <summary>Records a sign-in: the time step of the code used (so it cannot be used again) and the time.</summary>
    public void SignedIn(DbConnection c, DbTransaction tx, string account, long step, DateTimeOffset now, string? rehashedPassword) =>
        c.Execute("UPDATE account_signins SET totp_last_step = @step, last_signin = @now, password_hash = COALESCE(@rehashedPassword, password_hash) WHERE account = @account",
            new { account, step, now, rehashedPassword }, tx);

    /// <summary>Removes the password and authenticator of an account (the operator resets it; a new enrolment follows).</summary>
    public int Reset(DbConnection c, DbTransaction tx, string account) =>
        c.Execute("UPDATE account_signins SET password_hash = NULL, totp_secret = NULL, totp_last_step = NULL, totp_pending = NULL, pending_password = NULL, enrolled_at = NULL WHERE account = @account",
            new { account }, tx);
}
