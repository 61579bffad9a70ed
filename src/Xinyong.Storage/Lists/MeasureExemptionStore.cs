using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Lists;

/// <summary>An Art. 30 (2) exemption of a record: it triggers no constraint or punishment measure.</summary>
public sealed record MeasureExemption
{
    public long RecordId { get; init; }
    /// <summary>The conditions affirmed, codes joined by ','.</summary>
    public string Conditions { get; init; } = "";
    public string Reasons { get; init; } = "";
    public string DecidedBy { get; init; } = "";
    public DateTimeOffset DecidedAt { get; init; }
}

/// <summary>Persistence of Art. 30 (2) exemptions (<c>measure_exemptions</c>, one per record); the workflow is <c>MeasureExemptions</c>.</summary>
public static class MeasureExemptionStore
{
    /// <summary>Whether the record is exempted.</summary>
    public static bool Exists(DbConnection c, DbTransaction tx, long recordId) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM measure_exemptions WHERE record_id = @recordId", new { recordId }, tx) > 0;

    /// <summary>Stores an exemption inside the caller's transaction.</summary>
    public static void Add(DbConnection c, DbTransaction tx, long recordId, string conditions, string reasons, string decidedBy, DateTimeOffset at) =>
        c.Execute("INSERT INTO measure_exemptions (record_id, conditions, reasons, decided_by, decided_at) VALUES (@recordId, @conditions, @reasons, @decidedBy, @at)",
            new { recordId, conditions, reasons, decidedBy, at }, tx);

    /// <summary>The exemption of a record, or null.</summary>
    public static MeasureExemption? Of(Database db, long recordId)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<MeasureExemption>(
            "SELECT record_id AS RecordId, conditions, reasons, decided_by AS DecidedBy, decided_at AS DecidedAt FROM measure_exemptions WHERE record_id = @recordId",
            new { recordId });
    }
}
