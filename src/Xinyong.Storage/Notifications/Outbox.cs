using System.Data.Common;
using Dapper;
using Xinyong.Text;

namespace Xinyong.Storage.Notifications;

/// <summary>Who a message is for.</summary>
public static class Recipients
{
    /// <summary>A credit subject (recipient = the subject's internal id).</summary>
    public const string Subject = "subject";
    /// <summary>A unit (recipient = its code, or <c>agency</c>): its staff and its own account read it.</summary>
    public const string Unit = "unit";
    /// <summary>Every staff member with a role (recipient = the role, e.g. <c>authority</c>).</summary>
    public const string Role = "role";
    /// <summary>The role of the credit authority's staff (社会信用主管部门), to whom overdue steps are reported.</summary>
    public const string AuthorityRole = "authority";
}

/// <summary>A message of the outbox.</summary>
public sealed record Notification
{
    public long Id { get; init; }
    public string RecipientKind { get; init; } = "";
    public string Recipient { get; init; } = "";
    /// <summary>The contact the applicant gave (phone or e-mail) for a subject's message, for channels that need one.</summary>
    public string? Contact { get; init; }
    public string? CaseKind { get; init; }
    public long? CaseId { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>A message to write with <see cref="Outbox.SendMany"/>.</summary>
/// <param name="To">The mailbox.</param>
/// <param name="CaseKind">The kind of case or thing it is about, if any.</param>
/// <param name="CaseId">Its id.</param>
/// <param name="Title">The title.</param>
/// <param name="Body">The text.</param>
/// <param name="Contact">The contact the applicant gave, for channels that need one.</param>
public sealed record OutgoingMessage(Mailbox To, string? CaseKind, long? CaseId, string Title, string Body, string? Contact = null);

/// <summary>A mailbox a reader may open: a recipient kind and a recipient.</summary>
public readonly record struct Mailbox(string Kind, string Recipient)
{
    /// <summary>The mailbox of a credit subject.</summary>
    public static Mailbox OfSubject(long subjectId) => new(Recipients.Subject, subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A way to deliver messages besides the platform itself (SMS gateway, e-mail, a government messaging system).
/// Register implementations in the service collection; the outbox hands each message to every one of them.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>The channel's stable name, recorded with each delivery.</summary>
    string Name { get; }

    /// <summary>Delivers one message; throws when it could not (the outbox retries later).</summary>
    void Deliver(Notification message);
}

/// <summary>
/// The outbox of messages to subjects, units and roles (in-app: the messages are read on the platform), each with its
/// time. Messages are written in the transaction of the step that causes them, so a step and its notice commit
/// together; <see cref="Dispatch"/> then hands them to every registered <see cref="IDeliveryChannel"/>, recording each
/// delivery, and retrying a failed one up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class Outbox(Database db, TimeProvider clock, IEnumerable<IDeliveryChannel> channels)
{
    private const string Columns = "id, recipient_kind AS RecipientKind, recipient, contact, case_kind AS CaseKind, case_id AS CaseId, title, body, created_at AS CreatedAt, read_at AS ReadAt";

    /// <summary>How often a channel is tried for one message.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Writes a message inside the caller's transaction; returns its id.</summary>
    public long Send(DbConnection c, DbTransaction tx, Mailbox to, string? caseKind, long? caseId, string title, string body, string? contact = null) =>
        c.ExecuteScalar<long>(
            """
            INSERT INTO notifications (recipient_kind, recipient, contact, case_kind, case_id, title, body, created_at)
            VALUES (@kind, @recipient, @contact, @caseKind, @caseId, @title, @body, @at) RETURNING id
            """,
            new { kind = to.Kind, recipient = to.Recipient, contact, caseKind, caseId, title = Punctuation.Tidy(title), body = Punctuation.Tidy(body), at = clock.GetUtcNow() }, tx);

    /// <summary>Writes many messages inside the caller's transaction in one bulk insert (binary COPY on PostgreSQL), all
    /// created now; for a step that causes thousands (e.g. the notices of a collected batch). With <c>tidied</c> the titles
    /// and bodies went through <see cref="Punctuation.Tidy"/> already (rendered ahead, on another thread) and are written as
    /// they are.</summary>
    public void SendMany(DbConnection c, DbTransaction tx, IEnumerable<OutgoingMessage> messages, bool tidied = false)
    {
        var now = clock.GetUtcNow();
        BulkInsert.Rows(c, tx, "notifications", ManyColumns, messages.Select(m => new object?[]
            { m.To.Kind, m.To.Recipient, m.Contact, m.CaseKind, m.CaseId, tidied ? m.Title : Punctuation.Tidy(m.Title), tidied ? m.Body : Punctuation.Tidy(m.Body), now }));
    }

    private static readonly (string, ColumnType)[] ManyColumns =
    [
        ("recipient_kind", ColumnType.Text), ("recipient", ColumnType.Text), ("contact", ColumnType.Text), ("case_kind", ColumnType.Text),
        ("case_id", ColumnType.BigInt), ("title", ColumnType.Text), ("body", ColumnType.Text), ("created_at", ColumnType.Instant),
    ];

    /// <summary>The messages of some mailboxes, newest first.</summary>
    public IReadOnlyList<Notification> For(IReadOnlyCollection<Mailbox> boxes, int limit = 200)
    {
        if (boxes.Count == 0) return [];
        using var c = db.Open();
        var (where, args) = Where(boxes);
        args.Add("limit", limit);
        return c.Query<Notification>($"SELECT {Columns} FROM notifications WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @limit", args).ToList();
    }

    /// <summary>Marks a message of one of the mailboxes read; false when it is not theirs.</summary>
    public bool MarkRead(long id, IReadOnlyCollection<Mailbox> boxes)
    {
        if (boxes.Count == 0) return false;
        using var c = db.Open();
        var (where, args) = Where(boxes);
        args.Add("id", id);
        args.Add("at", clock.GetUtcNow());
        var n = c.Execute($"UPDATE notifications SET read_at = COALESCE(read_at, @at) WHERE id = @id AND ({where})", args);
        return n == 1;
    }

    /// <summary>Hands undelivered messages to every channel; returns how many deliveries succeeded.</summary>
    public int Dispatch(int batch = 500)
    {
        var delivered = 0;
        foreach (var channel in channels)
        {
            List<Notification> pending;
            using (var c = db.Open())
                pending = c.Query<Notification>(
                    $"""
                    SELECT {Columns} FROM notifications n WHERE NOT EXISTS (
                      SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = @ch
                        AND (d.delivered_at IS NOT NULL OR d.attempts >= @max))
                    ORDER BY n.id LIMIT @batch
                    """, new { ch = channel.Name, max = MaxAttempts, batch }).ToList();
            foreach (var n in pending)
            {
                string? error = null;
                try { channel.Deliver(n); }
                catch (Exception ex) { error = ex.Message; }
                using var c = db.Open();
                c.Execute(
                    """
                    INSERT INTO notification_deliveries (notification_id, channel, delivered_at, attempts, last_error) VALUES (@id, @ch, @at, 1, @error)
                    ON CONFLICT (notification_id, channel) DO UPDATE SET delivered_at = excluded.delivered_at, attempts = notification_deliveries.attempts + 1, last_error = excluded.last_error
                    """, new { id = n.Id, ch = channel.Name, at = error is null ? clock.GetUtcNow() : (DateTimeOffset?)null, error });
                if (error is null) delivered++;
            }
        }
        return delivered;
    }

    private static (string Where, DynamicParameters Args) Where(IReadOnlyCollection<Mailbox> boxes)
    {
        var args = new DynamicParameters();
        var parts = boxes.Select((b, i) =>
        {
            args.Add($"k{i}", b.Kind);
            args.Add($"r{i}", b.Recipient);
            return $"(recipient_kind = @k{i} AND recipient = @r{i})";
        });
        return (string.Join(" OR ", parts), args);
    }
}
