namespace Xinyong.Identifiers;

/// <summary>What kind of personal information a span of free text holds.</summary>
public enum PersonalKind
{
    /// <summary>A resident identity number, 18 or 15 digits.</summary>
    ResidentId,
    /// <summary>A mobile or landline telephone number.</summary>
    Phone,
    /// <summary>A person's name the record carries (the subject's own name, a legal representative …).</summary>
    Name,
}

/// <summary>A span of free text holding personal information.</summary>
/// <param name="Start">The index of its first character.</param>
/// <param name="Length">Its length in characters.</param>
/// <param name="Kind">What it holds.</param>
public readonly record struct PersonalSpan(int Start, int Length, PersonalKind Kind);

/// <summary>
/// Personal information inside free text (违法事实, 备注, a decision number …; Art. 20, 23): resident identity numbers,
/// telephone numbers and the names of the persons the record is about. The one screening rule: collection uses it to
/// warn the provider, and <see cref="Xinyong.Publication.RecordMasking"/> uses it to mask every output outside the subject's
/// own view.
/// <list type="bullet">
/// <item>Resident identity numbers: a run of 18 digits (the last may be X) whose first two digits are a province-level
/// code and positions 7-14 a real date of birth — a wrong check character does not make it any less a person's number —
/// and the 15-digit numbers of the first generation (province code, then a real yyMMdd date).</item>
/// <item>Mobile numbers: 11 digits from 13 to 19 (also 3-4-4 with hyphens or spaces, and after +86); landline numbers:
/// an area code 0XX or 0XXX with 7 or 8 digits, joined or written 0451-86661234, (0451)86661234; any number of 7 to 12
/// digits right after 电话, 手机, 联系方式, 座机, 传真 or Tel.</item>
/// <item>Names: every occurrence of the names given (two characters or more).</item>
/// </list>
/// Digits may be ASCII or full-width; a number inside a longer run of digits is not taken apart.
/// </summary>
public static class PersonalText
{
    private static readonly string[] PhoneWords = ["电话", "手机", "联系方式", "座机", "传真", "Tel", "TEL", "tel"];

