using Microsoft.Extensions.Configuration;

namespace Xinyong.Web.Features.Portal;

/// <summary>
/// What a government website shows in its footer, from the configuration section <c>Site</c>: the sponsoring unit
/// (<c>Site:Sponsor</c>, 主办单位), the site identifier (<c>Site:Code</c>, 网站标识码), the ICP filing number
/// (<c>Site:Icp</c>, ICP备案号), the public-security filing number (<c>Site:PoliceFiling</c>, 公网安备号) and the contact
/// line (<c>Site:Contact</c>). An element not configured is not shown.
/// </summary>
public sealed record SiteIdentity(string? Sponsor, string? Code, string? Icp, string? PoliceFiling, string? Contact)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Site";

    /// <summary>The footer elements of a configuration (none when it is null).</summary>
    public static SiteIdentity From(IConfiguration? c)
    {
        string? Value(string key) => c?[$"{Section}:{key}"] is { Length: > 0 } v ? v.Trim() : null;
        return new SiteIdentity(Value("Sponsor"), Value("Code"), Value("Icp"), Value("PoliceFiling"), Value("Contact"));
    }

    /// <summary>The number in a 公网安备 filing (黑公网安备 23010202000001号 → 23010202000001), for the link to the filing site.</summary>
    public string? PoliceFilingNumber => PoliceFiling is null ? null : new string(PoliceFiling.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } n ? n : null;
}
