using System.Globalization;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Disclosure;
using Xinyong.Identifiers;
using Xinyong.Subjects;

namespace Xinyong.Collection;

/// <summary>A row that passed the filter stage, classified and ready to load.</summary>
/// <param name="Subject">The identifier the record is matched by (Art. 19).</param>
/// <param name="Kind">The subject's kind.</param>
/// <param name="SubjectName">The subject's name as the record gives it.</param>
/// <param name="Region">The six-digit division code of the subject, when known.</param>
/// <param name="DocKey">What identifies the record within its item and subject (normalized decision number).</param>
/// <param name="DecisionDate">The decision date, when the item has one.</param>
/// <param name="Serious">For negative items: graded serious (longer disclosure).</param>
/// <param name="PublicUntil">The last day of publication; null = indefinitely.</param>
/// <param name="RepairFrom">The first day a repair may be applied for; null = not repairable or not negative.</param>
/// <param name="Values">The normalized values, aligned with the item's fields (null = empty).</param>
public sealed record ValidRecord(
    SubjectIdentity Subject,
    SubjectKind Kind,
    string SubjectName,
    string? Region,
    string DocKey,
    DateOnly? DecisionDate,
    bool Serious,
    DateOnly? PublicUntil,
    DateOnly? RepairFrom,
    string?[] Values)
{
    /// <summary>For negative items: the tier (minor, general, serious) under the national Credit Repair Measures.</summary>
    public string? Severity { get; init; }
    /// <summary>The published rule that assigned the tier (<c>version:item/rule</c>, or <c>catalog:item/…</c>).</summary>
    public string? TierRule { get; init; }
    /// <summary>False when the record is not published to the public (minor information without a sector rule).</summary>
    public bool Published { get; init; } = true;
}

/// <summary>
/// The filter and classify stages of the quality pipeline (《黑龙江省“十四五”社会信用体系建设规划》三（二）) for one row of one catalog item: every field
/// checked against its schema, identifiers checked, rows that are not public credit information refused (e.g. 简易程序
/// penalties, Art. 18), dates and amounts validated, severity and disclosure period computed. Pure: no I/O.
/// </summary>
public sealed class RecordValidator
{
    private static readonly string[] ResidentIdTypeNames = ["身份证", "居民身份证", "公民身份号码", "身份证号", "身份证号码", "resident-id", "中华人民共和国居民身份证"];

    private readonly CatalogItem item;
    private readonly int[] _roleIndex;
    private readonly int[] _keyIndex;
    private readonly int[] _exclusionIndex;
    private readonly int _severityIndex;

    /// <summary>Prepares the validation of <paramref name="item"/>'s rows (field positions are looked up once).</summary>
    public RecordValidator(CatalogItem item)
    {
        this.item = item;
        _roleIndex = new int[Enum.GetValues<FieldRole>().Length];
        Array.Fill(_roleIndex, -1);
        for (var i = item.Fields.Count - 1; i >= 0; i--) _roleIndex[(int)item.Fields[i].Role] = i;
        _keyIndex = item.KeyFields.Select(IndexOfField).ToArray();
        _exclusionIndex = item.Exclusions.Select(x => IndexOfField(x.Field)).ToArray();
        _severityIndex = item.Severity?.Field is { } sf ? IndexOfField(sf) : -1;
    }

    /// <summary>The item validated against.</summary>
    public CatalogItem Item => item;

    /// <summary>Validates one aligned row. Returns the record, or null with every error found (not just the first).</summary>
    /// <param name="raw">The values, aligned with the item's fields.</param>
    /// <param name="names">The names the input used for the fields (for errors).</param>
    /// <param name="today">Today's date (no decision date may lie after it).</param>
    /// <param name="errors">Receives every error.</param>
    /// <param name="knownSubject">For a correction of a stored record: its subject, which a correction cannot change;
    /// the identity fields are then not parsed again (they are stored masked).</param>
    public ValidRecord? Validate(string?[] raw, string[] names, DateOnly today, List<FieldError> errors,
        (SubjectIdentity Identity, SubjectKind Kind, string? Region)? knownSubject = null)
    {
        var fields = item.Fields;
        var values = new string?[fields.Count];
        var start = errors.Count;
        int idTypeIndex = -1, idNumberIndex = -1;
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var v = raw[i] is { } r ? FieldValues.Clean(r) : null;
            if (string.IsNullOrEmpty(v))
            {
                if (f.Required) errors.Add(FieldError.Of(names[i], "required", $"{f.Label}为必填项"));
                continue;
            }
            if (f.Role == FieldRole.SubjectIdType) idTypeIndex = i;
            if (f.Type == FieldType.IdNumber) { idNumberIndex = i; values[i] = v; continue; } // checked with its type below
            values[i] = Normalize(f, v, names[i], today, errors);
        }

