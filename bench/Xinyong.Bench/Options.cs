using System.Globalization;

namespace Xinyong.Bench;

/// <summary>Reads the <c>--name N</c> options of a benchmark subcommand.</summary>
internal static class Options
{
    /// <summary>
    /// The value of every option in <paramref name="defaults"/>: the positive integer given after its name, or its
    /// default.
    /// </summary>
    /// <exception cref="ArgumentException">An option is unknown or lacks a positive integer value.</exception>
    public static IReadOnlyDictionary<string, int> Parse(string[] args, IReadOnlyDictionary<string, int> defaults)
    {
        var values = new Dictionary<string, int>(defaults);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!defaults.ContainsKey(args[i]))
                throw new ArgumentException($"unknown option {args[i]}; known: {string.Join(", ", defaults.Keys)}");
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                throw new ArgumentException($"{args[i]} needs a positive integer");
            values[args[i]] = value;
        }
        return values;
    }
}
