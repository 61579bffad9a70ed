using Xinyong.Storage.Cases;
using Xinyong.Application.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;
using Xinyong.Catalog;
using Xinyong.Calendar;
using Xinyong.Commitments;
using Xinyong.Cases;
using Xinyong.Storage.Commitments;

namespace Xinyong.Application.Commitments;

/// <summary>A commitment as published and as the API answers it.</summary>
public sealed record CommitmentView(
    long Id, string Number, string Subject, string SubjectName, string Matter, string MatterName, string Type, string TypeName, string Text,
    string AcceptingUnit, string AcceptingUnitName, string VerifyingUnit, string VerifyingUnitName, string Channel,
    DateOnly CommittedOn, DateOnly? DecisionDate, DateOnly? VerificationDue, DateOnly? MaterialsDue, DateOnly? MaterialsReceivedOn,
    string State, string StateName, string? Outcome, string Fulfilment, DateOnly? VerifiedOn, long? RecordId, long? BreachRecordId)
{
    /// <summary>The credit repair application the commitment was given with (type credit-repair), if any.</summary>
    public long? RepairId { get; init; }
}

/// <summary>A page of the public list of commitments (<c>GET /api/v1/commitments</c>, 50 a page).</summary>
public sealed record CommitmentPage(long Total, int Page, IReadOnlyList<CommitmentView> Commitments);

/// <summary>A matter as published by <c>GET /api/v1/matters</c>.</summary>
public sealed record MatterView(string Code, string Name, string Category, IReadOnlyList<TypeView> Types, string Text, string? VerifyingUnit,
    string VerifyingUnitName, MaterialsView? Materials, string Basis);

/// <summary>A commitment type.</summary>
public sealed record TypeView(string Code, string Name, string Basis, bool SelfService);

/// <summary>容缺 materials and their period.</summary>
public sealed record MaterialsView(IReadOnlyList<string> Items, string Period, string PeriodText, string Basis);

/// <summary>The figures of a period: lines by matter and type, and the totals.</summary>
public sealed record CommitmentFigures(DateOnly From, DateOnly To, long Total, long Verified, long VerifiedOnTime, long Breached,
    double? OnTimeRate, double? BreachRate, IReadOnlyList<CommitmentCount> Lines);

/// <summary>How commitments, matters and figures are shown (API and pages).</summary>
public sealed class CommitmentViews(CaseStore cases, Xinyong.Cases.CaseKindSet kinds, UnitDirectory units, DeadlineCalculator deadlines, CommitmentStore store,
    Xinyong.Storage.Repairs.RepairStore repairs)
{
    /// <summary>A commitment as published: a natural person's name masked.</summary>
    public CommitmentView Of(CommitmentRow r)
    {
        var file = cases.Get(r.Id);
        var kind = kinds.Find(CommitmentDesk.Kind);
        var state = file?.State ?? kind?.Initial.Code ?? "";
        var person = r.SubjectRef.StartsWith('P') && r.SubjectRef.Length == 17;
        return new CommitmentView(r.Id, r.Number, r.SubjectRef, person ? Xinyong.Identifiers.Masking.MaskName(r.SubjectName) : r.SubjectName,
            r.Matter, r.MatterName, r.Type, r.TypeName, r.SignedText, r.AcceptingUnit, units.Name(r.AcceptingUnit), r.VerifyingUnit, units.Name(r.VerifyingUnit),
            r.Channel, r.CommittedOn, r.DecisionDate, r.VerificationDue, r.MaterialsDue, r.MaterialsReceivedOn, state,
            kind?.States.FirstOrDefault(s => s.Code == state)?.Name ?? state, r.Outcome, Fulfilment(r), r.VerifiedOn, r.RecordId, r.BreachRecordId)
        {
            RepairId = r.Type == CommitmentDesk.RepairType ? repairs.ByCommitment(r.Id) : null,
        };
    }

    /// <summary>履行情况 as the public record states it.</summary>
    public static string Fulfilment(CommitmentRow r) => r.Outcome?.Chinese ?? "履行中";

    /// <summary>The matters of a version, with their types and periods.</summary>
    public IReadOnlyList<MatterView> Matters(CommitmentRuleSet set) => set.Matters.Select(m => new MatterView(
        m.Code, m.Name, m.Category, m.Types.Select(t => set.Type(t)!).Select(t => new TypeView(t.Code, t.Name, t.Basis, t.SelfService)).ToList(),
        m.Text, m.Verifier, m.VerifierName,
        m.Materials is { } x ? new MaterialsView(x.Items, x.Step, PeriodText(x.Step), deadlines.Rules.For(set.Effective).Rule(x.Step).Basis) : null, m.Basis)).ToList();

    /// <summary>A period rule in words (二十个工作日, 三个月).</summary>
    public string PeriodText(string step)
    {
        var rule = deadlines.Rules.Versions[^1].Rule(step);
        return rule.CalendarMonths is { } months ? $"{months}个月" : $"{rule.WorkingDays}个工作日";
    }

    /// <summary>The figures of commitments made between two days.</summary>
    public CommitmentFigures Figures(DateOnly from, DateOnly to)
    {
        var lines = store.Figures(from, to);
        long total = lines.Sum(l => l.Total), verified = lines.Sum(l => l.Verified), onTime = lines.Sum(l => l.VerifiedOnTime), breached = lines.Sum(l => l.Breached);
        return new CommitmentFigures(from, to, total, verified, onTime, breached,
            verified == 0 ? null : Math.Round((double)onTime / verified, 4), verified == 0 ? null : Math.Round((double)breached / verified, 4), lines);
    }
}
