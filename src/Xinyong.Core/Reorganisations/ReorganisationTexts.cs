namespace Xinyong.Reorganisations;

/// <summary>
/// The words of a court-approved reorganisation plan or settlement (国办发〔2025〕22号): the kind's name and why the
/// subject's measures are suspended while it is carried out, as checks and notices show them.
/// </summary>
public static class ReorganisationTexts
{
    /// <summary>重整计划 (plan) or 和解协议 (settlement).</summary>
    public static string KindName(string kind) => kind == "settlement" ? "和解协议" : "重整计划";

    /// <summary>Why the measures are suspended, in the words the checks show.</summary>
    public static string SuspensionReason(string kind, string court, string rulingNo, DateOnly rulingDate, DateOnly planFrom, DateOnly planTo)
    {
        var name = KindName(kind);
        return $"{court}以{rulingNo}裁定批准{name}（{rulingDate:yyyy年M月d日}），{name}执行期间（{planFrom:yyyy年M月d日}至{planTo:yyyy年M月d日}）暂时解除该信用主体在裁定前失信行为的失信约束和惩戒措施（国办发〔2025〕22号）";
    }
}
