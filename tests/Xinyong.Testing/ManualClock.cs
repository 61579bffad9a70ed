namespace Xinyong.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Starts at a Beijing-time moment written as text, e.g. "2026-09-30T10:00:00+08:00".</summary>
    public ManualClock(string start) : this(DateTimeOffset.Parse(start, global::System.Globalization.CultureInfo.InvariantCulture)) { }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
