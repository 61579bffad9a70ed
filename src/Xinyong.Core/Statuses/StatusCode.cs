using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xinyong;

/// <summary>
/// A status or kind stored and sent as a short code (e.g. <c>active</c>): a small value type with a closed set of values,
/// each with its Chinese name. A status type declares only its values (code and name) and <see cref="All"/>; what every
/// status does is here once: <see cref="Statuses.Parse{T}"/> refuses an unknown code, <see cref="Statuses.Of{T}"/> reads
/// input, JSON carries the code (<see cref="StatusCodeJsonConverter"/>, one factory for every status type) and the
/// stores keep the code (one generic Dapper type handler in <c>Storage/SqlTypeHandlers</c>, registered for every
/// status type of Core).
/// </summary>
public interface IStatusCode<TSelf> where TSelf : struct, IStatusCode<TSelf>
{
    /// <summary>The stored code.</summary>
    string Code { get; }

    /// <summary>Its Chinese name, for people.</summary>
    string Chinese { get; }

    /// <summary>Every value, in the order people read them.</summary>
    static abstract IReadOnlyList<TSelf> All { get; }
}

/// <summary>What every status type does, written once.</summary>
public static class Statuses
{
    /// <summary>The value of <paramref name="code"/>; an unknown code is refused (<see cref="FormatException"/> naming the allowed codes).</summary>
    public static T Parse<T>(string code) where T : struct, IStatusCode<T>
    {
        foreach (var v in T.All)
            if (string.Equals(v.Code, code, StringComparison.Ordinal)) return v;
        throw new FormatException($"'{code}' is not a {typeof(T).Name} ({string.Join(", ", T.All.Select(v => v.Code))})");
    }

    /// <summary>The value of a code, or null when it is none (input from a person or a program; blanks around it ignored).</summary>
    public static T? Of<T>(string? code) where T : struct, IStatusCode<T>
    {
        var trimmed = code?.Trim();
        foreach (var v in T.All)
            if (string.Equals(v.Code, trimmed, StringComparison.Ordinal)) return v;
        return null;
    }

    /// <summary>The Chinese name of a stored code (the code itself when the type does not know it).</summary>
    public static string Chinese<T>(string code) where T : struct, IStatusCode<T> => Of<T>(code)?.Chinese ?? code;

    /// <summary>Whether <paramref name="type"/> is a status type (implements <see cref="IStatusCode{TSelf}"/> of itself).</summary>
    public static bool IsStatusType(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStatusCode<>) && i.GenericTypeArguments[0] == type);

    /// <summary>Every status type of an assembly (by default Core's).</summary>
    public static IReadOnlyList<Type> TypesOf(Assembly? assembly = null) =>
        (assembly ?? typeof(Statuses).Assembly).GetTypes().Where(IsStatusType).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
}

/// <summary>The one JSON converter of the status types: writes a status as its code and reads it back through
/// <see cref="Statuses.Parse{T}"/>.</summary>
public sealed class StatusCodeJsonConverter : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => Statuses.IsStatusType(typeToConvert);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, IStatusCode<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Statuses.Parse<T>(reader.GetString() ?? throw new JsonException($"a {typeof(T).Name} is a string"));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
