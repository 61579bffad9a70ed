namespace Xinyong.Collection;

/// <summary>
/// Why one field of one row was refused: the field as the provider named it, a stable code that programs read, and a
/// message in Chinese that a provider unit can act on.
/// </summary>
/// <param name="Field">The field: the header or key the input used, else the catalog label.</param>
/// <param name="Code">A stable code, e.g. <c>required</c>, <c>checksum</c>, <c>invalid-date</c>, <c>simple-procedure</c>.</param>
/// <param name="Message">Chinese only, naming the field and the reason.</param>
public sealed record FieldError(string Field, string Code, string Message)
{
    /// <summary>A field error: the field, its stable code and the Chinese message.</summary>
    public static FieldError Of(string field, string code, string message) => new(field, code, message);
}
