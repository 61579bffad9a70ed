using Xinyong.Measures;
using Xinyong.Application.Checks;
using Xinyong.Storage.Checks;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Lists;
using Xinyong.Web.Features.Checks;

namespace Xinyong.Web.Features.Lists;

/// <summary>
/// Lists, measures and checks (Art. 25-34, 43-44): the web parts (the services are
/// registered with the core by <see cref="Xinyong.Application.Lists.ListServices"/>), the endpoints and the lists job.
/// </summary>
public static class ListsFeature
{
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
