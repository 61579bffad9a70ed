namespace Xinyong.Measures;

/// <summary>The codes and Chinese names of the two credit lists.</summary>
public static class CreditListNames
{
    /// <summary>严重失信主体名单 (Art. 28-29).</summary>
    public const string Dishonesty = "dishonesty";

    /// <summary>守信激励主体名单 (Art. 25).</summary>
    public const string Incentive = "incentive";

    /// <summary>Both codes.</summary>
    public static readonly IReadOnlyList<string> All = [Dishonesty, Incentive];

    /// <summary>The Chinese name of a list code.</summary>
    public static string Chinese(string list) => list switch
    {
        Dishonesty => "严重失信主体名单",
        Incentive => "守信激励主体名单",
        _ => list,
    };

    /// <summary>Why an entry ended, in Chinese with the article that ends it; the code itself when unknown.</summary>
    /// <param name="code">expired, repaired, objection-upheld, lifted, court-removed or record-revoked.</param>
    public static string EndReason(string code) => code switch
    {
        "expired" => "期限届满",
        "repaired" => "信用修复完成，第四十条",
        "objection-upheld" => "异议成立，第三十五条",
        "lifted" => "认定单位决定移出",
        "court-removed" => "人民法院移出失信被执行人名单",
        "record-revoked" => "认定依据已撤销，第三十八条",
        _ => code,
    };
}
