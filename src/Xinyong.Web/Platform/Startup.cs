using Xinyong.Storage;

namespace Xinyong.Web.Platform;

/// <summary>What runs before the server accepts requests: migrations, recovery of abandoned batches, then the sample data into an empty store.</summary>
public static class Startup
{
    /// <summary>Migrates the store and loads the sample data when asked and the store is empty.</summary>
    public static void Prepare(IServiceProvider sp, PlatformOptions o)
    {
        var db = sp.GetRequiredService<Database>();
        Migrator.Migrate(db);
        sp.GetRequiredService<Xinyong.Application.Cases.CaseEngine>().Validate();   // every case kind's steps have deadline rules
        // Batches left in progress by a process that died are marked abandoned, so that they can be sent again.
        Xinyong.Storage.Collection.BatchRecovery.Sweep(db, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Xinyong.Storage.Collection.CollectionPipeline>().BatchLease);
        if (o.Sample) SampleData.LoadIfEmpty(sp);
        if (o.Sample) Features.Portal.PortalFeature.LoadSampleContent(sp);
    }
}
