using System.Data.Common;
using Xinyong.Measures;
using Xinyong.Storage;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Lists;

/// <summary>
/// Ending list entries: one entry ends with every entry derived from it (《黑龙江省社会信用条例》第三十三条: the persons linked
/// to a listed market entity are listed with it and leave with it), and the derived entries' personal records stop being
/// published unless the period simply ran out (their disclosure period then ends the same day). Every way an entry ends —
/// a decision to lift it, an upheld objection, a completed repair or reorganisation, a court's removal, the lists job —
/// goes through here, inside the caller's transaction or its own.
/// </summary>
public sealed class ListEnding(Database db, ListStore lists)
{
    /// <summary>Ends an active entry now, with a written reason when there is one; false when it was not active.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="reason">expired, repaired, objection-upheld, lifted, court-removed or record-revoked.</param>
    /// <param name="actor">Who ends it.</param>
    /// <param name="note">The written reason, when there is one.</param>
    public bool End(long id, string reason, string actor, string? note = null)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var ended = End(c, tx, id, reason, actor, note);
        tx.Commit();
        return ended;
    }

    /// <summary>Ends an active entry and the entries derived from it inside the caller's transaction.</summary>
    public bool End(DbConnection c, DbTransaction tx, long id, string reason, string actor, string? note = null)
    {
        if (!lists.EndOne(c, tx, id, reason, actor, note)) return false;
        foreach (var (child, record) in lists.ActiveLinked(c, tx, id))
        {
            End(c, tx, child, reason, actor, ListTexts.EndsWithLinked(id));
            if (record is { } r && reason != "expired") lists.Withhold(c, tx, r, actor, ListTexts.LinkedEntryEnded(id, reason));
        }
        return true;
    }

    /// <summary>Ends every active entry a record supports (e.g. when that record is repaired); returns the ids ended.</summary>
    public IReadOnlyList<long> EndForRecord(long recordId, string reason, string actor)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var ended = EndForRecord(c, tx, recordId, reason, actor);
        tx.Commit();
        return ended;
    }

    /// <summary>Ends every active entry a record supports inside the caller's transaction (with a completed repair).</summary>
    public IReadOnlyList<long> EndForRecord(DbConnection c, DbTransaction tx, long recordId, string reason, string actor) =>
        lists.ActiveSupportedBy(c, tx, recordId).Where(id => End(c, tx, id, reason, actor)).ToList();

    /// <summary>
    /// Marks ended what is no longer in force on <paramref name="today"/> (run by the lists job): entries whose period
    /// ended (<c>expired</c>) and entries whose supporting record was revoked (<c>record-revoked</c>), so that the list and
    /// the audit chain say what checks and pages already apply. Returns how many entries were ended.
    /// </summary>
    public int EndLapsed(DateOnly today, string actor)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var (expired, revoked) = lists.Lapsed(c, tx, today);
        var n = expired.Count(id => End(c, tx, id, "expired", actor)) + revoked.Count(id => End(c, tx, id, "record-revoked", actor));
        tx.Commit();
        return n;
    }
}
