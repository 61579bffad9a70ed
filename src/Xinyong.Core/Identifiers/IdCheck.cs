namespace Xinyong.Identifiers;

/// <summary>The outcome of checking one identifier (the <c>xinyong id check</c> contract).</summary>
public sealed record IdCheckResult(string Input, bool Valid, IdKind? Kind, string? Normalized, IdError? Error);

/// <summary>Checks an identifier of a given kind, or detects the kind.</summary>
public static class IdCheck
{
    /// <summary>
    /// Checks <paramref name="input"/>. With no <paramref name="kind"/> the kind is detected: a value valid as both is a
    /// USCC; an invalid value is reported against the kind it most resembles (digits with an optional final X: resident
    /// number; otherwise USCC), or no kind when its length fits neither.
    /// </summary>
    public static IdCheckResult Check(string input, IdKind? kind, DateOnly today)
    {
        if (kind is IdKind.Uscc or null)
        {
            if (Uscc.TryParse(input, out var u, out var ue)) return new(input, true, IdKind.Uscc, u.Value, null);
            if (kind == IdKind.Uscc) return new(input, false, IdKind.Uscc, null, ue);
        }
        if (ResidentId.TryParse(input, today, out var r, out var re)) return new(input, true, IdKind.ResidentId, r.Value, null);
        if (kind == IdKind.ResidentId) return new(input, false, IdKind.ResidentId, null, re);

        var s = Uscc.Normalize(input);
        if (s.Length != 18) return new(input, false, null, null, IdError.Length);
        var looksResident = s.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && (char.IsAsciiDigit(s[17]) || s[17] == 'X');
        if (looksResident) return new(input, false, IdKind.ResidentId, null, re);
        Uscc.TryParse(input, out _, out var e);
        return new(input, false, IdKind.Uscc, null, e);
    }
}
