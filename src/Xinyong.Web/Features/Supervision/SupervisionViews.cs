using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Cases;
using Xinyong.Identifiers;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Supervision;

namespace Xinyong.Web.Features.Supervision;

/// <summary>A step of a supervision case with its due day and article.</summary>
public sealed record SupervisionStepView(string Code, string Name, string Unit, string Start, string Due, int WorkingDays, string Status, string Basis, bool Overdue);

/// <summary>A written notice sent to a party.</summary>
public sealed record SupervisionNotice(DateTimeOffset At, string Title, string Body);

/// <summary>An entry of a case's history.</summary>
public sealed record SupervisionEntry(DateTimeOffset At, string Kind, string Name, string Actor, string? Detail);

/// <summary>A pause or suspension of the clock.</summary>
public sealed record SupervisionPause(string Reason, string Name, string From, string? To, string? Note);

/// <summary>An extension of the closing period.</summary>
public sealed record SupervisionExtension(int WorkingDays, string ApprovedBy, string Reason, DateTimeOffset At);

/// <summary>An attachment of a case.</summary>
public sealed record SupervisionAttachment(long Id, string FileName, long SizeBytes);

/// <summary>A supervision case as the API and the pages show it.</summary>
public sealed record SupervisionView
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string Status { get; init; } = "";
    public string StatusName { get; init; } = "";
    public string Authority { get; init; } = "";
    public string AuthorityName { get; init; } = "";
    public string Channel { get; init; } = "";
    public string ChannelName { get; init; } = "";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> CategoryNames { get; init; } = [];
    public string Respondent { get; init; } = "";
    public string? RespondentCode { get; init; }
    /// <summary>The public reference of the respondent's subject (its USCC, or G + 16 hex for a body known by name only).</summary>
    public string? RespondentRef { get; init; }
    public string? RespondentAccount { get; init; }
    public string? Complainant { get; init; }
    public string? ComplainantContact { get; init; }
    public string Facts { get; init; } = "";
    public ClueArrears? Arrears { get; init; }
    public string ReceivedOn { get; init; } = "";
    public string? ReviewDue { get; init; }
    public string? AnswerDue { get; init; }
    public string? CloseDue { get; init; }
    public string? ReviewRequestDue { get; init; }
    public ReviewDecision? Review { get; init; }
    public WrittenAnswer? Answer { get; init; }
    public IReadOnlyList<Investigation> Investigations { get; init; } = [];
    public ClosingDecision? Closing { get; init; }
    public string? ClosingTypeName { get; init; }
    public string? ReviewOf { get; init; }
    public IReadOnlyList<string> Reviews { get; init; } = [];
    public long? IntegrityRecordId { get; init; }
    public string? CorrectBy { get; init; }
    public string? CorrectedOn { get; init; }
    public string? EscalatedOn { get; init; }
    public bool Published { get; init; }
    public int Version { get; init; }
    public IReadOnlyList<SupervisionStepView> Steps { get; init; } = [];
    public IReadOnlyList<SupervisionPause> Pauses { get; init; } = [];
    public IReadOnlyList<SupervisionExtension> Extensions { get; init; } = [];
    public IReadOnlyList<SupervisionEntry> History { get; init; } = [];
    public IReadOnlyList<SupervisionAttachment> Attachments { get; init; } = [];
    public IReadOnlyList<SupervisionNotice> Notices { get; init; } = [];
}