        // Exclusions: records that are not public credit information.
        for (var xi = 0; xi < _exclusionIndex.Length; xi++)
        {
            var x = item.Exclusions[xi];
            var fi = _exclusionIndex[xi];
            var v = fi >= 0 ? values[fi] : null;
            if (v is null) continue;
            if (x.EqualsAny.Contains(v) || x.ContainsAny.Any(c => v.Contains(c, StringComparison.Ordinal)))
                errors.Add(new FieldError(names[fi], x.Code, x.Reason));
        }

        var subject = knownSubject is { } k
            ? (IndexOfRole(FieldRole.SubjectName) is var ni and >= 0 && values[ni] is { } kn ? (k.Identity, k.Kind, kn, k.Region) : null)
            : ResolveSubject(values, names, idTypeIndex, idNumberIndex, today, errors, start);

        var decision = DateOf(FieldRole.DecisionDate, values);
        var validFrom = DateOf(FieldRole.ValidFrom, values);
        var validTo = DateOf(FieldRole.ValidTo, values);
        var publicUntil = DateOf(FieldRole.PublicUntil, values);
        if (decision is { } dd && dd > today)
            AddAt(FieldRole.DecisionDate, "future-date", $"决定日期{Iso(dd)}晚于今天");
        if (validFrom is { } vf && validTo is { } vt && vt < vf)
            AddAt(FieldRole.ValidTo, "date-order", "有效期至早于有效期自");
        if (decision is { } d2 && publicUntil is { } pu && pu < d2)
            AddAt(FieldRole.PublicUntil, "date-order", "公示截止期早于决定日期");

        var basis = decision ?? today;
        var serious = IsSerious(values);
        var rule = serious && item.SeriousDisclosure is { } s ? s : item.Disclosure;
        string? severity = null, tierRule = null;
        var published = true;
        if (item.Nature == Nature.Negative)
        {
            // The national Credit Repair Measures (in force 2026-04-01): three tiers by the published rules of data/disclosure/.
            var authority = IndexOfRole(FieldRole.AuthorityName) is var ai and >= 0 ? values[ai] : null;
            if (item.Tiering?.Decide(basis, code => IndexOfField(code) is var fi and >= 0 ? values[fi] : null, authority) is { } tier)
            {
                serious = tier.Tier == Tier.Serious;
                severity = tier.Tier.Code();
                tierRule = tier.RuleId;
                published = tier.Published;
                rule = new DisclosureRule(tier.MinMonths, tier.MaxMonths, tier.MaxMonths, tier.MinMonths);
            }
            else
            {
                severity = serious ? "serious" : "general";
                tierRule = item.Tiering is { } t ? t.EarlierRuleId : $"catalog:{item.Code}/{severity}";
            }
        }
        DateOnly? until = publicUntil;
        if (publicUntil is { } p && decision is { } dec)
        {
            if (p < dec.AddMonths(rule.MinMonths))
                AddAt(FieldRole.PublicUntil, "disclosure-too-short",
                    $"公示期限短于目录规定的最短{rule.MinMonths}个月");
            if (rule.MaxMonths is { } max && p > dec.AddMonths(max))
                AddAt(FieldRole.PublicUntil, "disclosure-too-long",
                    $"公示期限超过目录规定的最长{max}个月（截止期最晚为{Iso(dec.AddMonths(max))}）");
        }
        else if (publicUntil is null && rule.DefaultMonths is { } def)
        {
            until = basis.AddMonths(def);
        }
        DateOnly? repairFrom = item.Nature == Nature.Negative && item.Repair.Allowed && rule.RepairAfterMonths is { } ram ? basis.AddMonths(ram) : null;

        if (errors.Count > start || subject is null) return null;

        // The subject's identity number is kept only masked in the record (the subject is matched by its keyed hash).
        if (subject.Value.Identity.Personal)
            for (var i = 0; i < fields.Count; i++)
                if (fields[i].Role is FieldRole.SubjectIdNumber or FieldRole.SubjectCode && values[i] is not null)
                    values[i] = subject.Value.Identity.Masked;