    /// <summary>Whether <paramref name="text"/> holds any personal information.</summary>
    public static bool Contains(string? text, IReadOnlyList<string>? names = null)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var found = false;
        Scan(text, names, _ => found = true, stopAtFirst: true);
        return found;
    }

    /// <summary>The spans of personal information in <paramref name="text"/>, in order, not overlapping.</summary>
    public static IReadOnlyList<PersonalSpan> Find(string? text, IReadOnlyList<string>? names = null)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var spans = new List<PersonalSpan>();
        Scan(text, names, spans.Add, stopAtFirst: false);
        return Normalize(spans);
    }

    /// <summary>
    /// The text with every span masked: identity numbers keep their first 6 and last 4 characters (230102********123X),
    /// mobile numbers their first 3 and last 4 digits, landline numbers their last 4, names their surname (张*).
    /// Returns <paramref name="text"/> itself when nothing is found.
    /// </summary>
    public static string Mask(string text, IReadOnlyList<string>? names = null)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var spans = Find(text, names);
        if (spans.Count == 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var s in spans)
        {
            sb.Append(text, at, s.Start - at);
            var part = text.AsSpan(s.Start, s.Length);
            switch (s.Kind)
            {
                case PersonalKind.ResidentId: sb.Append(part[..6]).Append('*', part.Length - 10).Append(part[^4..]); break;
                case PersonalKind.Phone: MaskDigits(sb, part); break;
                default: sb.Append(Masking.MaskName(part.ToString())); break;
            }
            at = s.Start + s.Length;
        }
        sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    /// <summary>Whether a whole value is shaped like a resident identity number (18 or 15 digits, see the class).</summary>
    public static bool IsResidentIdShape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        var v = value.Trim();
        var run = DigitRun(v, 0);
        if (run == 17 && v.Length == 18 && v[17] is 'X' or 'x' or 'Ｘ' or 'ｘ') run = 18;
        return run == v.Length && IdAt(v, 0, run);
    }

    private static void MaskDigits(System.Text.StringBuilder sb, ReadOnlySpan<char> part)
    {
        var digits = 0;
        foreach (var c in part) if (Digit(c) >= 0) digits++;
        // A mobile number (11 digits, 1 first) keeps 3 + 4 digits; any other keeps the last 4.
        var mobile = digits == 11 && Digit(FirstDigit(part)) == 1;
        var seen = 0;
        foreach (var c in part)
        {
            if (Digit(c) < 0) { sb.Append(c); continue; }
            var keep = seen >= digits - 4 || (mobile && seen < 3);
            sb.Append(keep ? c : '*');
            seen++;
        }
    }

    private static char FirstDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (Digit(c) >= 0) return c;
        return ' ';
    }

    private static IReadOnlyList<PersonalSpan> Normalize(List<PersonalSpan> spans)
    {
        if (spans.Count < 2) return spans;
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var result = new List<PersonalSpan>(spans.Count);
        var end = -1;
        foreach (var s in spans)
        {
            if (s.Start < end) continue;
            result.Add(s);
            end = s.Start + s.Length;
        }
        return result;
    }

    private static void Scan(string text, IReadOnlyList<string>? names, Action<PersonalSpan> found, bool stopAtFirst)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (Digit(text[i]) < 0) { i++; continue; }
            var run = DigitRun(text, i);
            var span = Number(text, i, run);
            if (span is { } s)
            {
                found(s);
                if (stopAtFirst) return;
                i = s.Start + s.Length;
            }
            else i += run;
        }
        if (names is null) return;
        foreach (var name in names)
        {
            var n = name?.Trim();
            if (string.IsNullOrEmpty(n) || n.Length < 2) continue;
            var at = 0;
            while ((at = text.IndexOf(n, at, StringComparison.Ordinal)) >= 0)
            {
                found(new PersonalSpan(at, n.Length, PersonalKind.Name));
                if (stopAtFirst) return;
                at += n.Length;
            }
        }
    }

    /// <summary>The personal number starting at <paramref name="i"/> (a run of <paramref name="run"/> digits), if any.</summary>
    private static PersonalSpan? Number(string text, int i, int run)
    {
        // Resident identity numbers.
        var idLength = run == 17 && i + 17 < text.Length && text[i + 17] is 'X' or 'x' or 'Ｘ' or 'ｘ' && !IsWordChar(text, i + 18) ? 18 : run;
        if ((idLength == 18 || idLength == 15) && IdAt(text, i, idLength)) return new PersonalSpan(i, idLength, PersonalKind.ResidentId);

        // Mobile numbers: joined, after 86, or 3-4-4.
        if (run == 11 && IsMobileStart(text, i)) return new PersonalSpan(i, 11, PersonalKind.Phone);
        if (run == 13 && Digit(text[i]) == 8 && Digit(text[i + 1]) == 6 && IsMobileStart(text, i + 2)) return new PersonalSpan(i + 2, 11, PersonalKind.Phone);
        if (run == 3 && IsMobileStart(text, i) && Group(text, i + 3, 4, 4) is { } g1 && Group(text, g1, 4, 4) is { } g2)
            return new PersonalSpan(i, g2 - i, PersonalKind.Phone);

        // Landline numbers: 0 + area code joined with the number, or separated.
        if (Digit(text[i]) == 0 && run is >= 10 and <= 12 && Digit(text[i + 1]) != 0) return new PersonalSpan(i, run, PersonalKind.Phone);
        if (Digit(text[i]) == 0 && run is 3 or 4 && Digit(text[i + 1]) != 0 && Group(text, i + run, 7, 8) is { } end)
            return new PersonalSpan(i, end - i, PersonalKind.Phone);

        // Any number right after a word that announces a telephone number.
        if (run is >= 7 and <= 12 && AfterPhoneWord(text, i)) return new PersonalSpan(i, run, PersonalKind.Phone);
        return null;
    }

    /// <summary>After one separator at <paramref name="at"/>, a run of <paramref name="min"/>-<paramref name="max"/> digits; returns where it ends.</summary>
    private static int? Group(string text, int at, int min, int max)
    {
        if (at >= text.Length || text[at] is not ('-' or ' ' or '－' or '—' or ')' or '）')) return null;
        var run = DigitRun(text, at + 1);
        return run >= min && run <= max ? at + 1 + run : null;
    }

    private static bool AfterPhoneWord(string text, int i)
    {
        var from = Math.Max(0, i - 10);
        var before = text.AsSpan(from, i - from);
        foreach (var w in PhoneWords)
            if (before.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool IsMobileStart(string text, int i) => Digit(text[i]) == 1 && Digit(text[i + 1]) >= 3;

    private static bool IdAt(string text, int i, int length)
    {
        Span<char> d = stackalloc char[8];
        d[0] = (char)('0' + Digit(text[i]));
        d[1] = (char)('0' + Digit(text[i + 1]));
        if (!Divisions.IsProvinceCode(d[..2])) return false;
        int year, month, day;
        if (length == 18)
        {
            year = ReadInt(text, i + 6, 4);
            month = ReadInt(text, i + 10, 2);
            day = ReadInt(text, i + 12, 2);
            if (year is < 1890 or > 2099) return false;
        }
        else
        {
            year = 1900 + ReadInt(text, i + 6, 2);
            month = ReadInt(text, i + 8, 2);
            day = ReadInt(text, i + 10, 2);
        }
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int ReadInt(string text, int i, int length)
    {
        var n = 0;
        for (var k = 0; k < length; k++) n = n * 10 + Digit(text[i + k]);
        return n;
    }

    private static int DigitRun(string text, int i)
    {
        var k = i;
        while (k < text.Length && Digit(text[k]) >= 0) k++;
        return k - i;
    }

    private static bool IsWordChar(string text, int i) => i < text.Length && (Digit(text[i]) >= 0 || char.IsAsciiLetter(text[i]));

    /// <summary>The value of an ASCII or full-width digit, or -1.</summary>
    private static int Digit(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= '０' and <= '９' ? c - '０' : -1;
}
