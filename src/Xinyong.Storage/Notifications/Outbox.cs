using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
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
/// <param name="Body">The text (ignored when <see cref="Text"/> is given).</param>
/// <param name="Contact">The contact the applicant gave, for channels that need one.</param>
public sealed record OutgoingMessage(Mailbox To, string? CaseKind, long? CaseId, string Title, string Body, string? Contact = null)
{
    /// <summary>The text as a template many messages share and this message's values: stored as the template's id and the
    /// values only (the reader gets the filled text). Null: <see cref="Body"/> is the text.</summary>
    public TextWithHoles? Text { get; init; }

    /// <summary>A message whose text is a template and its values.</summary>
    public static OutgoingMessage Templated(Mailbox to, string? caseKind, long? caseId, string title, TextWithHoles text) =>
        new(to, caseKind, caseId, title, "") { Text = text };
}

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
/// <para>Shared texts: a message written with a <see cref="OutgoingMessage.Text"/> stores its template once in
/// <c>message_templates</c> (content-addressed, never changed) and in <c>notifications.body</c> only its values, joined
/// by <see cref="ValueSeparator"/>, with <c>template_id</c> set. Every read of a message goes through this class and gets
/// the filled text: the text the reader was sent, never rendered again from today's rules.</para>
/// </summary>
public sealed class Outbox(Database db, TimeProvider clock, IEnumerable<IDeliveryChannel> channels)
{
    private const string Columns = "n.id, n.recipient_kind AS RecipientKind, n.recipient, n.contact, n.case_kind AS CaseKind, n.case_id AS CaseId, n.title, n.body, " +
                                   "n.created_at AS CreatedAt, n.read_at AS ReadAt, t.text AS Template";

    private const string From = "notifications n LEFT JOIN message_templates t ON t.id = n.template_id";

    /// <summary>
    /// Between the values of a templated body: U+001F (INFORMATION SEPARATOR ONE, the unit separator of ASCII), a control
    /// character no message text holds. It is safe because it is checked, not assumed: a message with a value that holds
    /// it, or with an empty value, is written whole (no template), so a stored body of values splits back into exactly the
    /// values written (non-empty strings without the separator; an empty body is no values).
    /// </summary>
    public const char ValueSeparator = '\u001F';

    /// <summary>Templates known by text: the id, and the transaction that wrote it while it may not be committed yet.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KnownTemplate> _templates = new(StringComparer.Ordinal);

    private const int MaxKnownTemplates = 4096;

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
    /// they are.
    /// <para>A message with a <see cref="OutgoingMessage.Text"/> is stored as its template's id and its values (with
    /// <c>tidied</c>, its template and values were tidied part by part already, see <see cref="TextWithHoles.Tidied"/>);
    /// one whose text cannot be tidied part by part, or whose values cannot be stored apart, is stored whole.</para></summary>
    public void SendMany(DbConnection c, DbTransaction tx, IEnumerable<OutgoingMessage> messages, bool tidied = false)
    {
        var now = clock.GetUtcNow();
        // The templates' ids are resolved before the rows are written (PostgreSQL's COPY holds the connection), once a
        // template instance a call: the renderer hands the same instance to every message of a shape.
        Dictionary<string, long>? ids = null;
        var rows = new List<object?[]>(messages.TryGetNonEnumeratedCount(out var n) ? n : 16);
        foreach (var m in messages)
        {
            var title = tidied ? m.Title : Punctuation.Tidy(m.Title);
            string body;
            object? template = null;
            var text = m.Text is null ? null : tidied ? m.Text : m.Text.Tidied();
            if (text is null) body = m.Text is null ? (tidied ? m.Body : Punctuation.Tidy(m.Body)) : Punctuation.Tidy(m.Text.Fill());
            else if (Pack(text.Values) is not { } values) body = text.Fill();
            else
            {
                ids ??= new Dictionary<string, long>(ReferenceEqualityComparer.Instance);
                if (!ids.TryGetValue(text.Template, out var id)) ids[text.Template] = id = TemplateId(c, tx, text.Template);
                (body, template) = (values, id);
            }
            rows.Add([m.To.Kind, m.To.Recipient, m.Contact, m.CaseKind, m.CaseId, title, body, now, template]);
        }
        BulkInsert.Rows(c, tx, "notifications", ManyColumns, rows);
    }

    private static readonly (string, ColumnType)[] ManyColumns =
    [
        ("recipient_kind", ColumnType.Text), ("recipient", ColumnType.Text), ("contact", ColumnType.Text), ("case_kind", ColumnType.Text),
        ("case_id", ColumnType.BigInt), ("title", ColumnType.Text), ("body", ColumnType.Text), ("created_at", ColumnType.Instant),
        ("template_id", ColumnType.BigInt),
    ];

    /// <summary>The values of a templated body, or null when they cannot be stored apart (an empty value, or one that
    /// holds <see cref="ValueSeparator"/>).</summary>
    public static string? Pack(IReadOnlyList<string> values)
    {
        foreach (var v in values) if (v.Length == 0 || v.Contains(ValueSeparator)) return null;
        return string.Join(ValueSeparator, values);
    }

