using Xinyong.Catalog;
using Xinyong.Measures;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Checks;

namespace Xinyong.Web.Features.Lists;

/// <summary>
/// Lists, measures and checks (Art. 25-34, 43-44): the services (registered with the core, so that the court's records
/// list their subjects whichever way they are imported), the web parts, the endpoints and the lists job.
/// </summary>
public static class ListsFeature
{
    /// <summary>Registers the measures rules (<c>measures/*.yaml</c> of the rules folder), list decisions, the court hook,
    /// exemptions and checks.</summary>
    public static IServiceCollection AddListsAndChecks(this IServiceCollection s, string rules, TimeProvider clock)
    {
        s.AddSingleton(sp => MeasuresSet.Load(rules, clock, sp.GetRequiredService<CatalogSet>()));
        s.AddSingleton<ListNotifications>();
        s.AddSingleton<ListDecisions>();
        s.AddSingleton<ListQueries>();
        s.AddSingleton<MeasureExemptions>();
        s.AddSingleton<IBatchLoadedHandler, CourtListing>();
        s.AddSingleton<CheckLog>();
        s.AddSingleton<CheckService>();
        return s;
    }

    /// <summary>Registers what only the web host needs: the views and the job that ends lapsed entries.</summary>
    public static IServiceCollection AddListsWeb(this IServiceCollection s)
    {
        s.AddSingleton<ListViews>();
        s.AddHostedService<ListJobs>();
        return s;
    }

    /// <summary>Loads (and so validates) the measures rules at start, and maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<MeasuresSet>();
        ListEndpoints.Map(app);
        CheckEndpoints.Map(app);
    }
}
