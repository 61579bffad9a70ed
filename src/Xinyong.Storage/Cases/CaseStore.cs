using System.Data.Common;
using Dapper;

namespace Xinyong.Storage.Cases;

/// <summary>A stored case of the case engine: its kind, number, state, subject, handling unit and the kind's own fields.</summary>
public sealed record CaseFile
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Number { get; init; } = "";
    public string State { get; init; } = "";
    public long? SubjectId { get; init; }
    /// <summary>The handling unit: who takes the case's steps.</summary>
    public string Unit { get; init; } = "";
    /// <summary>The kind's own fields, as JSON.</summary>
    public string Data { get; init; } = "{}";
    public DateTimeOffset OpenedAt { get; init; }
    public string OpenedBy { get; init; } = "";
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Raised by every action; an action prepared on an older version is refused.</summary>
    public int Version { get; init; }
}

/// <summary>A party of a case by role: an account, a subject, or a named person with a contact.</summary>
public sealed record CaseParty
{
    public long Id { get; init; }
    public long CaseId { get; init; }
    public string Role { get; init; } = "";
    public string? Account { get; init; }
    public long? SubjectId { get; init; }
    public string Name { get; init; } = "";
    public string? Contact { get; init; }
}

/// <summary>An extension of a step's period.</summary>
public sealed record CaseExtension
{
    public long Id { get; init; }
    public string Step { get; init; } = "";
    public int WorkingDays { get; init; }
    public string ApprovedBy { get; init; } = "";
    public string Reason { get; init; } = "";
    public string EnteredBy { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>Persistence of engine cases, their parties and extensions; every write takes the caller's transaction.</summary>
public sealed class CaseStore(Database db)
{
    private const string Columns =
        "id, kind, number, state, subject_id AS SubjectId, unit, data, opened_at AS OpenedAt, opened_by AS OpenedBy, closed_at AS ClosedAt, version";

    /// <summary>
    /// Inserts a case at version 1 and returns it: its number is <paramref name="numberPrefix"/> followed by its id, at
    /// least six digits (e.g. YY2026000042), set in the insert itself. The id is taken in the statement: PostgreSQL draws
    /// it from the column's sequence; SQLite takes the next rowid, which the transaction's write lock (every transaction
    /// begins IMMEDIATE) keeps to itself until it commits.
    /// </summary>
    public CaseFile Insert(DbConnection c, DbTransaction tx, string kind, string numberPrefix, string state, long? subjectId, string unit, string data, DateTimeOffset at, string by)
    {
        var (id, number) = c.QuerySingle<(long, string)>(db.Dialect == Dialect.Postgres ? InsertPostgres : InsertSqlite,
            new { kind, prefix = numberPrefix, state, subjectId, unit, data, at, by }, tx);
        return new CaseFile { Id = id, Kind = kind, Number = number, State = state, SubjectId = subjectId, Unit = unit, Data = data, OpenedAt = at, OpenedBy = by, Version = 1 };
    }

    private const string InsertPostgres =
        """
        WITH n AS (SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id)
        INSERT INTO cases (id, kind, number, state, subject_id, unit, data, opened_at, opened_by, version)
        SELECT n.id, @kind, @prefix || CASE WHEN n.id < 1000000 THEN lpad(n.id::text, 6, '0') ELSE n.id::text END, @state, @subjectId, @unit, @data, @at, @by, 1 FROM n
        RETURNING id, number
        """;

    private const string InsertSqlite =
        """
        INSERT INTO cases (id, kind, number, state, subject_id, unit, data, opened_at, opened_by, version)
        SELECT n.id, @kind, @prefix || CASE WHEN n.id < 1000000 THEN substr('00000' || n.id, -6) ELSE CAST(n.id AS TEXT) END, @state, @subjectId, @unit, @data, @at, @by, 1
        FROM (SELECT COALESCE(MAX(id), 0) + 1 AS id FROM cases) n
        RETURNING id, number
        """;

    /// <summary>A case, or null.</summary>
    public CaseFile? Get(DbConnection c, DbTransaction? tx, long id) =>
        c.QuerySingleOrDefault<CaseFile>($"SELECT {Columns} FROM cases WHERE id = @id", new { id }, tx);

    /// <summary>A case, or null.</summary>
    public CaseFile? Get(long id)
    {
        using var c = db.Open();
        return Get(c, null, id);
    }

    /// <summary>A case by its number, or null.</summary>
    public CaseFile? ByNumber(string number)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<CaseFile>($"SELECT {Columns} FROM cases WHERE number = @number", new { number });
    }

    /// <summary>
    /// Claims a case for one action: raises its version when it is still at <paramref name="version"/> (and holds the
    /// row until the transaction ends); false when another action changed it first.
    /// </summary>
    public bool Claim(DbConnection c, DbTransaction tx, long id, int version) =>
        c.Execute("UPDATE cases SET version = version + 1 WHERE id = @id AND version = @version", new { id, version }, tx) == 1;

    /// <summary>Saves a claimed case's state, data and closing time.</summary>
    public void Save(DbConnection c, DbTransaction tx, long id, string state, string data, DateTimeOffset? closedAt) =>
        c.Execute("UPDATE cases SET state = @state, data = @data, closed_at = @closedAt WHERE id = @id", new { id, state, data, closedAt }, tx);

    /// <summary>Moves a claimed case to another handling unit.</summary>
    public void SetUnit(DbConnection c, DbTransaction tx, long id, string unit) =>
        c.Execute("UPDATE cases SET unit = @unit WHERE id = @id", new { id, unit }, tx);

    /// <summary>Sets the subject a case is about.</summary>
    public void SetSubject(DbConnection c, DbTransaction tx, long id, long subjectId) =>
        c.Execute("UPDATE cases SET subject_id = @subjectId WHERE id = @id", new { id, subjectId }, tx);

    /// <summary>The cases of a kind, newest first, optionally of some handling units and states.</summary>
    public IReadOnlyList<CaseFile> List(string kind, IReadOnlyCollection<string>? units = null, IReadOnlyCollection<string>? states = null, int limit = 200, int offset = 0)
    {
        using var c = db.Open();
        var where = "kind = @kind";
        if (units is not null) where += $" AND {db.In("unit", "units")}";
        if (states is not null) where += $" AND {db.In("state", "states")}";
        return c.Query<CaseFile>($"SELECT {Columns} FROM cases WHERE {where} ORDER BY opened_at DESC, id DESC LIMIT @limit OFFSET @offset",
            new { kind, units = units?.ToArray(), states = states?.ToArray(), limit, offset }).ToList();
    }

    /// <summary>The cases of a kind concerning a subject, newest first.</summary>
    public IReadOnlyList<CaseFile> OfSubject(string kind, long subjectId)
    {
        using var c = db.Open();
        return c.Query<CaseFile>($"SELECT {Columns} FROM cases WHERE kind = @kind AND subject_id = @subjectId ORDER BY opened_at DESC, id DESC",
            new { kind, subjectId }).ToList();
    }

    /// <summary>Adds a party inside the caller's transaction.</summary>
    public long AddParty(DbConnection c, DbTransaction tx, long caseId, string role, string? account, long? subjectId, string name, string? contact) =>
        c.ExecuteScalar<long>(
            "INSERT INTO case_parties (case_id, role, account, subject_id, name, contact) VALUES (@caseId, @role, @account, @subjectId, @name, @contact) RETURNING id",
            new { caseId, role, account, subjectId, name, contact }, tx);

    /// <summary>The parties of a case.</summary>
    public IReadOnlyList<CaseParty> Parties(DbConnection c, DbTransaction? tx, long caseId) =>
        c.Query<CaseParty>("SELECT id, case_id AS CaseId, role, account, subject_id AS SubjectId, name, contact FROM case_parties WHERE case_id = @caseId ORDER BY id",
            new { caseId }, tx).ToList();

    /// <summary>The parties of a case.</summary>
    public IReadOnlyList<CaseParty> Parties(long caseId)
    {
        using var c = db.Open();
        return Parties(c, null, caseId);
    }

    /// <summary>The ids of the cases of a kind in which an account is a party in a role.</summary>
    public IReadOnlyList<long> CasesOfParty(string kind, string role, string account)
    {
        using var c = db.Open();
        return c.Query<long>("SELECT p.case_id FROM case_parties p JOIN cases cs ON cs.id = p.case_id WHERE cs.kind = @kind AND p.role = @role AND p.account = @account ORDER BY p.case_id DESC",
            new { kind, role, account }).ToList();
    }

    /// <summary>Records an extension inside the caller's transaction.</summary>
    public void AddExtension(DbConnection c, DbTransaction tx, string kind, long caseId, string step, int workingDays, string approvedBy, string reason, string by, DateTimeOffset at) =>
        c.Execute(
            "INSERT INTO case_extensions (case_kind, case_id, step, working_days, approved_by, reason, entered_by, at) VALUES (@kind, @caseId, @step, @workingDays, @approvedBy, @reason, @by, @at)",
            new { kind, caseId, step, workingDays, approvedBy, reason, by, at }, tx);

    /// <summary>The extensions of a case, oldest first.</summary>
    public IReadOnlyList<CaseExtension> Extensions(DbConnection c, DbTransaction? tx, string kind, long caseId) =>
        c.Query<CaseExtension>(
            "SELECT id, step, working_days AS WorkingDays, approved_by AS ApprovedBy, reason, entered_by AS EnteredBy, at FROM case_extensions WHERE case_kind = @kind AND case_id = @caseId ORDER BY id",
            new { kind, caseId }, tx).ToList();

    /// <summary>The extensions of a case.</summary>
    public IReadOnlyList<CaseExtension> Extensions(string kind, long caseId)
    {
        using var c = db.Open();
        return Extensions(c, null, kind, caseId);
    }
}
