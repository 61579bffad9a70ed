using System.Data.Common;
using Dapper;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Emergencies;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;

namespace Xinyong.Storage.Emergencies;

/// <summary>A negative record held under an emergency declaration, as its provider sees it.</summary>
public sealed record HeldRecordRow
{
    public long Id { get; init; }
    public string Item { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string SubjectName { get; init; } = "";
    public string? Region { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public string Provider { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public string Fields { get; init; } = "{}";
}

/// <summary>
/// The emergency declarations in force (Art. 30 (3), (4)): those of <c>data/emergencies</c> and those declared by staff
/// (<c>emergency_declarations</c>), and what they change: a negative record of a declared region decided during a
/// declaration that holds records is stored <c>held</c> at collection and waits for its provider's confirmation; the
/// repair decision period and the subject's performance periods of affected subjects follow the declaration.
/// </summary>
public sealed class EmergencyRegistry(Database db, IReadOnlyList<EmergencyDeclaration> files, AuditChain audit, TimeProvider clock) : IBatchLoadedHandler
{
    /// <summary>After a batch: lists the records it stored held under their provider (when any declaration holds records).</summary>
    public void OnBatchLoaded(CatalogItem item, long batchId)
    {
        if (item.Nature != Nature.Negative || !All().Any(d => d.HoldRecords)) return;
        using var c = db.Open();
        c.Execute(
            """
            INSERT INTO held_records (record_id, provider, held_at)
            SELECT r.id, r.provider, @now FROM records r WHERE r.batch_id = @batchId AND r.publication = 'held'
              AND NOT EXISTS (SELECT 1 FROM held_records h WHERE h.record_id = r.id)
            """, new { batchId, now = clock.GetUtcNow() });
    }

    private volatile IReadOnlyList<EmergencyDeclaration>? _all;
    private DateTimeOffset _loadedAt;

    /// <summary>Every declaration, newest first (files and staff).</summary>
    public IReadOnlyList<EmergencyDeclaration> All()
    {
        var now = clock.GetUtcNow();
        if (_all is { } cached && now - _loadedAt < TimeSpan.FromMinutes(1)) return cached;
        using var c = db.Open();
        var stored = c.Query<(string Code, string Kind, string Name, string Regions, DateOnly From, DateOnly To, int Ext, int? Repair, bool Hold, string By, string Basis)>(
            "SELECT code, kind, name, regions, starts_on, ends_on, performance_extension_days, repair_decision_working_days, hold_records, declared_by, basis FROM emergency_declarations")
            .Select(x => new EmergencyDeclaration(x.Code, x.Kind, x.Name, x.Regions.Split(',', StringSplitOptions.RemoveEmptyEntries), x.From, x.To, x.Ext, x.Repair, x.Hold, x.By, x.Basis, "staff"));
        var all = files.Concat(stored).OrderByDescending(d => d.From).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        _all = all;
        _loadedAt = now;
        return all;
    }

    /// <summary>The declarations in force on <paramref name="day"/> for a subject of <paramref name="division"/>.</summary>
    public IReadOnlyList<EmergencyDeclaration> Affecting(string? division, DateOnly day) =>
        All().Where(d => d.InForceOn(day) && d.Covers(division)).ToList();

    /// <summary>The shortest repair decision period declared for a subject on a day, with its declaration, or null.</summary>
    public (int WorkingDays, EmergencyDeclaration Declaration)? RepairDecision(string? division, DateOnly day) =>
        Affecting(division, day).Where(d => d.RepairDecisionWorkingDays is not null).OrderBy(d => d.RepairDecisionWorkingDays)
            .Select(d => ((int, EmergencyDeclaration)?)(d.RepairDecisionWorkingDays!.Value, d)).FirstOrDefault();

    /// <summary>The longest performance extension declared for a subject on a day, with its declaration, or null.</summary>
    public (int Days, EmergencyDeclaration Declaration)? PerformanceExtension(string? division, DateOnly day) =>
        Affecting(division, day).Where(d => d.PerformanceExtensionDays > 0).OrderByDescending(d => d.PerformanceExtensionDays)
            .Select(d => ((int, EmergencyDeclaration)?)(d.PerformanceExtensionDays, d)).FirstOrDefault();

    /// <summary>
    /// The publication of a new record at collection: <c>held</c> when it is negative, would be published, and a declaration
    /// that holds records covers its subject's division on its decision day; otherwise as the tier rules say.
    /// </summary>
    public string Publication(CatalogItem item, ValidRecord rec)
    {
        var publication = RecordVersions.Publication(rec);
        if (publication != RecordPublication.Published || item.Nature != Nature.Negative || rec.DecisionDate is not { } day) return publication;
        return All().Any(d => d.HoldRecords && d.InForceOn(day) && d.Covers(rec.Region)) ? RecordPublication.Held.Code : publication;
    }

    /// <summary>
    /// Writes a declaration checked by the caller (<c>Application/Emergencies/EmergencyDesk</c>) in its transaction, audited
    /// with the caller's <paramref name="summary"/>; the caller calls <see cref="Forget"/> after committing.
    /// </summary>
    public void Declare(DbConnection c, DbTransaction tx, EmergencyDeclaration d, string by, string summary)
    {
        c.Execute(
            """
            INSERT INTO emergency_declarations (code, kind, name, regions, starts_on, ends_on, performance_extension_days, repair_decision_working_days, hold_records, declared_by, basis, created_at, created_by)
            VALUES (@Code, @Kind, @Name, @regions, @From, @To, @PerformanceExtensionDays, @RepairDecisionWorkingDays, @HoldRecords, @DeclaredBy, @Basis, @now, @by)
            """, new { d.Code, d.Kind, d.Name, regions = string.Join(",", d.Regions), d.From, d.To, d.PerformanceExtensionDays, d.RepairDecisionWorkingDays, d.HoldRecords, d.DeclaredBy, d.Basis, now = clock.GetUtcNow(), by }, tx);
        audit.Append(c, tx, by, "emergency.declare", $"emergency:{d.Code}", summary);
    }

    /// <summary>Drops the cached declarations (after a declaration is committed), so the next read sees it.</summary>
    public void Forget() => _all = null;

    /// <summary>The held records of a provider (all providers when null), oldest first.</summary>
    public IReadOnlyList<HeldRecordRow> Held(string? provider, int limit = 500)
    {
        using var c = db.Open();
        return c.Query<HeldRecordRow>(
            $"""
            SELECT r.id, r.item, s.ref AS SubjectRef, s.name AS SubjectName, r.region, r.decided_on AS DecidedOn, r.provider, r.received_at AS ReceivedAt, r.fields
            FROM held_records h JOIN records r ON r.id = h.record_id JOIN subjects s ON s.id = r.subject_id
            WHERE r.publication = 'held' AND r.status = 'active' {(provider is null ? "" : "AND h.provider = @provider")}
            ORDER BY h.record_id LIMIT @limit
            """, new { provider, limit }).ToList();
    }

    /// <summary>
    /// The provider's decision on a held record (审慎认定): confirmed, it is published now; withdrawn, it is not recognised
    /// as dishonesty — it stops being published, shared and used (withheld). The record's event carries the caller's
    /// <paramref name="note"/>, the audit entry the <paramref name="reason"/>. Returns false when it is not held (any more).
    /// </summary>
    public bool Decide(DbConnection c, DbTransaction tx, long recordId, bool confirm, string actor, string note, string reason)
    {
        var now = clock.GetUtcNow();
        var n = confirm
            ? c.Execute("UPDATE records SET publication = 'published', changed_at = @now WHERE id = @recordId AND publication = 'held'", new { recordId, now }, tx)
            : c.Execute("UPDATE records SET publication = 'not-published', withheld = TRUE, changed_at = @now WHERE id = @recordId AND publication = 'held'", new { recordId, now }, tx);
        if (n == 0) return false;
        c.Execute("DELETE FROM held_records WHERE record_id = @recordId", new { recordId }, tx);
        RecordVersions.Event(c, tx, recordId, now, confirm ? "emergency-confirmed" : "emergency-withdrawn", actor, note);
        audit.Append(c, tx, actor, confirm ? "record.emergency-confirm" : "record.emergency-withdraw", $"record:{recordId}", reason);
        return true;
    }
}
