using System.Data.Common;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Cases;

namespace Xinyong.Storage.Cases;

/// <summary>The stored deadline of one step of a case: who must act, by when, on which rule and basis.</summary>
public sealed record CaseDeadline
{
    public long Id { get; init; }
    public string CaseKind { get; init; } = "";
    public long CaseId { get; init; }
    /// <summary>The assistance request or correction notice the step belongs to, if any.</summary>
    public long? RefId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The unit that must act.</summary>
    public string Unit { get; init; } = "";
    public DateOnly StartOn { get; init; }
    public int WorkingDays { get; init; }
    public DateOnly DueOn { get; init; }
    public bool Provisional { get; init; }
    public string Basis { get; init; } = "";
    /// <summary>open, met, late or cancelled (<see cref="DueStates"/>).</summary>
    public string Status { get; init; } = "";
    public DateTimeOffset? DoneAt { get; init; }
    public DateTimeOffset? OverdueReportedAt { get; init; }
    /// <summary>Working days added by approved extensions (included in <see cref="WorkingDays"/>).</summary>
    public int ExtendedDays { get; init; }

    /// <summary>Where the step stands on <paramref name="today"/>.</summary>
    public DueState State(DateOnly today) => DueStates.Of(Status, DueOn, today);
}

/// <summary>The subject of a case, as the worklist shows it.</summary>
public sealed record WorkSubject
{
    public string SubjectRef { get; init; } = "";
    public string SubjectName { get; init; } = "";
    public string SubjectKind { get; init; } = "";
}

/// <summary>An open step of the worklist with its case's subject.</summary>
public sealed record WorkRow(CaseDeadline Deadline, WorkSubject Subject);

