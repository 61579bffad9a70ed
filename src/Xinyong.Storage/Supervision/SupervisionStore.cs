using System.Data.Common;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;

namespace Xinyong.Storage.Supervision;

/// <summary>The searchable columns of a supervision case (<c>supervision_cases</c>); the case itself is in <c>cases</c>.</summary>
public sealed record SupervisionRow
{
    public long CaseId { get; init; }
    public string Channel { get; init; } = "";
    public string? SourceAccount { get; init; }
    public string RespondentName { get; init; } = "";
    public long? RespondentSubjectId { get; init; }
    public string? RespondentAccount { get; init; }
    public string? ComplainantName { get; init; }
    public string Fingerprint { get; init; } = "";
    public string? QueryCodeHash { get; init; }
    public long? ReviewOf { get; init; }
    public bool ReviewDecided { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public string? ClosingType { get; init; }
    public bool Serious { get; init; }
    public DateOnly? CorrectBy { get; init; }
    public DateOnly? CorrectedOn { get; init; }
    public DateOnly? EscalatedOn { get; init; }
    public DateOnly? ReviewRequestDue { get; init; }
    public long? IntegrityRecordId { get; init; }
    public bool Published { get; init; }
    public string? PublishedSummary { get; init; }
}

/// <summary>What writing a record of a supervision case gave: the record (new, or the one already there), or the
/// errors that keep the values from making a valid record of <see cref="Item"/> (nothing is written then).</summary>
public sealed record RecordWriteOutcome(CatalogItem Item, long? RecordId, IReadOnlyList<FieldError> Errors);

/// <summary>One line of the statistics: a group (authority, respondent, channel, category or outcome) and its figures.</summary>
public sealed record SupervisionCount
{
    public string Key { get; init; } = "";
    public long Cases { get; init; }
    public long Closed { get; init; }
    /// <summary>Closed within the closing period (the step met).</summary>
    public long OnTime { get; init; }
    /// <summary>Open steps past their due date today.</summary>
    public long OverdueSteps { get; init; }
}

/// <summary>
/// Persistence of supervision cases' own columns (migration 0760), the integrity record of a government body they
/// write (SM Art. 29), and the reads the desk, the portal and the statistics need. Writes take the caller's transaction.
/// </summary>
public sealed class SupervisionStore(Database db, CatalogSet catalog, SubjectStore subjects)
{
    private const string Columns =
        """
        case_id AS CaseId, channel, source_account AS SourceAccount, respondent_name AS RespondentName, respondent_subject_id AS RespondentSubjectId,
        respondent_account AS RespondentAccount, complainant_name AS ComplainantName, fingerprint, query_code_hash AS QueryCodeHash, review_of AS ReviewOf,
        review_decided AS ReviewDecided, received_on AS ReceivedOn, accepted_on AS AcceptedOn, closed_on AS ClosedOn, closing_type AS ClosingType,
        serious, correct_by AS CorrectBy, corrected_on AS CorrectedOn, escalated_on AS EscalatedOn, review_request_due AS ReviewRequestDue,
        integrity_record_id AS IntegrityRecordId, published, published_summary AS PublishedSummary
        """;

    /// <summary>Adds a case's row and its categories.</summary>
    public void Insert(DbConnection c, DbTransaction tx, SupervisionRow r, IEnumerable<string> categories)
    {
        c.Execute(
            """
            INSERT INTO supervision_cases (case_id, channel, source_account, respondent_name, respondent_subject_id, respondent_account, complainant_name,
              fingerprint, query_code_hash, review_of, review_decided, received_on, serious, published)
            VALUES (@CaseId, @Channel, @SourceAccount, @RespondentName, @RespondentSubjectId, @RespondentAccount, @ComplainantName,
              @Fingerprint, @QueryCodeHash, @ReviewOf, FALSE, @ReceivedOn, FALSE, FALSE)
            """, r, tx);
        foreach (var cat in categories.Distinct())
            c.Execute("INSERT INTO supervision_categories (case_id, category) VALUES (@id, @cat)", new { id = r.CaseId, cat }, tx);
    }

    /// <summary>A case's row, or null.</summary>
    public SupervisionRow? Get(DbConnection c, DbTransaction? tx, long caseId) =>
        c.QuerySingleOrDefault<SupervisionRow>($"SELECT {Columns} FROM supervision_cases WHERE case_id = @caseId", new { caseId }, tx);

    /// <summary>A case's row, or null.</summary>
    public SupervisionRow? Get(long caseId)
    {
        using var c = db.Open();
        return Get(c, null, caseId);
    }

