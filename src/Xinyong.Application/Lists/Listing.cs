using System.Data.Common;
using Xinyong.Measures;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Notifications;
using Xinyong.Text;

namespace Xinyong.Application.Lists;

/// <summary>
/// Listing a subject: the entry is stored (<see cref="ListStore.Add(DbConnection, DbTransaction, ListEntry)"/>) and the
/// subject is told, in the same transaction, with the written decision (Art. 28 (2)) or the incentive (Art. 25). Every
/// listing goes through here: the deciding units' decisions, the court's records and the fixtures of tests.
/// </summary>
public sealed class Listing(Database db, ListStore lists, AccountStore accounts, Outbox outbox)
{
    /// <summary>Lists and tells the subject, in a transaction of its own; returns the entry's id.</summary>
    public long Add(ListEntry e)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var id = Add(c, tx, e);
        tx.Commit();
        return id;
    }

    /// <summary>Lists and tells the subject inside the caller's transaction; returns the entry's id.</summary>
    public long Add(DbConnection c, DbTransaction tx, ListEntry e)
    {
        var id = lists.Add(c, tx, e);
        var (title, body) = Notice(e);
        outbox.Send(c, tx, Mailbox.OfSubject(e.SubjectId), ListStore.NoticeKind, id, title, body);
        return id;
    }

    /// <summary>
    /// What the subject is told when it is listed (Art. 28 (2): the written decision with its reasons, basis, period,
    /// removal conditions and remedy; Art. 25 for the IncentiveList).
    /// </summary>
    public (string Title, string Body) Notice(ListEntry e)
    {
        var unit = accounts.Get(e.DecidingUnit)?.Name ?? e.DecidingUnit;
        var period = $"{CaseText.Day(e.StartsOn)}至{(e.EndsOn is { } end ? CaseText.Day(end) : "移出名单之日")}";
        if (e.List == CreditListNames.Incentive)
            return ("守信激励主体认定",
                $"{unit}以{e.DecisionNo}认定您为守信激励主体：{Punctuation.Clause(e.Grounds)}。认定期限：{period}。" +
                (e.Published ? "您可以要求不公示该信息（《黑龙江省社会信用条例》第三十七条）。" : "根据您的要求，该信息不予公示。"));
        return ("严重失信主体名单认定决定",
            $"{unit}以书面决定{e.DecisionNo}将您列入严重失信主体名单。认定理由：{Punctuation.Clause(e.Reasons)}（{Punctuation.Clause(e.Grounds)}）。认定依据：{Punctuation.Clause(e.Basis)}。期限：{period}。" +
            $"移出条件：{Punctuation.Clause(e.RemovalConditions ?? "期限届满")}。救济途径：{Punctuation.Clause(e.Remedy ?? "可以依法申请行政复议或者提起行政诉讼")}；认为信息有误的，可以提出异议（第三十九条）。" +
            Xinyong.Disclosure.RepairNotice.ForListing(e.StartsOn, 12, unit));   // 两书同达 (国办发〔2025〕22号)
    }
}
