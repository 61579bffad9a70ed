namespace Xinyong;

/// <summary>Why the platform refuses an action: the four answers a person or a program can act on.</summary>
public enum RefusalKind
{
    /// <summary>The request itself is wrong: a field missing, unreadable or out of its range.</summary>
    Invalid,
    /// <summary>The request is well formed but a rule does not allow it now (too early, ineligible, over a limit).</summary>
    RuleNotMet,
    /// <summary>The actor may not take this action on this resource.</summary>
    Forbidden,
    /// <summary>The resource does not exist (or is not visible to the actor).</summary>
    NotFound,
    /// <summary>The action does not fit the resource's current state (already decided, changed by someone else).</summary>
    Conflict,
}

/// <summary>
/// The one refusal of the domain and the application layer: a kind, a stable code for programs and a Chinese message
/// for people. The web host maps it in one place to problem+json (API) or the Chinese error page (portal); nothing
/// below the web host knows HTTP.
/// </summary>
/// <param name="kind">What kind of refusal.</param>
/// <param name="code">A stable, dotted code for programs, e.g. <c>case.action-not-allowed</c>.</param>
/// <param name="message">The Chinese sentence shown to people.</param>
/// <param name="details">Optional named values a program may read (e.g. <c>earliestDate</c>).</param>
public sealed class Refusal(RefusalKind kind, string code, string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    /// <summary>What kind of refusal.</summary>
    public RefusalKind Kind { get; } = kind;

    /// <summary>The stable code.</summary>
    public string Code { get; } = code;

    /// <summary>Named values for programs (shown as extra members of the problem body).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    /// <summary>The request is wrong.</summary>
    public static Refusal Invalid(string code, string message, IReadOnlyDictionary<string, object?>? details = null) => new(RefusalKind.Invalid, code, message, details);

    /// <summary>The request is wrong field by field (the errors become the problem body's <c>errors</c> member).</summary>
    public static Refusal Invalid(string code, string message, IReadOnlyList<Collection.FieldError> errors) =>
        new(RefusalKind.Invalid, code, message, new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>The per-field errors, when the refusal names fields (else empty).</summary>
    public IReadOnlyList<Collection.FieldError> Errors =>
        Details.TryGetValue("errors", out var e) && e is IReadOnlyList<Collection.FieldError> list ? list : [];

    /// <summary>A rule does not allow it now.</summary>
    public static Refusal RuleNotMet(string code, string message, IReadOnlyDictionary<string, object?>? details = null) => new(RefusalKind.RuleNotMet, code, message, details);

    /// <summary>The actor may not.</summary>
    public static Refusal Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);

    /// <summary>Nothing there.</summary>
    public static Refusal NotFound(string code, string message) => new(RefusalKind.NotFound, code, message);

    /// <summary>Not in this state.</summary>
    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);
}
