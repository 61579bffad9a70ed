using System.Data.Common;
using Dapper;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Commitments;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Commitments;

/// <summary>A stored commitment with its subject, as the lists and pages show it.</summary>
public sealed record CommitmentRow
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public long SubjectId { get; init; }
    public string SubjectRef { get; init; } = "";
    public string SubjectName { get; init; } = "";
    public string Matter { get; init; } = "";
    public string MatterName { get; init; } = "";
    public string Type { get; init; } = "";
    public string TypeName { get; init; } = "";
    public string SignedText { get; init; } = "";
    public string AcceptingUnit { get; init; } = "";
    public string VerifyingUnit { get; init; } = "";
    public string Channel { get; init; } = "";
    public DateOnly CommittedOn { get; init; }
    public DateOnly? DecisionDate { get; init; }
    public DateOnly? VerificationDue { get; init; }
    public DateOnly? MaterialsDue { get; init; }
    public DateOnly? MaterialsReceivedOn { get; init; }
    /// <summary>fulfilled, rectify or breached; null while not verified.</summary>
    public CommitmentOutcome? Outcome { get; init; }
    public DateOnly? VerifiedOn { get; init; }
    public long? RecordId { get; init; }
    public long? BreachRecordId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A search of the public list (信用承诺公示): any of subject (code or name), matter and unit.</summary>
public sealed record CommitmentQuery(string? Subject = null, string? Matter = null, string? Unit = null, int Limit = 50, int Offset = 0);

/// <summary>One line of the figures: a matter and type with counts.</summary>
public sealed record CommitmentCount(string Matter, string MatterName, string Type, string TypeName, long Total, long Verified, long VerifiedOnTime, long Breached);

/// <summary>
/// The commitments table and the public records a commitment writes (Art. 50: 信用承诺 is a public record of the subject;
/// a breach is a public negative record, Art. 46): every write takes the caller's connection and transaction, so it
/// commits with the case action that makes it.
/// </summary>
public sealed class CommitmentStore(Database db, CatalogSet catalog, SubjectStore subjects)
{
    private const string Columns =
        "m.id, m.number, m.subject_id AS SubjectId, s.ref AS SubjectRef, s.name AS SubjectName, m.matter, m.matter_name AS MatterName, m.type, " +
        "m.type_name AS TypeName, m.signed_text AS SignedText, m.accepting_unit AS AcceptingUnit, m.verifying_unit AS VerifyingUnit, m.channel, " +
        "m.committed_on AS CommittedOn, m.decision_date AS DecisionDate, m.verification_due AS VerificationDue, m.materials_due AS MaterialsDue, " +
        "m.materials_received_on AS MaterialsReceivedOn, m.outcome, m.verified_on AS VerifiedOn, m.record_id AS RecordId, " +
        "m.breach_record_id AS BreachRecordId, m.created_at AS CreatedAt";

    /// <summary>Adds the row of a new commitment case.</summary>
    public void Insert(DbConnection c, DbTransaction tx, CommitmentRow r) =>
        c.Execute(
            """
            INSERT INTO commitments (id, number, subject_id, matter, matter_name, type, type_name, signed_text, accepting_unit, verifying_unit, channel,
              committed_on, decision_date, verification_due, materials_due, record_id, created_at)
            VALUES (@Id, @Number, @SubjectId, @Matter, @MatterName, @Type, @TypeName, @SignedText, @AcceptingUnit, @VerifyingUnit, @Channel,
              @CommittedOn, @DecisionDate, @VerificationDue, @MaterialsDue, @RecordId, @CreatedAt)
            """, r, tx);

    /// <summary>Links the subject party of a case opened for a subject the platform first learned of by the commitment itself
    /// (the case's own subject is the engine's: <c>CaseContext.SubjectId</c>).</summary>
    public void LinkSubject(DbConnection c, DbTransaction tx, long caseId, long subjectId) =>
        c.Execute("UPDATE case_parties SET subject_id = @subjectId WHERE case_id = @caseId AND role = 'subject'", new { caseId, subjectId }, tx);

    /// <summary>Records that the 容缺 materials arrived and the decision made on them.</summary>
    public void MaterialsReceived(DbConnection c, DbTransaction tx, long id, DateOnly receivedOn, DateOnly? decisionDate, DateOnly? verificationDue) =>
        c.Execute("UPDATE commitments SET materials_received_on = @receivedOn, decision_date = COALESCE(@decisionDate, decision_date), verification_due = COALESCE(@verificationDue, verification_due) WHERE id = @id",
            new { id, receivedOn, decisionDate, verificationDue }, tx);

    /// <summary>Records a verification's outcome (and the breach record it wrote).</summary>
    public void Verified(DbConnection c, DbTransaction tx, long id, CommitmentOutcome outcome, DateOnly on, long? breachRecordId) =>
        c.Execute("UPDATE commitments SET outcome = @outcome, verified_on = @on, breach_record_id = COALESCE(@breachRecordId, breach_record_id) WHERE id = @id",
            new { id, outcome, on, breachRecordId }, tx);

