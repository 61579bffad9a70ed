namespace Xinyong.Application.Platform;

/// <summary>A clock that starts at a set moment and runs on in real time (<c>xinyong serve --now …</c>): for
/// demonstrations, training and checks of deadline rules.</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
