using Xinyong.Calendar;
using Xinyong.Catalog;

namespace Xinyong.Measures;

/// <summary>
/// Every published version of the incentive and punishment rules, and the one in force today on the injected clock.
/// Art. 30 (last paragraph): only the measures of the version in force are ever applied; a version whose effective date
/// has not come is not yet published law.
/// </summary>
public sealed class MeasuresSet
{
    private readonly TimeProvider _clock;
    private Today _today;

    /// <summary>Wraps loaded versions (oldest first).</summary>
    public MeasuresSet(IReadOnlyList<MeasuresVersion> versions, TimeProvider clock)
    {
        if (versions.Count == 0) throw new ArgumentException("at least one measures version is needed", nameof(versions));
        Versions = versions.OrderBy(v => v.Effective).ToList();
        _clock = clock;
        _today = new Today(DateOnly.MinValue, Versions[0]);
    }

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<MeasuresVersion> Versions { get; }

    /// <summary>
    /// The version in force today, or the first version when none is in force yet (its list rules restate the
    /// regulation; its measures are not applied before it takes effect, see <see cref="MeasureEvaluator"/>). Cached per
    /// day: the check path reads it on every call.
    /// </summary>
    public MeasuresVersion Current
    {
        get
        {
            var day = _clock.Today();
            var cached = _today;
            if (cached.Day == day) return cached.Version;
            var v = On(day) ?? Versions[0];
            _today = new Today(day, v);
            return v;
        }
    }

    /// <summary>The version in force on <paramref name="day"/>, or null before the first one took effect.</summary>
    public MeasuresVersion? On(DateOnly day) => Versions.LastOrDefault(v => v.Effective <= day);

    /// <summary>The versions published but not yet in force on <paramref name="day"/>.</summary>
    public IReadOnlyList<MeasuresVersion> Upcoming(DateOnly day) => Versions.Where(v => v.Effective > day).ToList();

    /// <summary>Loads <c>measures/*.yaml</c> from a rules folder, checked against the catalog.</summary>
    public static MeasuresSet Load(string rulesDirectory, TimeProvider clock, CatalogSet catalog) =>
        new(MeasuresFiles.LoadAll(Path.Combine(rulesDirectory, "measures"), catalog.Item), clock);

    private sealed record Today(DateOnly Day, MeasuresVersion Version);
}
