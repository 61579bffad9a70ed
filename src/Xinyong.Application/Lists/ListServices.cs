using Xinyong.Catalog;
using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;

namespace Xinyong.Application.Lists;

/// <summary>
/// The services of lists, measures and checks (Art. 25-34, 43-44), registered with the core so that the court's records
/// list their subjects whichever way they are imported (the portal, the API or the command line).
/// </summary>
public static class ListServices
{
    /// <summary>Registers the measures rules (<c>measures/*.yaml</c> of the rules folder), list decisions, the court hook,
    /// exemptions and checks.</summary>
    public static IServiceCollection AddListsAndChecks(this IServiceCollection s, string rules, TimeProvider clock)
    {
        s.AddSingleton(sp => MeasuresSet.Load(rules, clock, sp.GetRequiredService<CatalogSet>()));
        s.AddSingleton<ListNotifications>();
        s.AddSingleton<Listing>();
        s.AddSingleton<ListDecisions>();
        s.AddSingleton<ListQueries>();
        s.AddSingleton<MeasureExemptions>();
        s.AddSingleton<IBatchLoadedHandler, CourtListing>();
        s.AddSingleton<CheckLog>();
        s.AddSingleton<CheckService>();
        return s;
    }
}
