using Xinyong.Deadlines;
using Xinyong.Storage.Cases;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Objections;
using Xinyong.Storage.Repairs;
using Xinyong.Web.Platform;

namespace Xinyong.Web.Features.Deadlines;

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
        s.AddSingleton<CaseAttachments>();
        s.AddSingleton<UnitDirectory>();
        s.AddSingleton<CorrectionNotices>();
        s.AddSingleton<Xinyong.Storage.Collection.IRecordChangeListener, ProviderCorrections>();
        s.AddSingleton<ObjectionDesk>();
        s.AddSingleton<RepairDesk>();
        s.AddSingleton<DeadlineWatch>();
        s.AddSingleton<CaseViews>();
        s.AddSingleton<CaseReads>();
        s.AddSingleton<Objections.ObjectionViews>();
        s.AddSingleton<Repairs.RepairViews>();
        s.AddHostedService<DeadlineWatchService>();
        return s;
    }
}

/// <summary>Runs the deadline watch at start and then every <see cref="PlatformOptions.JobInterval"/>.</summary>
public sealed class DeadlineWatchService(DeadlineWatch watch, PlatformOptions options, ILogger<DeadlineWatchService> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.JobInterval);
        do
        {
            try
            {
                var r = await Task.Run(watch.RunOnce, stoppingToken);
                if (r.OverdueReported > 0) log.LogWarning("deadline watch: {Count} overdue step(s) reported to the credit authority", r.OverdueReported);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "deadline watch failed; it runs again in {Interval}", options.JobInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