    /// <summary>The categories of a case.</summary>
    public IReadOnlyList<string> Categories(long caseId)
    {
        using var c = db.Open();
        return c.Query<string>("SELECT category FROM supervision_categories WHERE case_id = @caseId ORDER BY category", new { caseId }).ToList();
    }

    /// <summary>Sets one column of a case (only the columns named here).</summary>
    public void Set(DbConnection c, DbTransaction tx, long caseId, string column, object? value)
    {
        string[] allowed = ["accepted_on", "closed_on", "closing_type", "serious", "correct_by", "corrected_on", "escalated_on", "review_request_due",
            "integrity_record_id", "review_decided", "respondent_account", "published", "published_summary"];
        if (!allowed.Contains(column)) throw new ArgumentException($"not a settable column: {column}", nameof(column));
        c.Execute($"UPDATE supervision_cases SET {column} = @value WHERE case_id = @caseId", new { caseId, value }, tx);
    }

    /// <summary>
    /// The earliest case with the same fingerprint whose review (SM Art. 24) has been decided: a new complaint on the
    /// same facts and reasons is not accepted again.
    /// </summary>
    public long? DecidedReviewOf(DbConnection c, DbTransaction? tx, string fingerprint) =>
        c.QueryFirstOrDefault<long?>("SELECT case_id FROM supervision_cases WHERE fingerprint = @fingerprint AND review_decided = TRUE ORDER BY case_id",
            new { fingerprint }, tx);

    /// <summary>The review (复查) cases opened for a case.</summary>
    public IReadOnlyList<long> ReviewsOf(DbConnection c, DbTransaction? tx, long caseId) =>
        c.Query<long>("SELECT case_id FROM supervision_cases WHERE review_of = @caseId ORDER BY case_id", new { caseId }, tx).ToList();

    /// <summary>The account of a government body (a department account registered with its USCC), or null.</summary>
    public string? AccountOfUscc(DbConnection c, DbTransaction? tx, string uscc) =>
        c.QueryFirstOrDefault<string>("SELECT code FROM accounts WHERE uscc = @uscc AND kind = 'department' AND disabled_at IS NULL ORDER BY code", new { uscc }, tx);

    /// <summary>A government body known by its exact name (the first by id), or null.</summary>
    public SubjectRow? GovernmentBodyNamed(string name)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<SubjectRow>($"SELECT {SubjectStore.Columns} FROM subjects WHERE kind = 'government-body' AND name = @name ORDER BY id", new { name });
    }

    /// <summary>
    /// The USCC of a stored government body, or null when it is known only by its name
    /// (<see cref="SubjectIdentity.OfGovernmentName"/>).
    /// </summary>
    public string? UsccOf(DbConnection c, DbTransaction? tx, long subjectId) =>
        c.QueryFirstOrDefault<string>("SELECT ref FROM subjects WHERE id = @subjectId AND id_type = 'uscc'", new { subjectId }, tx);

    /// <summary>
    /// Completes a government body known only by its name with its USCC (《黑龙江省社会信用条例》第十九条: a subject is
    /// matched by its code): when no subject holds the USCC yet, the body itself takes it (its id, records and cases stay);
    /// otherwise everything of the name-keyed body (records, cases, parties, supervision cases, names) moves to the
    /// subject of the USCC and the merge is kept in <c>subject_merges</c> (migration 0720). Returns the subject's id, or
    /// null (nothing changed) when the body is not keyed by its name (it has a code already).
    /// </summary>
    public long? CompleteBody(DbConnection c, DbTransaction tx, long nameKeyedId, SubjectIdentity uscc, string actor, DateTimeOffset now)
    {
        var row = c.QuerySingle<(string IdType, string Name)>("SELECT id_type, name FROM subjects WHERE id = @nameKeyedId", new { nameKeyedId }, tx);
        if (row.IdType != SubjectIdentity.GovernmentNameType) return null;
        var region = uscc.Value.Substring(2, 6);
        var existing = c.QueryFirstOrDefault<long?>("SELECT id FROM subjects WHERE id_key = @key", new { key = uscc.Value }, tx);
        if (existing is null)
        {
            c.Execute("UPDATE subjects SET ref = @code, id_type = 'uscc', id_key = @code, id_masked = @code, region = COALESCE(region, @region), updated_at = @now WHERE id = @nameKeyedId",
                new { code = uscc.Value, region, now, nameKeyedId }, tx);
            return nameKeyedId;
        }
        var into = existing.Value;
        c.Execute("UPDATE records SET subject_id = @into WHERE subject_id = @nameKeyedId", new { into, nameKeyedId }, tx);
        c.Execute("UPDATE cases SET subject_id = @into WHERE subject_id = @nameKeyedId", new { into, nameKeyedId }, tx);
        c.Execute("UPDATE case_parties SET subject_id = @into WHERE subject_id = @nameKeyedId", new { into, nameKeyedId }, tx);
        c.Execute("UPDATE supervision_cases SET respondent_subject_id = @into WHERE respondent_subject_id = @nameKeyedId", new { into, nameKeyedId }, tx);
        subjects.Resolve(c, tx, [new SubjectSeed(uscc, SubjectKind.GovernmentBody, row.Name, region, null)], "supervision", authoritativeNames: false);
        c.Execute("INSERT INTO subject_merges (from_subject_id, into_subject_id, merged_at, actor) VALUES (@nameKeyedId, @into, @now, @actor)",
            new { nameKeyedId, into, now, actor }, tx);
        return into;
    }