        var key = _keyIndex.Length == 1
            ? (values[_keyIndex[0]] is { } k0 ? FieldValues.KeyForm(k0) : string.Empty)
            : string.Join("|", _keyIndex.Select(k => values[k] is { } kv ? FieldValues.KeyForm(kv) : string.Empty));
        var region = subject.Value.Region ?? (IndexOfRole(FieldRole.Region) is var ri and >= 0 ? values[ri] : null);
        return new ValidRecord(subject.Value.Identity, subject.Value.Kind, subject.Value.Name, region, key, decision, serious, until, repairFrom, values)
        {
            Severity = severity, TierRule = tierRule, Published = published,
        };

        void AddAt(FieldRole role, string code, string zh)
        {
            var fi = IndexOfRole(role);
            errors.Add(FieldError.Of(fi >= 0 ? names[fi] : role.ToString(), code, zh));
        }
    }

    private (SubjectIdentity Identity, SubjectKind Kind, string Name, string? Region)? ResolveSubject(
        string?[] values, string[] names, int idTypeIndex, int idNumberIndex, DateOnly today, List<FieldError> errors, int rowStart)
    {
        var fields = item.Fields;
        var nameIdx = Idx(FieldRole.SubjectName);
        var catIdx = Idx(FieldRole.SubjectCategory);
        var usccIdx = Idx(FieldRole.SubjectUscc);
        var codeIdx = Idx(FieldRole.SubjectCode);
        var name = nameIdx >= 0 ? values[nameIdx] : null;
        var category = catIdx >= 0 ? values[catIdx] : null;
        var before = errors.Count;

        SubjectIdentity? identity = null;
        SubjectKind? kind = null;
        string? region = null;

        if (codeIdx >= 0 && values[codeIdx] is { } code)
        {
            if (Uscc.TryParse(code, out var u, out _)) { identity = SubjectIdentity.Of(u); kind = SubjectKinds.FromUscc(u); region = u.DivisionCode; }
            else if (ResidentId.TryParse(code, today, out var r, out var re)) { identity = SubjectIdentity.Of(r); kind = SubjectKind.NaturalPerson; region = r.DivisionCode; values[codeIdx] = r.Value; }
            else
            {
                var u2 = Uscc.TryParse(code, out _, out var ue);
                var looksPerson = code.Length == 18 && code[..17].All(char.IsAsciiDigit);
                var e = looksPerson ? re : ue;
                errors.Add(new FieldError(names[codeIdx], e.Code(), e.Message(looksPerson ? IdKind.ResidentId : IdKind.Uscc)));
            }
        }

        var isPerson = category is not null && (category.Contains("自然人") || category == "natural-person");
        if (identity is null && !isPerson && usccIdx >= 0 && values[usccIdx] is { } us && Uscc.TryParse(us, out var uscc, out _))
        {
            identity = SubjectIdentity.Of(uscc);
            kind = category switch
            {
                "个体工商户" or "individual-business" => SubjectKind.IndividualBusiness,
                "非法人组织" or "unincorporated" => SubjectKind.Unincorporated,
                _ => SubjectKinds.FromUscc(uscc),
            };
            region = uscc.DivisionCode;
        }

        if (isPerson)
        {
            if (usccIdx >= 0 && values[usccIdx] is not null)
                errors.Add(FieldError.Of(names[usccIdx], "category-mismatch", "行政相对人类别为自然人时不应填写统一社会信用代码"));
            if (idNumberIndex < 0 || values[idNumberIndex] is null)
            {
                var fi = idNumberIndex >= 0 ? idNumberIndex : IndexOfRole(FieldRole.SubjectIdNumber);
                errors.Add(FieldError.Of(fi >= 0 ? names[fi] : "证件号码", "required", "自然人须填写证件类型和证件号码（第十九条）"));
            }
            else
            {
                var typeText = idTypeIndex >= 0 ? values[idTypeIndex] : null;
                var number = values[idNumberIndex]!;
                if (typeText is null || ResidentIdTypeNames.Contains(typeText))
                {
                    if (ResidentId.TryParse(number, today, out var r, out var re))
                    {
                        identity = SubjectIdentity.Of(r); region = r.DivisionCode; values[idNumberIndex] = r.Value;
                    }
                    else errors.Add(new FieldError(names[idNumberIndex], re.Code(), re.Message(IdKind.ResidentId)));
                }
                else if (OtherIdDocument.TryParseType(typeText, out var t))
                {
                    if (OtherIdDocument.TryParse(t, number, out var doc, out var oe)) { identity = SubjectIdentity.Of(doc); values[idNumberIndex] = doc.Number; }
                    else errors.Add(new FieldError(names[idNumberIndex], oe.Code(), oe.Message(IdKind.Other)));
                }
                else errors.Add(FieldError.Of(names[idTypeIndex], "unknown-id-type", $"无法识别的证件类型“{typeText}”"));
            }
            kind = SubjectKind.NaturalPerson;
        }
        else if (identity is null && codeIdx < 0 && errors.Count == before)
        {
            // An organisation without a usable USCC: either missing (required by Art. 19) or already reported as invalid
            // when its field was read (a wrong check character is one error, not two).
            var reported = usccIdx >= 0 && errors.Skip(rowStart).Any(e => e.Field == names[usccIdx]) ||
                           usccIdx >= 0 && values[usccIdx] is not null;
            if (!reported && usccIdx >= 0)
                errors.Add(FieldError.Of(names[usccIdx], "required", "法人、非法人组织和个体工商户须填写统一社会信用代码（第十九条）"));
        }

        if (identity is null || kind is null || name is null) return null;
        if (item.SubjectKinds.Count > 0 && !item.SubjectKinds.Contains(kind.Value.Code()))
        {
            errors.Add(FieldError.Of(names[nameIdx], "subject-kind", $"目录项“{item.Name}”不适用于{kind.Value.Chinese()}"));
            return null;
        }
        return (identity, kind.Value, name, region);

        int Idx(FieldRole role) => IndexOfRole(role);
    }

    private string? Normalize(FieldDef f, string v, string name, DateOnly today, List<FieldError> errors)
    {
        switch (f.Type)
        {
            case FieldType.Text:
                if (v.Length > f.MaxLength)
                {
                    errors.Add(FieldError.Of(name, "too-long", $"{f.Label}超过{f.MaxLength}个字符"));
                    return null;
                }
                return v;
            case FieldType.Date:
                if (f.Role == FieldRole.ValidTo && v is "长期" or "永久" or "长期有效") return "长期";
                if (!FieldValues.TryParseDate(v, out var d) || d.Year < 1949 || d.Year > 2199)
                {
                    errors.Add(FieldError.Of(name, "invalid-date", $"{f.Label}“{v}”不是有效日期"));
                    return null;
                }
                return Iso(d);
            case FieldType.AmountWan:
                if (!FieldValues.TryParseAmount(v, out var a) || a < 0 || a > 100_000_000m || a.Scale > 6)
                {
                    errors.Add(FieldError.Of(name, "invalid-amount", $"{f.Label}“{v}”不是有效金额（单位：万元，非负，最多6位小数）"));
                    return null;
                }
                return a.ToString("0.######", CultureInfo.InvariantCulture);
            case FieldType.Uscc:
                if (Uscc.TryParse(v, out var u, out var ue)) return u.Value;
                errors.Add(new FieldError(name, ue.Code(), ue.Message(IdKind.Uscc)));
                return null;
            case FieldType.SubjectCode:
                return Uscc.Normalize(v);
            case FieldType.Enum:
                if (f.Values.Contains(v)) return v;
                errors.Add(FieldError.Of(name, "not-in-list", $"{f.Label}“{v}”不在允许值内：{string.Join("、", f.Values)}"));
                return null;
            case FieldType.Integer:
                if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n.ToString(CultureInfo.InvariantCulture);
                errors.Add(FieldError.Of(name, "invalid-integer", $"{f.Label}“{v}”不是整数"));
                return null;
            default:
                return v;
        }
    }

    private bool IsSerious(string?[] values)
    {
        if (item.Nature != Nature.Negative || item.Severity is not { } s) return false;
        if (_severityIndex >= 0 && values[_severityIndex] is { } v && s.ContainsAny.Any(c => v.Contains(c, StringComparison.Ordinal)))
            return true;
        if (s.AmountAtLeast is { } min)
            for (var k = 0; k < item.Fields.Count; k++)
                if (item.Fields[k].Type == FieldType.AmountWan && values[k] is { } a &&
                    decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var amt) && amt >= min)
                    return true;
        return false;
    }

    private DateOnly? DateOf(FieldRole role, string?[] values)
    {
        var i = IndexOfRole(role);
        return i >= 0 && values[i] is { } v && FieldValues.TryParseDate(v, out var d) ? d : null;
    }

    private int IndexOfField(string code)
    {
        for (var i = 0; i < item.Fields.Count; i++) if (item.Fields[i].Code == code) return i;
        return -1;
    }

    private int IndexOfRole(FieldRole role) => _roleIndex[(int)role];

    private static string Iso(DateOnly d) => WorkingCalendar.Iso(d);
}
