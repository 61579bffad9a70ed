using System.Data.Common;
using System.Text.Json;
using Xinyong.Cases;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;

namespace Xinyong.Application.Cases;

/// <summary>
/// The inside of one case action's transaction, handed to the kind's own work: the connection and transaction every
/// store takes, the case as it was, its next data, and the notices to send. Whatever the work does commits with the
/// state change, the steps and the history, or not at all.
/// </summary>
public sealed class CaseContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Outbox _outbox;
    private readonly CaseEngine.Parts _parts;

    internal CaseContext(DbConnection c, DbTransaction tx, CaseKindDefinition kind, CaseFile file, IReadOnlyList<CaseParty> parties, CaseActor who, DateTimeOffset at, Outbox outbox,
        CaseEngine.Parts parts, string entryKind)
    {
        _parts = parts;
        EntryKind = entryKind;
        Connection = c;
        Transaction = tx;
        Kind = kind;
        Case = file;
        Parties = parties;
        Who = who;
        At = at;
        Data = file.Data;
        Unit = file.Unit;
        SubjectId = file.SubjectId;
        _outbox = outbox;
    }

    /// <summary>The connection (pass it, with <see cref="Transaction"/>, to every store).</summary>
    public DbConnection Connection { get; }

    /// <summary>The action's transaction.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>The kind's declaration.</summary>
    public CaseKindDefinition Kind { get; }

    /// <summary>The case before the action (for <see cref="CaseEngine.Open"/>: as just inserted).</summary>
    public CaseFile Case { get; }

    /// <summary>The parties of the case.</summary>
    public IReadOnlyList<CaseParty> Parties { get; internal set; }

    /// <summary>Who acts.</summary>
    public CaseActor Who { get; }

    /// <summary>The moment of the action (the platform's clock).</summary>
    public DateTimeOffset At { get; }

    /// <summary>The Beijing date of the action: the day periods opened by it start from.</summary>
    public DateOnly Today => Xinyong.Calendar.ChinaTime.DateOf(At);

    /// <summary>The case's data after the action (JSON); set it to change the kind's fields.</summary>
    public string Data { get; set; }

    /// <summary>
    /// The handling unit after the action; set it to move the case to another unit (a transfer, a take-over): the
    /// engine moves the case and its open steps of the old unit, and opens the action's steps at the new one.
    /// </summary>
    public string Unit { get; set; }

    /// <summary>The subject the case is about after the action; set it when the kind's work identifies it (e.g. a clue's
    /// respondent found in the register).</summary>
    public long? SubjectId { get; set; }

    /// <summary>The history entry's detail (set by the work to say more than the caller's detail).</summary>
    public string? Detail { get; set; }

    /// <summary>The case's data read as <typeparamref name="T"/>.</summary>
    public T Read<T>() => JsonSerializer.Deserialize<T>(Data, Json)!;

    /// <summary>Replaces the case's data with <paramref name="value"/>.</summary>
    public void Write<T>(T value) => Data = JsonSerializer.Serialize(value, Json);

    /// <summary>Sends a message in the action's transaction.</summary>
    public void Notify(Mailbox to, string title, string body, string? contact = null) =>
        _outbox.Send(Connection, Transaction, to, Kind.Kind, Case.Id, title, body, contact);

    /// <summary>
    /// Opens a step whose rule or start the kind's data decides (e.g. a period from a decision date, or a rule named by a
    /// matter), after the action's declared steps: from <paramref name="from"/>, due by the rule, or on
    /// <paramref name="dueOn"/> when the acting unit set the day itself.
    /// </summary>
    public void OpenStep(string step, DateOnly from, DateOnly? dueOn = null) => ExtraSteps.Add((step, from, dueOn));

    internal List<(string Step, DateOnly From, DateOnly? DueOn)> ExtraSteps { get; } = [];

    /// <summary>
    /// For <see cref="CaseEngine.Open"/>: the declared state the case opens in, when not the initial one (e.g. an
    /// application received by a unit that is not competent is closed as referred on receipt). Null: the initial state.
    /// </summary>
    public string? State { get; set; }

    /// <summary>The kind of the action's own history entry: the action's code (opened, paused, resumed, extended for the engine's own).</summary>
    public string EntryKind { get; set; }

    /// <summary>Whether the work wrote the action's own history entry itself (<see cref="Entry"/>).</summary>
    internal bool EntryWritten { get; private set; }

    /// <summary>
    /// Writes the action's own history entry now (instead of after the work), so that the entries of the action's effects
    /// (<see cref="Log"/>) follow it in the history.
    /// </summary>
    public void Entry(string? detail)
    {
        Detail = detail;
        _parts.Log.Append(Connection, Transaction, Kind.Kind, Case.Id, Who.Actor, EntryKind, detail, At);
        EntryWritten = true;
    }

    /// <summary>Writes a further history entry (an effect of the action) now, by the acting party or by <paramref name="actor"/>.</summary>
    public void Log(string kind, string? detail, Actor? actor = null) =>
        _parts.Log.Append(Connection, Transaction, Kind.Kind, Case.Id, actor ?? Who.Actor, kind, detail, At);

    /// <summary>The steps (deadlines) of the case as the transaction sees them, in the order they were opened.</summary>
    public IReadOnlyList<CaseDeadline> Steps() => _parts.Deadlines.OfCase(Connection, Transaction, Kind.Kind, Case.Id);

    /// <summary>
    /// The pauses of the case as the transaction sees them (read once per action: a pause is started or ended only by the
    /// engine's own <see cref="CaseEngine.Pause"/> and <see cref="CaseEngine.Resume"/>, before the work runs).
    /// </summary>
    public IReadOnlyList<StoredPause> Pauses() => _pauses ??= _parts.Deadlines.Pauses(Connection, Transaction, Kind.Kind, Case.Id);

    private IReadOnlyList<StoredPause>? _pauses;

    /// <summary>For a case opened in this transaction: it has no pauses, nothing to read.</summary>
    internal void NoPausesYet() => _pauses = [];

    /// <summary>
    /// Opens a step now under <paramref name="rule"/> from <paramref name="from"/> (with the case's pauses), to be taken by
    /// <paramref name="unit"/> (default: the handling unit), optionally tied to a row of the kind (<paramref name="refId"/>,
    /// e.g. a request to another unit); returns it.
    /// </summary>
    public CaseDeadline StartStep(string rule, DateOnly from, string? unit = null, long? refId = null, int? extendedDays = null)
    {
        var u = unit ?? Unit;
        var pauses = Pauses().Select(p => p.Pause.Range(Today)).ToList();
        var due = _parts.Deadlines.Calculator.Compute(rule, from, u, pauses, extendedDays ?? 0);
        var id = _parts.Deadlines.Open(Connection, Transaction, Kind.Kind, Case.Id, refId, u, due);
        // The step as stored, without reading it back.
        return new CaseDeadline
        {
            Id = id, CaseKind = Kind.Kind, CaseId = Case.Id, RefId = refId, Code = due.Code, Name = due.Name, Unit = u, StartOn = due.Start,
            WorkingDays = due.WorkingDays, DueOn = due.Due, Provisional = due.Provisional, Basis = due.Basis, Status = DueStates.Open,
        };
    }

    /// <summary>Whether a step's rule lets pauses stop its clock.</summary>
    public bool Pausable(CaseDeadline step) => _parts.Deadlines.Calculator.Rules.For(step.StartOn).Rule(step.Code).Pausable;

    /// <summary>Completes an open step now.</summary>
    public void CompleteStep(CaseDeadline step) => _parts.Deadlines.Complete(Connection, Transaction, step, At);

    /// <summary>Cancels an open step now.</summary>
    public void CancelStep(CaseDeadline step) => _parts.Deadlines.Cancel(Connection, Transaction, step, At);

    /// <summary>
    /// Recomputes an open step under <paramref name="rule"/> from <paramref name="start"/> (e.g. a decision period that
    /// becomes longer once another unit is asked to help, or runs from acceptance), with the case's pauses and
    /// <paramref name="extendedDays"/> added (negative: shortened); returns it as recomputed.
    /// </summary>
    public CaseDeadline RecomputeStep(CaseDeadline step, string rule, DateOnly start, int? extendedDays = null)
    {
        _parts.Deadlines.Recompute(Connection, Transaction, step, rule, start, Pauses(), extendedDays);
        return Steps().Single(d => d.Id == step.Id);
    }

    /// <summary>
    /// Opens a case of another kind in this action's transaction (e.g. the application a pledge is given with): it
    /// commits with this action or not at all.
    /// </summary>
    public CaseFile OpenCase(string kind, CaseOpening opening, Action<CaseContext>? work = null, string? detail = null) =>
        _parts.Engine.OpenIn(Connection, Transaction, kind, opening, Who, work, detail);

    /// <summary>The party of a role, or null.</summary>
    public CaseParty? Party(string role) => Parties.FirstOrDefault(p => p.Role == role);

    /// <summary>Reads data JSON of any case as <typeparamref name="T"/>.</summary>
    public static T ReadData<T>(CaseFile file) => JsonSerializer.Deserialize<T>(file.Data, Json)!;

    /// <summary>Serialises a kind's data.</summary>
    public static string WriteData<T>(T value) => JsonSerializer.Serialize(value, Json);
}
