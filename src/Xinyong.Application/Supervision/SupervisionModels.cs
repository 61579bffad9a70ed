namespace Xinyong.Application.Supervision;

/// <summary>The respondent a clue names: a government body by its USCC (created when new) or by its name.</summary>
public sealed record ClueRespondent(string? Code, string? Name);

/// <summary>The complainant of a clue (a person or a firm) and how to reach it.</summary>
public sealed record ClueComplainant(string? Name, string? Contact);

/// <summary>An SME-arrears claim (SM Art. 8 (12); 《黑龙江省促进中小企业发展条例》第十九条、第四十三条).</summary>
/// <param name="Contract">The contract (name or number).</param>
/// <param name="AmountWan">The amount owed, in 万元.</param>
/// <param name="DueOn">The day payment was due.</param>
/// <param name="Creditor">The SME owed (default: the complainant).</param>
public sealed record ClueArrears(string? Contract, decimal? AmountWan, DateOnly? DueOn, string? Creditor);

/// <summary>A new clue (问题线索, SM Art. 16).</summary>
/// <param name="Channel">One of the channels of <c>data/supervision/rules.yaml</c>.</param>
/// <param name="Categories">One or more SM Art. 8 categories (<c>art8-1</c> … <c>art8-15</c>).</param>
/// <param name="Respondent">The government body concerned.</param>
/// <param name="Facts">The facts.</param>
/// <param name="Complainant">The complainant, if any.</param>
/// <param name="Arrears">For an arrears category: the claim.</param>
/// <param name="Authority">The division code of the competent authority (default: the filing staff's own).</param>
public sealed record NewClue(string? Channel, string[]? Categories, ClueRespondent? Respondent, string? Facts, ClueComplainant? Complainant,
    ClueArrears? Arrears = null, string? Authority = null);

/// <summary>The kind's own fields of a supervision case (the case's data JSON).</summary>
public sealed record SupervisionData
{
    public string Channel { get; init; } = "";
    public string[] Categories { get; init; } = [];
    public string Facts { get; init; } = "";
    public string RespondentName { get; init; } = "";
    public string? RespondentCode { get; init; }
    public ClueArrears? Arrears { get; init; }
    /// <summary>The case reviewed, for a review (复查) case (SM Art. 24).</summary>
    public long? ReviewOf { get; init; }
    public string? ReviewOfNumber { get; init; }
    public string? ReviewRequestReason { get; init; }
    public ReviewDecision? Review { get; init; }
    public string? Handler { get; init; }
    public WrittenAnswer? Answer { get; init; }
    public IReadOnlyList<Investigation> Investigations { get; init; } = [];
    public ClosingDecision? Closing { get; init; }
}

/// <summary>The outcome of the review of a clue (SM Art. 17).</summary>
public sealed record ReviewDecision(string Outcome, string Reason, string? RejectReason, string? ToAuthority, DateOnly On);

/// <summary>The respondent's written answer (SM Art. 18).</summary>
public sealed record WrittenAnswer(string Text, string? Evidence, DateOnly On, string By);

/// <summary>A recorded investigation step (SM Art. 19).</summary>
public sealed record Investigation(string Method, string Note, DateOnly On, string By);

/// <summary>The closing of a case (SM Art. 22).</summary>
public sealed record ClosingDecision(string Type, string Method, string Result, bool Serious, DateOnly? CorrectBy, DateOnly On, DateOnly? ReviewRequestDue);

/// <summary>A filed clue: the case, the complainant's query code (shown once) and the review's due day.</summary>
public sealed record FiledClue(long Id, string Number, string Status, DateOnly ReviewDue, string? QueryCode);

/// <summary>The result of a review: the state and, for an acceptance, the answer's and the closing's due days.</summary>
public sealed record ReviewResult(string Status, DateOnly? AnswerDue, DateOnly? CloseDue, string Authority);

/// <summary>The result of a closing.</summary>
public sealed record ClosingResult(string Status, DateOnly? ReviewRequestDue, long? IntegrityRecordId, long? ArrearsRecordId);
