using Xinyong.Storage.Collection;

namespace Xinyong.Application.Disclosure;

/// <summary>
/// The national Credit Repair Measures (in force 2026-04-01) beyond the tiers assigned at collection: the 两书同达 notice
/// to the subject of each collected negative record (registered with the core, so every import path sends it).
/// </summary>
public static class DisclosureServices
{
    /// <summary>Registers the services that must run whichever way records are imported.</summary>
    public static IServiceCollection AddDisclosure(this IServiceCollection s)
    {
        s.AddSingleton<IRecordLoadHook, DecisionNotices>();
        return s;
    }
}
