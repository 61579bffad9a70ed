using System.Globalization;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;

namespace Xinyong.Storage.Publication;

/// <summary>
/// The end of disclosure periods (Art. 37): a record whose period ended (its last public day lies before today, Beijing
/// time) stops being published and is archived for good — status <c>archived</c>, a <c>record_events</c> entry, a new
/// <c>changed_at</c> for the open-data feed, an audit entry. Archived records are never public again; they stay for the
/// subject's own view and for audit. Run by the background job; the read path already hides an expired record between
/// runs (<see cref="Xinyong.Publication.PublicationRule.PeriodEnded"/>). The words of the record's event are the
/// caller's (<c>Application/Disclosure/DisclosurePeriods</c>): the store writes what it is given.
/// </summary>
public sealed class DisclosureArchive(Database db, AuditChain audit, TimeProvider clock)
{
    /// <summary>The actor recorded for archiving.</summary>
    public const string Actor = "system:disclosure-period";

    /// <summary>Records per transaction.</summary>
    public int ChunkSize { get; init; } = 500;

    /// <summary>
    /// Archives every active record whose disclosure period ended before today, each with the event text
    /// <paramref name="note"/> gives for its last public day. Returns how many were archived.
    /// </summary>
    public int Run(Func<DateOnly, string> note)
    {
        var today = clock.Today();
        var archived = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            var due = c.Query<(long Id, DateOnly Until)>(
                $"SELECT r.id, r.public_until FROM records r WHERE {InForceSql.ArchiveDue} ORDER BY r.public_until, r.id LIMIT @n",
                new { today, n = ChunkSize }, tx).ToList();
            if (due.Count == 0) break;
            foreach (var (id, until) in due)
            {
                // Another process may have archived it meanwhile: only the one whose update took effect records it.
                if (c.Execute("UPDATE records SET status = 'archived', changed_at = @now WHERE id = @id AND status = 'active'", new { id, now }, tx) == 0) continue;
                var day = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                RecordVersions.Event(c, tx, id, now, "archived", Actor, note(until));
                audit.Append(c, tx, Actor, "record.archive", $"record:{id}", $"public until {day}");
                archived++;
            }
            tx.Commit();
        }
        return archived;
    }
}