/// <summary>A stored clock pause of a case.</summary>
public sealed record StoredPause
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly FromOn { get; init; }
    public DateOnly? ToOn { get; init; }
    public string? Note { get; init; }
    public string StartedBy { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public string? EndedBy { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>As a domain pause.</summary>
    public ClockPause Pause => new(Kind, FromOn, ToOn);
}

/// <summary>
/// The deadlines of every step of every case, and the clock pauses that move them: one table, so the worklist, the
/// overdue watch and the recomputation when a calendar year is loaded all read the same rows. Due dates come only from
/// <see cref="DeadlineCalculator"/> (rules as data over the working-day calendar).
/// </summary>
public sealed class DeadlineStore(Database db, DeadlineCalculator calculator, TimeProvider clock)
{
    private const string Columns =
        "id, case_kind AS CaseKind, case_id AS CaseId, ref_id AS RefId, code, name, unit, start_on AS StartOn, working_days AS WorkingDays, " +
        "due_on AS DueOn, provisional, basis, status, done_at AS DoneAt, overdue_reported_at AS OverdueReportedAt, extended_days AS ExtendedDays";

    /// <summary>The calculator.</summary>
    public DeadlineCalculator Calculator => calculator;

    /// <summary>Opens the deadline of a step inside the caller's transaction; returns its id.</summary>
    public long Open(DbConnection c, DbTransaction tx, string caseKind, long caseId, long? refId, string unit, DueDate due) =>
        c.ExecuteScalar<long>(
            """
            INSERT INTO case_deadlines (case_kind, case_id, ref_id, code, name, unit, start_on, working_days, due_on, provisional, basis, status)
            VALUES (@caseKind, @caseId, @refId, @Code, @Name, @unit, @Start, @WorkingDays, @Due, @Provisional, @Basis, 'open') RETURNING id
            """,
            new { caseKind, caseId, refId, unit, due.Code, due.Name, due.Start, due.WorkingDays, due.Due, due.Provisional, due.Basis }, tx);

    /// <summary>Marks an open step done at <paramref name="at"/>: met when on or before its due date, late after it.</summary>
    public void Complete(DbConnection c, DbTransaction tx, CaseDeadline d, DateTimeOffset at)
    {
        if (d.Status != DueStates.Open) return;
        c.Execute("UPDATE case_deadlines SET status = @status, done_at = @at WHERE id = @id AND status = 'open'",
            new { id = d.Id, at, status = DueStates.Completed(d.DueOn, ChinaTime.DateOf(at)) }, tx);
    }

    /// <summary>Moves the open steps of a case held by <paramref name="from"/> to <paramref name="to"/> (the case moved to another unit).</summary>
    public void MoveUnit(DbConnection c, DbTransaction tx, string caseKind, long caseId, string from, string to) =>
        c.Execute("UPDATE case_deadlines SET unit = @to WHERE case_kind = @caseKind AND case_id = @caseId AND unit = @from AND status = 'open'",
            new { caseKind, caseId, from, to }, tx);

    /// <summary>Cancels an open step that is no longer required.</summary>
    public void Cancel(DbConnection c, DbTransaction tx, CaseDeadline d, DateTimeOffset at) =>
        c.Execute("UPDATE case_deadlines SET status = 'cancelled', done_at = @at WHERE id = @id AND status = 'open'", new { id = d.Id, at }, tx);

    /// <summary>The steps of a case, in the order they were opened.</summary>
    public IReadOnlyList<CaseDeadline> OfCase(DbConnection c, DbTransaction? tx, string caseKind, long caseId) =>
        c.Query<CaseDeadline>($"SELECT {Columns} FROM case_deadlines WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id", new { caseKind, caseId }, tx).ToList();

    /// <summary>The steps of a case.</summary>
    public IReadOnlyList<CaseDeadline> OfCase(string caseKind, long caseId)
    {
        using var c = db.Open();
        return OfCase(c, null, caseKind, caseId);
    }

    /// <summary>The clock pauses of a case, oldest first.</summary>
    public IReadOnlyList<StoredPause> Pauses(DbConnection c, DbTransaction? tx, string caseKind, long caseId) =>
        c.Query<StoredPause>(
            "SELECT id, kind, from_on AS FromOn, to_on AS ToOn, note, started_by AS StartedBy, started_at AS StartedAt, ended_by AS EndedBy, ended_at AS EndedAt FROM clock_pauses WHERE case_kind = @caseKind AND case_id = @caseId ORDER BY id",
            new { caseKind, caseId }, tx).ToList();

    /// <summary>The clock pauses of a case.</summary>
    public IReadOnlyList<StoredPause> Pauses(string caseKind, long caseId)
    {
        using var c = db.Open();
        return Pauses(c, null, caseKind, caseId);
    }

    /// <summary>Starts a pause inside the caller's transaction and moves the case's open deadlines; returns its id.</summary>
    public long StartPause(DbConnection c, DbTransaction tx, string caseKind, long caseId, ClockPause p, string? note, string by, DateTimeOffset at)
    {
        var id = c.ExecuteScalar<long>(
            """
            INSERT INTO clock_pauses (case_kind, case_id, kind, from_on, to_on, note, started_by, started_at, ended_by, ended_at)
            VALUES (@caseKind, @caseId, @Kind, @From, @To, @note, @by, @at, @endedBy, @endedAt) RETURNING id
            """,
            new { caseKind, caseId, p.Kind, p.From, p.To, note, by, at, endedBy = p.Running ? null : by, endedAt = p.Running ? (DateTimeOffset?)null : at }, tx);
        RecomputeCase(c, tx, caseKind, caseId);
        return id;
    }

    /// <summary>Ends a running pause on <paramref name="to"/> (the last day that does not count) and moves the open deadlines.</summary>
    public void EndPause(DbConnection c, DbTransaction tx, string caseKind, long caseId, long pauseId, DateOnly to, string by, DateTimeOffset at)
    {
        c.Execute("UPDATE clock_pauses SET to_on = @to, ended_by = @by, ended_at = @at WHERE id = @pauseId AND to_on IS NULL", new { pauseId, to, by, at }, tx);
        RecomputeCase(c, tx, caseKind, caseId);
    }

    /// <summary>Recomputes the open deadlines of a case (after a pause, or once a calendar year is loaded).</summary>
    public void RecomputeCase(DbConnection c, DbTransaction tx, string caseKind, long caseId)
    {
        var pauses = Pauses(c, tx, caseKind, caseId);
        foreach (var d in OfCase(c, tx, caseKind, caseId).Where(d => d.Status == DueStates.Open))
            Recompute(c, tx, d, d.Code, d.StartOn, pauses);
    }

    /// <summary>Recomputes one open deadline under a (possibly new) rule and start day, with the case's pauses and the step's extensions.</summary>
    public void Recompute(DbConnection c, DbTransaction tx, CaseDeadline d, string code, DateOnly start, IReadOnlyList<StoredPause> pauses, int? extendedDays = null)
    {
        var today = clock.Today();
        var extension = extendedDays ?? d.ExtendedDays;
        var due = calculator.Compute(code, start, d.Unit, pauses.Select(p => p.Pause.Range(today)).ToList(), extension);
        c.Execute(
            "UPDATE case_deadlines SET code = @Code, name = @Name, start_on = @Start, working_days = @WorkingDays, due_on = @Due, provisional = @Provisional, basis = @Basis, extended_days = @extension WHERE id = @id",
            new { id = d.Id, due.Code, due.Name, due.Start, due.WorkingDays, due.Due, due.Provisional, due.Basis, extension }, tx);
    }

    /// <summary>Adds <paramref name="workingDays"/> to an open step's period inside the caller's transaction and recomputes its due date.</summary>
    public CaseDeadline Extend(DbConnection c, DbTransaction tx, CaseDeadline d, int workingDays)
    {
        Recompute(c, tx, d, d.Code, d.StartOn, Pauses(c, tx, d.CaseKind, d.CaseId), d.ExtendedDays + workingDays);
        return c.QuerySingle<CaseDeadline>($"SELECT {Columns} FROM case_deadlines WHERE id = @id", new { id = d.Id }, tx);
    }

    /// <summary>
    /// The open steps with their case's subject, earliest due first: of the given units, or of all units when
    /// <paramref name="units"/> is null.
    /// </summary>
    public IReadOnlyList<WorkRow> Worklist(IReadOnlyCollection<string>? units, int limit = 500)
    {
        using var c = db.Open();
        var filter = units is null ? "" : $" AND {db.In("d.unit", "units")}";
        return c.Query<CaseDeadline, WorkSubject, WorkRow>(
            $"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(col => "d." + col))}, s.ref AS SubjectRef, s.name AS SubjectName, s.kind AS SubjectKind
            FROM case_deadlines d
            LEFT JOIN records rc ON d.case_kind = 'record' AND rc.id = d.case_id
            LEFT JOIN cases cs ON cs.kind = d.case_kind AND cs.id = d.case_id
            LEFT JOIN subjects s ON s.id = COALESCE(rc.subject_id, cs.subject_id)
            WHERE d.status = 'open'{filter}
            ORDER BY d.due_on, d.id LIMIT @limit
            """,
            (d, s) => new WorkRow(d, s), new { units = units?.ToArray(), limit }, splitOn: "SubjectRef").ToList();
    }

    /// <summary>The cases whose open deadlines may move by themselves: provisional ones, and those of cases with a running pause.</summary>
    public IReadOnlyList<(string CaseKind, long CaseId)> CasesToRecompute()
    {
        using var c = db.Open();
        return c.Query<(string, long)>(
            """
            SELECT DISTINCT d.case_kind, d.case_id FROM case_deadlines d
            WHERE d.status = 'open' AND (d.provisional = TRUE OR EXISTS (
              SELECT 1 FROM clock_pauses p WHERE p.case_kind = d.case_kind AND p.case_id = d.case_id AND p.to_on IS NULL))
            """).ToList();
    }

    /// <summary>Recomputes one case in its own transaction.</summary>
    public void RecomputeCase(string caseKind, long caseId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        RecomputeCase(c, tx, caseKind, caseId);
        tx.Commit();
    }

    /// <summary>
    /// Open steps past their due date on <paramref name="today"/> not yet reported; a step whose clock is stopped by a
    /// running pause (and whose rule allows pauses) is not overdue.
    /// </summary>
    public IReadOnlyList<CaseDeadline> OverdueUnreported(DateOnly today)
    {
        using var c = db.Open();
        var overdue = c.Query<CaseDeadline>(
            $"SELECT {Columns} FROM case_deadlines WHERE status = 'open' AND due_on < @today AND overdue_reported_at IS NULL ORDER BY due_on, id",
            new { today }).ToList();
        if (overdue.Count == 0) return overdue;
        var paused = c.Query<(string, long)>("SELECT DISTINCT case_kind, case_id FROM clock_pauses WHERE to_on IS NULL").ToHashSet();
        return overdue.Where(d => !(paused.Contains((d.CaseKind, d.CaseId)) && calculator.Rules.For(d.StartOn).Rule(d.Code).Pausable)).ToList();
    }

    /// <summary>Marks an overdue step reported; false when another run reported it first.</summary>
    public static bool MarkReported(DbConnection c, DbTransaction tx, long id, DateTimeOffset at) =>
        c.Execute("UPDATE case_deadlines SET overdue_reported_at = @at WHERE id = @id AND overdue_reported_at IS NULL", new { id, at }, tx) == 1;
}
