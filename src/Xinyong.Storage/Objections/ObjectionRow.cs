using Xinyong.Objections;
using Xinyong.Storage.Cases;

namespace Xinyong.Storage.Objections;

/// <summary>A stored objection.</summary>
public sealed record ObjectionRow : ApplicationRow
{
    /// <summary>Open, referred, upheld or rejected.</summary>
    public ObjectionStatus Status { get; init; } = ObjectionStatus.Open;
    /// <summary>record or list-entry.</summary>
    public string TargetKind { get; init; } = "";
    public long? RecordId { get; init; }
    public long? ListEntryId { get; init; }
    public string Ground { get; init; } = "";
    public string Reason { get; init; } = "";
    public string ReceivedBy { get; init; } = "";
    public string CompetentUnit { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public string? DecisionAction { get; init; }
    public int? RecordVersion { get; init; }

    /// <summary>The id of the target (record or list entry).</summary>
    public long TargetId => RecordId ?? ListEntryId ?? 0;

    internal const string Columns =
        "o.case_id AS Id, o.subject_id AS SubjectId, o.target_kind AS TargetKind, o.record_id AS RecordId, o.list_entry_id AS ListEntryId, o.ground, o.reason, " +
        "o.applicant_name AS ApplicantName, o.applicant_contact AS ApplicantContact, o.channel, o.filed_by AS FiledBy, o.received_by AS ReceivedBy, " +
        "o.competent_unit AS CompetentUnit, o.status, o.received_at AS ReceivedAt, o.received_on AS ReceivedOn, o.decided_at AS DecidedAt, " +
        "o.decided_by AS DecidedBy, o.decision_action AS DecisionAction, o.decision_reasons AS DecisionReasons, o.record_version AS RecordVersion";
}

/// <summary>A request for another unit's help with verification (协助核查).</summary>
public sealed record AssistanceRow
{
    public long Id { get; init; }
    public long ObjectionId { get; init; }
    public string Unit { get; init; } = "";
    public string Question { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? AnsweredBy { get; init; }
    public string? Answer { get; init; }

    internal const string Columns =
        "a.id, (SELECT o.case_id FROM objections o WHERE o.id = a.objection_id) AS ObjectionId, a.unit, a.question, a.requested_at AS RequestedAt, a.requested_by AS RequestedBy, " +
        "a.answered_at AS AnsweredAt, a.answered_by AS AnsweredBy, a.answer";
}
