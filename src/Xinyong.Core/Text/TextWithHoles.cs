using System.Globalization;
using System.Text;

namespace Xinyong.Text;

/// <summary>
/// A text as a template shared by many messages plus the values that make it one message: the template holds numbered
/// holes <c>{0}</c>, <c>{1}</c> … (a hole may occur more than once; literal braces are doubled, <c>{{</c> and <c>}}</c>),
/// and <see cref="Fill()"/> puts the values in. Built by rendering the text through a <see cref="TextHoles"/>.
/// </summary>
public sealed class TextWithHoles(string template, IReadOnlyList<string> values)
{
    /// <summary>The template, with its holes.</summary>
    public string Template { get; } = template;

    /// <summary>The values, by hole number.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <summary>The text: the template with every hole filled.</summary>
    public string Fill() => Fill(Template, Values);

    /// <summary>
    /// The same text with <see cref="Punctuation.Tidy"/> applied, still as a template and values, or null when that cannot
    /// be done part by part. Tidying the template and each value on its own gives the tidied whole when no run of marks
    /// crosses a hole's edge: every value is non-empty and neither starts nor ends with one of the marks tidying collapses
    /// (then the characters on each side of a value's edge are never both marks, in the template as in the whole text,
    /// and a hole's braces and digits are no marks either). A text with a value that fails this is sent whole.
    /// </summary>
    /// <param name="tidyTemplate">Tidies the template (default <see cref="Punctuation.Tidy"/>): a caller rendering many
    /// messages of one shape may keep the tidied templates and hand every message the same instance.</param>
    public TextWithHoles? Tidied(Func<string, string>? tidyTemplate = null)
    {
        var values = new string[Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var v = Values[i];
            if (v.Length == 0 || Punctuation.IsCollapsed(v[0]) || Punctuation.IsCollapsed(v[^1])) return null;
            values[i] = Punctuation.Tidy(v);
        }
        return new TextWithHoles(tidyTemplate is null ? Punctuation.Tidy(Template) : tidyTemplate(Template), values);
    }

    /// <summary>Fills the holes of <paramref name="template"/> with <paramref name="values"/>.</summary>
    /// <exception cref="FormatException">The template is malformed, names a hole without a value or leaves a value out
    /// (the values are not this template's: a text is never shown filled wrong).</exception>
    public static string Fill(string template, IReadOnlyList<string> values)
    {
        var s = new StringBuilder(template.Length + 16 * values.Count);
        var used = values.Count == 0 ? [] : new bool[values.Count];
        var left = values.Count;
        var i = 0;
        while (i < template.Length)
        {
            var next = template.AsSpan(i).IndexOfAny('{', '}');
            if (next < 0) { s.Append(template, i, template.Length - i); break; }
            s.Append(template, i, next);
            i += next;
            if (i + 1 < template.Length && template[i + 1] == template[i]) { s.Append(template[i]); i += 2; continue; }
            if (template[i] == '}') throw new FormatException($"an unmatched '}}' at {i} of a template");
            var end = template.IndexOf('}', i + 1);
            if (end < 0 || !int.TryParse(template.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hole) || hole >= values.Count)
                throw new FormatException($"a hole at {i} of a template names no value (it has {values.Count})");
            s.Append(values[hole]);
            if (!used[hole]) (used[hole], left) = (true, left - 1);
            i = end + 1;
        }
        if (left > 0) throw new FormatException($"a template of {values.Count - left} holes was given {values.Count} values");
        return s.ToString();
    }

    /// <summary>Literal text as a template holds it (braces doubled).</summary>
    public static string Escape(string literal) =>
        literal.AsSpan().IndexOfAny('{', '}') < 0 ? literal : literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}

/// <summary>
/// Where a text is rendered, what becomes of its parts: <see cref="None"/> renders the plain text (every part as it is);
/// <see cref="Start"/> renders a template (variable parts become numbered holes, text from data is escaped) and keeps the
/// values, which <see cref="Finish"/> pairs with it. One rendering code serves both, so the filled template is the text.
/// </summary>
public sealed class TextHoles
{
    /// <summary>Renders the plain text. Keeps nothing: one instance serves every thread.</summary>
    public static readonly TextHoles None = new(null);

    private readonly List<string>? _values;
    private Dictionary<string, int>? _slots;

    private TextHoles(List<string>? values) => _values = values;

    /// <summary>A new template (one per text rendered; not for sharing between threads).</summary>
    public static TextHoles Start() => new([]);

    /// <summary>Text that is the same for every message of its kind but comes from data (a name, a rule): braces escaped in a template.</summary>
    public string Text(string literal) => _values is null ? literal : TextWithHoles.Escape(literal);

    /// <summary>A value that differs from message to message: a hole in a template. With <paramref name="slot"/>, every
    /// value given under that name takes the first one's hole (the same date said twice is one value).</summary>
    public string Value(string value, string? slot = null)
    {
        if (_values is null) return value;
        if (slot is not null && _slots?.TryGetValue(slot, out var known) == true) return Hole(known);
        _values.Add(value);
        if (slot is not null) (_slots ??= new(StringComparer.Ordinal))[slot] = _values.Count - 1;
        return Hole(_values.Count - 1);
    }

    /// <summary>The rendered template with its values.</summary>
    public TextWithHoles Finish(string template) =>
        new(template, _values?.ToArray() ?? throw new InvalidOperationException("TextHoles.None renders no template"));

    private static string Hole(int n) => n switch
    {
        0 => "{0}", 1 => "{1}", 2 => "{2}", 3 => "{3}", 4 => "{4}", 5 => "{5}",
        _ => "{" + n.ToString(CultureInfo.InvariantCulture) + "}",
    };
}