/// <summary>Builds the views of supervision cases: full for the authority, masked for the complainant's query page.</summary>
public sealed class SupervisionViews(SupervisionDesk desk, CaseAttachments attachments, Outbox outbox, TimeProvider clock, Xinyong.Storage.Subjects.SubjectStore subjects)
{
    /// <summary>The view of a case; <paramref name="forComplainant"/> masks the handlers and shows the complainant's messages.</summary>
    public SupervisionView View(CaseFile file, bool forComplainant = false)
    {
        // A case of another kind under a supervision address is not found (it answered 500 when it met a commitment case).
        if (file.Kind != SupervisionDesk.Kind) throw Refusal.NotFound("supervision.not-found", $"没有编号为{file.Id}的营商环境监督案件");
        var engine = desk.Engine;
        var rules = desk.Rules;
        var def = engine.Kinds[file.Kind];
        var data = CaseContext.ReadData<SupervisionData>(file);
        var row = desk.Store.Get(file.Id)!;
        var parties = engine.Cases.Parties(file.Id);
        var complainant = parties.FirstOrDefault(p => p.Role == "complainant");
        var authority = rules.AuthorityOfUnit(file.Unit);
        var today = clock.Today();
        var steps = engine.Steps(file);
        string? Due(string code) => steps.LastOrDefault(s => s.Code == code && s.Status != DueStates.Cancelled) is { } s ? Iso(s.DueOn) : null;
        return new SupervisionView
        {
            Id = file.Id, Number = file.Number, Status = file.State, StatusName = def.State(file.State).Name,
            Authority = authority?.Region ?? file.Unit, AuthorityName = authority?.Name ?? file.Unit,
            Channel = data.Channel, ChannelName = Xinyong.Supervision.SupervisionRules.Find(rules.Channels, data.Channel)?.Name ?? data.Channel,
            Categories = data.Categories, CategoryNames = data.Categories.Select(c => rules.Category(c)?.Name ?? c).ToList(),
            Respondent = data.RespondentName, RespondentCode = data.RespondentCode,
            RespondentRef = row.RespondentSubjectId is { } sid ? subjects.Get(sid)?.Ref : null, RespondentAccount = forComplainant ? null : row.RespondentAccount,
            Complainant = complainant?.Name, ComplainantContact = forComplainant ? Masking.MaskPhone(complainant?.Contact) : complainant?.Contact,
            Facts = data.Facts, Arrears = data.Arrears, ReceivedOn = Iso(row.ReceivedOn),
            ReviewDue = Due(SupervisionDesk.ReviewStep), AnswerDue = Due(SupervisionDesk.AnswerStep), CloseDue = Due(SupervisionDesk.CloseStep),
            ReviewRequestDue = row.ReviewRequestDue is { } rr ? Iso(rr) : null,
            Review = data.Review, Answer = forComplainant ? null : data.Answer, Investigations = forComplainant ? [] : data.Investigations,
            Closing = data.Closing, ClosingTypeName = data.Closing is { } c ? Xinyong.Supervision.SupervisionRules.Find(rules.ClosingTypes, c.Type)?.Name : null,
            ReviewOf = data.ReviewOfNumber, Reviews = desk.ReviewsOf(file.Id).Select(r => r.Number).ToList(),
            IntegrityRecordId = row.IntegrityRecordId,
            CorrectBy = row.CorrectBy is { } cb ? Iso(cb) : null, CorrectedOn = row.CorrectedOn is { } co ? Iso(co) : null,
            EscalatedOn = row.EscalatedOn is { } eo ? Iso(eo) : null, Published = row.Published, Version = file.Version,
            Steps = steps.Select(s => new SupervisionStepView(s.Code, s.Name, s.Unit, Iso(s.StartOn), Iso(s.DueOn), s.WorkingDays, s.Status, s.Basis,
                s.Status == DueStates.Open && s.DueOn < today)).ToList(),
            Pauses = engine.Pauses(file).Select(p => new SupervisionPause(p.Kind, def.Pause(p.Kind)?.Name ?? p.Kind, Iso(p.FromOn), p.ToOn is { } t ? Iso(t) : null,
                forComplainant ? null : p.Note)).ToList(),
            Extensions = engine.Extensions(file).Select(e => new SupervisionExtension(e.WorkingDays, e.ApprovedBy, e.Reason, e.At)).ToList(),
            History = engine.History(file).Select(h => new SupervisionEntry(h.At, h.Kind, engine.StepName(file.Kind, h.Kind),
                forComplainant ? (authority?.Name ?? "") : h.ActorName, forComplainant && h.Kind is "investigate" or "answer" ? null : h.Detail)).ToList(),
            Attachments = attachments.Of(file.Kind, file.Id).Select(a => new SupervisionAttachment(a.Id, a.FileName, a.SizeBytes)).ToList(),
            Notices = forComplainant
                ? outbox.For([new Mailbox(SupervisionDesk.ComplainantMailbox, file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))])
                    .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => new SupervisionNotice(n.CreatedAt, n.Title, n.Body)).ToList()
                : [],
        };
    }

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Iso(DateOnly d) => WorkingCalendar.Iso(d);
}
