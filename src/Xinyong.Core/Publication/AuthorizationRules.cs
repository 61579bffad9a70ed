using System.Globalization;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Rules;

namespace Xinyong.Publication;

/// <summary>An authorization file that cannot be loaded; the message names the file and the setting.</summary>
public sealed class AuthorizationRulesException(string message) : Exception(message);

/// <summary>
/// The rules of a subject's authorization of a query (Art. 23-24, 36), from <c>data/query/authorization.yaml</c>: an
/// authorization names the institution, a purpose, the conditionally open items it covers and an expiry within
/// <see cref="MaxDays"/> (no lifetime authorization, Art. 36).
/// </summary>
/// <param name="MaxDays">The longest an authorization may run, in calendar days from the day it is granted.</param>
/// <param name="PurposeMaxLength">The longest purpose text, of an authorization and of a department's shared read.</param>
public sealed record AuthorizationRules(int MaxDays, int PurposeMaxLength)
{
    /// <summary>The file inside a rules folder.</summary>
    public static string PathIn(string rulesDirectory) => Path.Combine(RuleFileKinds.Authorization.DirectoryIn(rulesDirectory), RuleFileKinds.Authorization.FileName!);

    /// <summary>Loads the rules of a rules folder.</summary>
    public static AuthorizationRules Load(string rulesDirectory)
    {
        return RuleFiles.LoadFile(RuleFileKinds.Authorization, rulesDirectory, Parse, Fail)!;
    }

    /// <summary>Parses and checks the rules.</summary>
    public static AuthorizationRules Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail, "empty");
        if (doc.MaxDays is not (>= 1 and <= 3660)) throw new AuthorizationRulesException($"{fileName}: 'maxDays' must be a number of days from 1 to 3660");
        if (doc.PurposeMaxLength is not (>= 10 and <= 2000)) throw new AuthorizationRulesException($"{fileName}: 'purposeMaxLength' must be from 10 to 2000");
        return new AuthorizationRules(doc.MaxDays.Value, doc.PurposeMaxLength.Value);
    }

    /// <summary>
    /// Checks a requested authorization; returns every error, each naming its field (empty when valid).
    /// </summary>
    /// <param name="grantee">The institution's account code (checked against the accounts by the caller).</param>
    /// <param name="purpose">What the institution may use the information for.</param>
    /// <param name="items">The conditionally open items covered.</param>
    /// <param name="expiresOn">The last day the authorization is valid.</param>
    /// <param name="today">The day it is granted.</param>
    /// <param name="catalog">The catalog in force.</param>
    public IReadOnlyList<FieldError> Check(string? grantee, string? purpose, IReadOnlyCollection<string> items, DateOnly? expiresOn, DateOnly today, Catalog.Catalog catalog)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(grantee))
            errors.Add(FieldError.Of("grantee", "required", "请选择被授权机构"));
        if (string.IsNullOrWhiteSpace(purpose))
            errors.Add(FieldError.Of("purpose", "required", "请填写查询用途"));
        else if (purpose.Trim().Length > PurposeMaxLength)
            errors.Add(FieldError.Of("purpose", "too-long", $"查询用途不能超过{PurposeMaxLength}个字"));
        if (items.Count == 0)
            errors.Add(FieldError.Of("items", "required", "请至少选择一项授权查询的信息"));
        foreach (var code in items)
            if (catalog.Item(code) is not { Open: OpenAttribute.Conditional })
                errors.Add(FieldError.Of("items", "not-conditional", $"“{code}”不是有条件开放的目录项"));
        if (expiresOn is not { } e)
            errors.Add(FieldError.Of("expiresOn", "required", "请填写授权截止日期（不得一次授权终身）"));
        else if (e < today)
            errors.Add(FieldError.Of("expiresOn", "past", "授权截止日期不能早于今天"));
        else if (e > today.AddDays(MaxDays))
            errors.Add(FieldError.Of("expiresOn", "too-long",
                $"授权期限最长{MaxDays}天（截止日期最晚为{today.AddDays(MaxDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）"));
        return errors;
    }

    private static AuthorizationRulesException Fail(string message) => new(message);

    private sealed class Doc
    {
        public int? MaxDays { get; set; }
        public int? PurposeMaxLength { get; set; }
    }
}