    /// <summary>The supervision cases whose respondent is the subject.</summary>
    public IReadOnlyList<long> CasesOfRespondent(DbConnection c, DbTransaction? tx, long subjectId) =>
        c.Query<long>("SELECT case_id FROM supervision_cases WHERE respondent_subject_id = @subjectId ORDER BY case_id", new { subjectId }, tx).ToList();

    /// <summary>Sets a case's respondent subject.</summary>
    public void SetRespondent(DbConnection c, DbTransaction tx, long caseId, long subjectId) =>
        c.Execute("UPDATE supervision_cases SET respondent_subject_id = @subjectId WHERE case_id = @caseId", new { subjectId, caseId }, tx);

    /// <summary>The subject a merged name-keyed body went into, or null.</summary>
    public long? MergedInto(long subjectId)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<long?>("SELECT into_subject_id FROM subject_merges WHERE from_subject_id = @subjectId", new { subjectId });
    }

    /// <summary>Resolves (creates when new) the government body of a USCC inside the caller's transaction.</summary>
    public long ResolveBody(DbConnection c, DbTransaction tx, SubjectIdentity identity, string name, string? region) =>
        subjects.Resolve(c, tx, [new SubjectSeed(identity, SubjectKind.GovernmentBody, name, region, null)], "supervision", authoritativeNames: false)
            [identity.LookupKey(subjects.Hasher)];

    /// <summary>
    /// Writes a negative record of a government body under <paramref name="itemCode"/> (its integrity record, SM Art. 29,
    /// or SME arrears found) inside the caller's transaction, validated like any record; returns its id. A body known only
    /// by its name is given as <paramref name="knownSubjectId"/> (the record then has no USCC field). When the values do
    /// not make a valid record of the item, nothing is written and the outcome names the fields' errors.
    /// </summary>
    public RecordWriteOutcome WriteRecord(DbConnection c, DbTransaction tx, string itemCode, IReadOnlyDictionary<string, string?> values, string authority,
        string actor, string eventDetail, DateTimeOffset now, long? knownSubjectId = null)
    {
        var item = catalog.Item(itemCode) ?? throw new InvalidOperationException($"catalog item '{itemCode}' is missing");
        var errors = new List<FieldError>();
        var aligned = item.Fields.Select(f => values.GetValueOrDefault(f.Code)).ToArray();
        (SubjectIdentity, SubjectKind, string?)? known = null;
        if (knownSubjectId is { } kid)
        {
            var (idType, key, masked, region) = c.QuerySingle<(string, string, string, string?)>(
                "SELECT id_type, id_key, id_masked, region FROM subjects WHERE id = @kid", new { kid }, tx);
            known = (SubjectIdentity.StoredKey(idType, key, masked), SubjectKind.GovernmentBody, region);
        }
        var valid = new RecordValidator(item).Validate(aligned, item.Fields.Select(f => f.Code).ToArray(), ChinaTime.DateOf(now), errors, known);
        if (valid is null) return new RecordWriteOutcome(item, null, errors);
        var subjectId = knownSubjectId ?? subjects.Resolve(c, tx, [new SubjectSeed(valid.Subject, valid.Kind, valid.SubjectName, valid.Region, null)], item.Code, authoritativeNames: false)
            [valid.Subject.LookupKey(subjects.Hasher)];
        var existing = c.QueryFirstOrDefault<long?>("SELECT id FROM records WHERE item = @item AND doc_key = @key AND subject_id = @subjectId",
            new { item = item.Code, key = valid.DocKey, subjectId }, tx);
        if (existing is { } id) return new RecordWriteOutcome(item, id, []);
        return new RecordWriteOutcome(item, StaffRecordWriter.Insert(c, tx, item, valid, subjectId, authority, actor, now, "supervision-case", eventDetail), []);
    }

    // The case engine's rows as this kind's work changes them, inside the action's transaction.

    /// <summary>Replaces the data (the kind's fields, JSON) of another case than the one acted on.</summary>
    public void SetCaseData(DbConnection c, DbTransaction tx, long caseId, string data) =>
        c.Execute("UPDATE cases SET data = @data WHERE id = @caseId", new { data, caseId }, tx);

    /// <summary>Clears a case's closing moment (a closed case ordered handled again, SM Art. 25).</summary>
    public void Reopen(DbConnection c, DbTransaction tx, long caseId) =>
        c.Execute("UPDATE cases SET closed_at = NULL WHERE id = @caseId", new { caseId }, tx);

    /// <summary>Sets the account of a case's respondent party.</summary>
    public void SetRespondentPartyAccount(DbConnection c, DbTransaction tx, long caseId, string account) =>
        c.Execute("UPDATE case_parties SET account = @account WHERE case_id = @caseId AND role = 'respondent'", new { account, caseId }, tx);

    /// <summary>Sets the subject of a case's respondent party.</summary>
    public void SetRespondentPartySubject(DbConnection c, DbTransaction tx, long caseId, long subjectId) =>
        c.Execute("UPDATE case_parties SET subject_id = @subjectId WHERE case_id = @caseId AND role = 'respondent'", new { subjectId, caseId }, tx);

    /// <summary>Closed cases with an order to correct whose date has passed, neither corrected nor escalated (SM Art. 23), of some units (null: all).</summary>
    public IReadOnlyList<SupervisionRow> OverdueCorrections(DateOnly today, IReadOnlyCollection<string>? units)
    {
        using var c = db.Open();
        var where = units is null ? "" : $" AND {db.In("cs.unit", "units")}";
        return c.Query<SupervisionRow>(
            $"""
             SELECT {Columns.Replace("case_id AS", "s.case_id AS")} FROM supervision_cases s JOIN cases cs ON cs.id = s.case_id
             WHERE s.correct_by IS NOT NULL AND s.correct_by < @today AND s.corrected_on IS NULL AND s.escalated_on IS NULL{where}
             ORDER BY s.correct_by, s.case_id
             """, new { today, units = units?.ToArray() }).ToList();
    }

    /// <summary>The published typical cases (SM Art. 28), newest first.</summary>
    public IReadOnlyList<(long CaseId, string Summary)> Published(int limit = 100)
    {
        using var c = db.Open();
        return c.Query<(long, string)>("SELECT case_id, published_summary FROM supervision_cases WHERE published = TRUE ORDER BY closed_on DESC, case_id DESC LIMIT @limit",
            new { limit }).ToList();
    }

    /// <summary>
    /// Figures for the annual assessment (SM Art. 14): cases received in [from, to] grouped by <paramref name="by"/>
    /// (authority, respondent, channel, category, outcome) with closed, on-time (the closing step met) and overdue open steps on <paramref name="today"/>.
    /// </summary>
    public IReadOnlyList<SupervisionCount> Counts(string by, DateOnly from, DateOnly to, DateOnly today)
    {
        var key = by switch
        {
            "authority" => "cs.unit",
            "respondent" => "s.respondent_name",
            "channel" => "s.channel",
            "outcome" => "COALESCE(s.closing_type, cs.state)",
            "category" => "g.category",
            _ => throw new ArgumentException($"unknown grouping '{by}'", nameof(by)),
        };
        var join = by == "category" ? " JOIN supervision_categories g ON g.case_id = s.case_id" : "";
        using var c = db.Open();
        return c.Query<SupervisionCount>(
            $"""
             SELECT {key} AS Key, CAST(COUNT(*) AS BIGINT) AS Cases,
               CAST(SUM(CASE WHEN cs.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS Closed,
               CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_kind = 'supervision' AND d.case_id = s.case_id
                     AND d.code = 'supervision-close' AND d.status = 'met') THEN 1 ELSE 0 END) AS BIGINT) AS OnTime,
               CAST(SUM((SELECT COUNT(*) FROM case_deadlines d WHERE d.case_kind = 'supervision' AND d.case_id = s.case_id
                     AND d.status = 'open' AND d.due_on < @today)) AS BIGINT) AS OverdueSteps
             FROM supervision_cases s JOIN cases cs ON cs.id = s.case_id{join}
             WHERE s.received_on >= @from AND s.received_on <= @to
             GROUP BY {key} ORDER BY COUNT(*) DESC, {key}
             """, new { from, to, today }).ToList();
    }
}
