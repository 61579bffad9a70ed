using Xinyong.Application.Platform;
using Xinyong.Catalog;
using Xinyong.Evaluation;
using Xinyong.Storage.Evaluation;

namespace Xinyong.Application.Evaluation;

/// <summary>The comprehensive credit evaluation's services (Art. 47-48), for the web host and the command line alike.</summary>
public static class EvaluationServices
{
    /// <summary>Registers the models (<c>evaluation/*.yaml</c> of the rules folder) and the grade store.</summary>
    public static IServiceCollection AddEvaluationCore(this IServiceCollection s)
    {
        s.AddSingleton(sp => new EvaluationModelSet(
            EvaluationModels.LoadAll(Path.Combine(sp.GetRequiredService<RulesFolder>().Path, "evaluation"), code => sp.GetRequiredService<CatalogSet>().Item(code) is not null),
            sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<GradeStore>();
        return s;
    }
}
