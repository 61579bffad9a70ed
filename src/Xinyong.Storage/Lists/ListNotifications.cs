using System.Data.Common;
using Dapper;
using Xinyong.Measures;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Lists;

/// <summary>A notification the deciding unit owes (Art. 32 (2)), owed until it records that it sent it.</summary>
public sealed record ListNotification
{
    public long Id { get; init; }
    public long EntryId { get; init; }
    /// <summary>superior, audit, employer, discipline or personnel.</summary>
    public string Recipient { get; init; } = "";
    /// <summary>Whom the rule names, e.g. 上一级人民政府或者主管部门.</summary>
    public string RecipientName { get; init; } = "";
    public string Basis { get; init; } = "";
    public DateTimeOffset OwedSince { get; init; }
    /// <summary>When it was sent; null while owed.</summary>
    public DateOnly? SentOn { get; init; }
    /// <summary>The unit actually notified.</summary>
    public string? Addressee { get; init; }
    /// <summary>The notice's document number.</summary>
    public string? Reference { get; init; }
    public string? RecordedBy { get; init; }
}

/// <summary>
/// Art. 32 (2): listing a state organ or a state-owned unit obliges the deciding unit to notify its superior government or
/// competent department and the audit office; listing a member of their staff, to notify the employer, the discipline
/// inspection and supervision body and the organisation (personnel) department. The owed notifications are recorded
/// with the entry and stay owed until the unit records each one as sent.
/// </summary>
public sealed class ListNotifications(Database db, AuditChain audit, TimeProvider clock)
{
    private const string Columns =
        "id, entry_id AS EntryId, recipient, recipient_name AS RecipientName, basis, owed_since AS OwedSince, sent_on AS SentOn, addressee, reference, recorded_by AS RecordedBy";

    /// <summary>
    /// Whether a subject is a state organ or a state-owned unit: its kind says so, its registration record says so, or the
    /// deciding unit states it.
    /// </summary>
    public static bool IsStateBody(DbConnection c, DbTransaction tx, StateBodyRule rule, SubjectRow subject, bool stated)
    {
        if (stated || rule.Kinds.Contains(subject.Kind)) return true;
        var fields = c.Query<string>("SELECT fields FROM records WHERE subject_id = @id AND item = @item AND status = 'active'",
            new { id = subject.Id, item = rule.RegistrationItem }, tx);
        return fields.Any(f => RecordJson.Parse(f).GetValueOrDefault(rule.Field) == rule.EqualsValue);
    }

    /// <summary>Records the notifications an entry owes under a rule, inside the caller's transaction.</summary>
    /// <param name="c">The connection.</param>
    /// <param name="tx">The transaction.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="rule">Whom to notify.</param>
    /// <param name="qualifier">Added to each recipient's name (e.g. the employer of a listed member of staff).</param>
    public void Owe(DbConnection c, DbTransaction tx, long entryId, NotificationRule rule, string? qualifier = null)
    {
        var now = clock.GetUtcNow();
        foreach (var r in rule.Recipients)
            c.Execute("INSERT INTO list_notifications (entry_id, recipient, recipient_name, basis, owed_since) VALUES (@entryId, @code, @name, @basis, @now)",
                new { entryId, code = r.Code, name = qualifier is null ? r.Name : $"{r.Name}（{qualifier}）", basis = rule.Basis, now }, tx);
    }

    /// <summary>The notifications of an entry.</summary>
    public IReadOnlyList<ListNotification> OfEntry(long entryId)
    {
        using var c = db.Open();
        return c.Query<ListNotification>($"SELECT {Columns} FROM list_notifications WHERE entry_id = @entryId ORDER BY id", new { entryId }).ToList();
    }

    /// <summary>One notification, or null.</summary>
    public ListNotification? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<ListNotification>($"SELECT {Columns} FROM list_notifications WHERE id = @id", new { id });
    }

    /// <summary>How many notifications are owed across all entries.</summary>
    public long OwedCount()
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM list_notifications WHERE sent_on IS NULL");
    }

    /// <summary>Records that a notification was sent. Returns false when there is no such owed notification.</summary>
    public bool RecordSent(long id, DateOnly sentOn, string addressee, string reference, string actor)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute(
            "UPDATE list_notifications SET sent_on = @sentOn, addressee = @addressee, reference = @reference, recorded_by = @actor, recorded_at = @now WHERE id = @id AND sent_on IS NULL",
            new { id, sentOn, addressee, reference, actor, now = clock.GetUtcNow() }, tx);
        if (n > 0) audit.Append(c, tx, actor, "list.notification.sent", $"list-notification:{id}", $"{addressee} {reference} {sentOn:yyyy-MM-dd}");
        tx.Commit();
        return n > 0;
    }
}
