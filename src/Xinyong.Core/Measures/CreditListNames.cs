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
}
