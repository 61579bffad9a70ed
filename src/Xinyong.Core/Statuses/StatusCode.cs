using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// A status or kind stored and sent as a short code (e.g. <c>active</c>): a small value type with a closed set of
/// values, whose <c>Parse</c> refuses an unknown code. The stores keep the code (a Dapper type handler in
/// <c>Storage/SqlTypeHandlers</c>), JSON carries the code (<see cref="StatusCodeJsonConverter{T}"/>).
/// </summary>
public interface IStatusCode<TSelf> where TSelf : struct, IStatusCode<TSelf>
{
    /// <summary>The stored code.</summary>
    string Code { get; }

    /// <summary>The value of a code; an unknown code is refused (<see cref="FormatException"/>).</summary>
    static abstract TSelf Parse(string code);
}

/// <summary>Writes a status as its code and reads it back through its <c>Parse</c>.</summary>
public sealed class StatusCodeJsonConverter<T> : JsonConverter<T> where T : struct, IStatusCode<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.Parse(reader.GetString() ?? throw new JsonException($"a {typeof(T).Name} is a string"));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}

/// <summary>Helpers of the status types.</summary>
internal static class StatusCodes
{
    /// <summary>The value of <paramref name="code"/> among <paramref name="all"/>, or a <see cref="FormatException"/> naming the allowed codes.</summary>
    public static T Find<T>(string code, IReadOnlyList<T> all) where T : struct, IStatusCode<T>
    {
        foreach (var v in all)
            if (string.Equals(v.Code, code, StringComparison.Ordinal)) return v;
        throw new FormatException($"'{code}' is not a {typeof(T).Name} ({string.Join(", ", all.Select(v => v.Code))})");
    }
}