    /// <summary>A commitment by its case id, or null.</summary>
    public CommitmentRow? Get(long id)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<CommitmentRow>($"SELECT {Columns} FROM commitments m JOIN subjects s ON s.id = m.subject_id WHERE m.id = @id", new { id });
    }

    /// <summary>The commitments of the public list, newest first: by subject (code, reference or part of the name), matter and accepting or verifying unit.</summary>
    public (IReadOnlyList<CommitmentRow> Rows, long Total) Search(CommitmentQuery q)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(q.Subject))
        {
            string? key = null;
            try { key = subjects.LookupKeyOf(q.Subject); } catch (FormatException) { }
            if (key is not null && subjects.Find(q.Subject) is { } found) { where.Add("m.subject_id = @sid"); args.Add("sid", found.Id); }
            else if (key is not null) where.Add("1 = 0");
            else { where.Add("s.name LIKE @name"); args.Add("name", "%" + Like(q.Subject.Trim()) + "%"); }
        }
        if (!string.IsNullOrWhiteSpace(q.Matter)) { where.Add("(m.matter = @matter OR m.matter_name LIKE @matterName)"); args.Add("matter", q.Matter.Trim()); args.Add("matterName", "%" + Like(q.Matter.Trim()) + "%"); }
        if (!string.IsNullOrWhiteSpace(q.Unit)) { where.Add("(m.accepting_unit = @unit OR m.verifying_unit = @unit)"); args.Add("unit", q.Unit.Trim()); }
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        args.Add("limit", Math.Clamp(q.Limit, 1, 200));
        args.Add("offset", Math.Max(0, q.Offset));
        using var c = db.Open();
        var total = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM commitments m JOIN subjects s ON s.id = m.subject_id{filter}", args);
        var rows = c.Query<CommitmentRow>($"SELECT {Columns} FROM commitments m JOIN subjects s ON s.id = m.subject_id{filter} ORDER BY m.committed_on DESC, m.id DESC LIMIT @limit OFFSET @offset", args).ToList();
        return (rows, total);
    }

    /// <summary>
    /// The figures: commitments by matter and type between two days of commitment (inclusive), how many were verified,
    /// verified on or before their due day, and breached.
    /// </summary>
    public IReadOnlyList<CommitmentCount> Figures(DateOnly from, DateOnly to)
    {
        using var c = db.Open();
        return c.Query<(string Matter, string MatterName, string Type, string TypeName, long Total, long Verified, long OnTime, long Breached)>(
            """
            SELECT matter, MIN(matter_name), type, MIN(type_name), COUNT(*),
              CAST(SUM(CASE WHEN outcome IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT),
              CAST(SUM(CASE WHEN outcome IS NOT NULL AND (verification_due IS NULL OR verified_on <= verification_due) THEN 1 ELSE 0 END) AS BIGINT),
              CAST(SUM(CASE WHEN outcome = 'breached' THEN 1 ELSE 0 END) AS BIGINT)
            FROM commitments WHERE committed_on >= @from AND committed_on <= @to
            GROUP BY matter, type ORDER BY COUNT(*) DESC, matter, type
            """, new { from, to }).Select(x => new CommitmentCount(x.Matter, x.MatterName, x.Type, x.TypeName, x.Total, x.Verified, x.OnTime, x.Breached)).ToList();
    }

    /// <summary>
    /// Writes one record of a catalog item inside the caller's transaction, through the collection's own stages after the
    /// caller checked the fields against the catalog (<see cref="RecordValidator"/>): the subject matched by its
    /// identifier, the record classified (disclosure period, earliest repair) and stored with its provenance and first
    /// event. Returns its id and its subject's.
    /// </summary>
    public (long RecordId, long SubjectId) WriteRecord(DbConnection c, DbTransaction tx, CatalogItem item, ValidRecord valid,
        string provider, DateTimeOffset now, string eventKind, string detail)
    {
        var seed = new SubjectSeed(valid.Subject, valid.Kind, valid.SubjectName, valid.Region, null);
        var subjectId = subjects.Resolve(c, tx, [seed], item.Code, authoritativeNames: false)[valid.Subject.LookupKey(subjects.Hasher)];
        var id = StaffRecordWriter.Insert(c, tx, item, valid, subjectId, null, provider, now, eventKind, detail);
        return (id, subjectId);
    }

    /// <summary>Sets one field of a record the commitment wrote (e.g. 履行情况) as a new version with its reason.</summary>
    public void UpdateField(DbConnection c, DbTransaction tx, long recordId, string field, string value, string actor, DateOnly today, DateTimeOffset now, string reason)
    {
        var (itemCode, fields, provider) = c.QuerySingle<(string, string, string)>("SELECT item, fields, provider FROM records WHERE id = @recordId", new { recordId }, tx);
        var item = catalog.Item(itemCode)!;
        var current = RecordJson.Parse(fields);
        var values = item.Fields.Select(f => f.Code == field ? value : current.GetValueOrDefault(f.Code)).ToArray();
        var errors = new List<FieldError>();
        var valid = new RecordValidator(item).Validate(values, item.Fields.Select(f => f.Code).ToArray(), today, errors)
                    ?? throw new InvalidOperationException($"record {recordId}: {string.Join("; ", errors.Select(e => e.Message))}");
        var (json, hash) = RecordJson.Serialize(item, valid.Values);
        RecordVersions.Replace(c, tx, recordId, valid, CollectionPipeline.Authority(item, valid), json, hash, provider, "staff", null, now, reason);
        RecordVersions.Event(c, tx, recordId, now, "corrected", actor, reason);
    }

    private static string Like(string s) => s.Replace("%", "").Replace("_", "");
}
