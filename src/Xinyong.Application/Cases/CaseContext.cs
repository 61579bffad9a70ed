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

    internal CaseContext(DbConnection c, DbTransaction tx, CaseKindDefinition kind, CaseFile file, IReadOnlyList<CaseParty> parties, CaseActor who, DateTimeOffset at, Outbox outbox)
    {
        Connection = c;
        Transaction = tx;
        Kind = kind;
        Case = file;
        Parties = parties;
        Who = who;
        At = at;
        Data = file.Data;
        Unit = file.Unit;
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

    /// <summary>The party of a role, or null.</summary>
    public CaseParty? Party(string role) => Parties.FirstOrDefault(p => p.Role == role);

    /// <summary>Reads data JSON of any case as <typeparamref name="T"/>.</summary>
    public static T ReadData<T>(CaseFile file) => JsonSerializer.Deserialize<T>(file.Data, Json)!;

    /// <summary>Serialises a kind's data.</summary>
    public static string WriteData<T>(T value) => JsonSerializer.Serialize(value, Json);
}
