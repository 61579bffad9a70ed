using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.SignIn;

/// <summary>A subject's registration waiting for its verification code (table <c>subject_registrations</c>).</summary>
public sealed record SubjectRegistrationRow
{
    public long Id { get; init; }
    public long SubjectId { get; init; }
    public string Channel { get; init; } = "";
    public string Address { get; init; } = "";
    public string CodeHash { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
}

/// <summary>Persistence of subjects' self-registration and their verified channels, in the caller's transaction.</summary>
public sealed class SubjectRegistrationStore
{
    private const string Columns = "id, subject_id AS SubjectId, channel, address, code_hash AS CodeHash, expires_at AS ExpiresAt, attempts, created_at AS CreatedAt, verified_at AS VerifiedAt";

    /// <summary>Starts a registration; returns its id.</summary>
    public long Add(DbConnection c, DbTransaction tx, long subjectId, string channel, string address, string codeHash, DateTimeOffset expires, DateTimeOffset now) =>
        c.ExecuteScalar<long>(
            "INSERT INTO subject_registrations (subject_id, channel, address, code_hash, expires_at, attempts, created_at) VALUES (@subjectId, @channel, @address, @codeHash, @expires, 0, @now) RETURNING id",
            new { subjectId, channel, address, codeHash, expires, now }, tx);

    /// <summary>How many registrations of the subject began since a moment.</summary>
    public long CountSince(DbConnection c, DbTransaction? tx, long subjectId, DateTimeOffset since) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM subject_registrations WHERE subject_id = @subjectId AND created_at > @since", new { subjectId, since }, tx);

    /// <summary>A registration by id, or null.</summary>
    public SubjectRegistrationRow? Get(DbConnection c, DbTransaction? tx, long id) =>
        c.QueryFirstOrDefault<SubjectRegistrationRow>($"SELECT {Columns} FROM subject_registrations WHERE id = @id", new { id }, tx);

    /// <summary>Counts a wrong code.</summary>
    public void Failed(DbConnection c, DbTransaction? tx, long id) =>
        c.Execute("UPDATE subject_registrations SET attempts = attempts + 1 WHERE id = @id", new { id }, tx);

    /// <summary>Marks the registration verified and keeps the channel as the subject's.</summary>
    public void Verified(DbConnection c, DbTransaction tx, SubjectRegistrationRow r, DateTimeOffset now)
    {
        c.Execute("UPDATE subject_registrations SET verified_at = @now WHERE id = @id", new { id = r.Id, now }, tx);
        c.Execute("DELETE FROM subject_channels WHERE subject_id = @SubjectId AND channel = @Channel", r, tx);
        c.Execute("INSERT INTO subject_channels (subject_id, channel, address, verified_at) VALUES (@subjectId, @channel, @address, @now)",
            new { subjectId = r.SubjectId, channel = r.Channel, address = r.Address, now }, tx);
    }

    /// <summary>True when the subject already has a self-query sign-in (a password set by a window or by itself).</summary>
    public bool HasPassword(DbConnection c, DbTransaction? tx, long subjectId) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM subject_accounts WHERE subject_id = @subjectId AND password_hash IS NOT NULL", new { subjectId }, tx) > 0;
}
