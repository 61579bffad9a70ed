using Xinyong.Publication;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Publication;

/// <summary>
/// The query feature's services: the views of subjects per audience, public search and its name index, the
/// disclosure-period archive and its background job, authorizations, public listings and open data, and the per-client
/// rate limit of public search.
/// </summary>
public static class QueryFeature
{
    /// <summary>Registers the services.</summary>
    public static IServiceCollection AddQueryFeature(this IServiceCollection s, PlatformOptions o)
    {
        s.AddSingleton<SubjectViews>();
        s.AddSingleton<SubjectPages>();
        s.AddSingleton<SubjectSearch>();
        s.AddSingleton<IBatchLoadedHandler>(sp => sp.GetRequiredService<SubjectSearch>());
        s.AddSingleton<DisclosureArchive>();
        s.AddSingleton<Xinyong.Application.Disclosure.DisclosurePeriods>();
        s.AddSingleton<Authorizations>();
        s.AddSingleton<PublicRecords>();
        s.AddSingleton(sp => AuthorizationRules.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddHostedService<QueryJobs>();
        s.AddPublicRateLimit(o.SearchRatePerMinute);
        return s;
    }
}