    /// <summary>The text of a stored message: its body, or its template filled with the values of its body.</summary>
    public static string Expand(string? template, string body) =>
        template is null ? body : TextWithHoles.Fill(template, body.Length == 0 ? [] : body.Split(ValueSeparator));

    /// <summary>
    /// The id of a template, written in the caller's transaction if the store has no such text yet (content-addressed:
    /// looked up by hash). Known ids are kept by text, so a load looks a template up once, not once a message. An id
    /// written (or first seen) by a transaction that may still roll back is trusted only inside that transaction: another
    /// one looks it up again (and writes it again if it went), after which it is known to be committed for good (templates
    /// are never deleted).
    /// </summary>
    public long TemplateId(DbConnection c, DbTransaction tx, string text)
    {
        if (db.Dialect == Dialect.Postgres) return CommittedTemplateId(text);
        string hash;
        if (_templates.TryGetValue(text, out var known))
        {
            if (known.WrittenIn is null || (known.WrittenIn.TryGetTarget(out var t) && ReferenceEquals(t, tx))) return known.Id;
            hash = known.Hash;
        }
        else hash = TemplateHash(text);
        // Seen by a second transaction, it is committed (this one did not write it: it would know it); seen first, it may
        // have been written by this very transaction before the id was forgotten, so it is checked once more.
        if (c.ExecuteScalar<long?>(FindTemplate, new { hash }, tx) is { } stored)
            return Remember(text, new KnownTemplate(stored, hash, known is null ? new WeakReference<DbTransaction>(tx) : null));
        var id = c.ExecuteScalar<long?>(
            InsertTemplate,
            new { hash, text, at = clock.GetUtcNow() }, tx)
            ?? c.ExecuteScalar<long?>(FindTemplate, new { hash }, tx)   // written meanwhile by another transaction
            ?? throw new InvalidOperationException("a message template was written by a transaction this one cannot see");
        return Remember(text, new KnownTemplate(id, hash, new WeakReference<DbTransaction>(tx)));
    }

    /// <summary>
    /// PostgreSQL: the id of a template written, if new, in a short transaction of its own on another connection, so that
    /// it is committed at once. In the caller's transaction, two loads (or the two loaders of one import) each using a
    /// new template waited for each other's uncommitted insert on the unique hash and deadlocked. A template whose
    /// caller then rolls back stays, unused (templates are immutable and never deleted). SQLite has one writer, so there
    /// the caller's transaction writes it.
    /// </summary>
    private long CommittedTemplateId(string text)
    {
        if (_templates.TryGetValue(text, out var known) && known.WrittenIn is null) return known.Id;
        var hash = known?.Hash ?? TemplateHash(text);
        using var own = db.Open();
        var id = own.ExecuteScalar<long?>(
            InsertTemplate,
            new { hash, text, at = clock.GetUtcNow() })
            ?? own.ExecuteScalar<long>(FindTemplate, new { hash });
        return Remember(text, new KnownTemplate(id, hash, null));
    }

    private const string FindTemplate = "SELECT id FROM message_templates WHERE hash = @hash";

    private const string InsertTemplate =
        "INSERT INTO message_templates (hash, text, created_at) VALUES (@hash, @text, @at) ON CONFLICT (hash) DO NOTHING RETURNING id";

    /// <summary>The content address of a template: SHA-256 of its UTF-8 text, lowercase hex.</summary>
    private static string TemplateHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private long Remember(string text, KnownTemplate known)
    {
        if (_templates.Count >= MaxKnownTemplates) _templates.Clear();
        _templates[text] = known;
        return known.Id;
    }

    private sealed record KnownTemplate(long Id, string Hash, WeakReference<DbTransaction>? WrittenIn);

    /// <summary>Reads messages with their template's text (the last column, <c>Template</c>), filled.</summary>
    private static List<Notification> Read(DbConnection c, string sql, object args) =>
        c.Query<Notification, string?, Notification>(sql, (n, template) => template is null ? n : n with { Body = Expand(template, n.Body) }, args,
            splitOn: "Template").ToList();

    /// <summary>The messages of some mailboxes, newest first.</summary>
    public IReadOnlyList<Notification> For(IReadOnlyCollection<Mailbox> boxes, int limit = 200)
    {
        if (boxes.Count == 0) return [];
        using var c = db.Open();
        var (where, args) = Where(boxes);
        args.Add("limit", limit);
        return Read(c, $"SELECT {Columns} FROM {From} WHERE {where} ORDER BY n.created_at DESC, n.id DESC LIMIT @limit", args);
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
                pending = Read(c, 
                    $"""
                    SELECT {Columns} FROM {From} WHERE NOT EXISTS (
                      SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = @ch
                        AND (d.delivered_at IS NOT NULL OR d.attempts >= @max))
                    ORDER BY n.id LIMIT @batch
                    """, new { ch = channel.Name, max = MaxAttempts, batch });
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
