using Xinyong.Cases;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Repairs;
using Xinyong.Application.Objections;
using Xinyong.Application.Repairs;
using Xinyong.Application.Cases;

namespace Xinyong.Web.Features.Cases;

/// <summary>The services of the subject's rights: deadline rules and store, case history, objections, repairs, the outbox and the watch.</summary>
public static class CaseServices
{
    /// <summary>Registers them (after <see cref="PlatformServices.AddPlatformCore"/>).</summary>
    public static IServiceCollection AddCases(this IServiceCollection s)
    {
        s.AddSingleton(sp => DeadlineRules.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddSingleton<DeadlineCalculator>();
        s.AddSingleton<DeadlineStore>();
        s.AddSingleton<CaseLog>();
        s.AddSingleton(sp => Xinyong.Cases.CaseKindSet.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddSingleton<CaseStore>();
        s.AddSingleton<Xinyong.Application.Cases.CaseEngine>();
        s.AddSingleton<CaseAttachmentStore>();
        s.AddSingleton<CaseAttachments>();
        s.AddSingleton<CorrectionNoticeStore>();
        s.AddSingleton<UnitDirectory>();
        s.AddSingleton<CorrectionNotices>();
        s.AddSingleton<Xinyong.Storage.Collection.IRecordChangeListener, ProviderCorrections>();
        s.AddSingleton<ObjectionStore>();
        s.AddSingleton<RepairStore>();
        s.AddSingleton<ObjectionDesk>();
        s.AddSingleton<RepairDesk>();
        s.AddSingleton<CaseKindRules, ObjectionKindRules>();
        s.AddSingleton<CaseKindRules, RepairKindRules>();
        s.AddSingleton<DeadlineWatch>();
        s.AddSingleton<CaseViews>();
        s.AddSingleton<CaseReads>();
        s.AddSingleton<ObjectionViews>();
        s.AddSingleton<RepairViews>();
        s.AddSingleton<Pages.Cases.CaseKindPart, Objections.ObjectionCasePart>();
        s.AddSingleton<Pages.Cases.CaseKindPart, Repairs.RepairCasePart>();
        s.AddHostedService<DeadlineWatchService>();
        return s;
    }
}

/// <summary>Runs the deadline watch (and with it the notification outbox's delivery) at start and then every
/// <see cref="PlatformOptions.JobInterval"/>; supervised (<see cref="SupervisedJob"/>).</summary>
public sealed class DeadlineWatchService(DeadlineWatch watch, JobContext context) : SupervisedJob(context)
{
    /// <inheritdoc />
    public override string Name => "deadline-watch";

    /// <inheritdoc />
    public override void RunOnce()
    {
        var r = watch.RunOnce();
        if (r.OverdueReported > 0) Log.LogWarning("deadline watch: {Count} overdue step(s) reported to the credit authority", r.OverdueReported);
    }
}
