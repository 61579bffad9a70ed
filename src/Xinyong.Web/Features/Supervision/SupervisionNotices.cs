using Xinyong.Reports;

namespace Xinyong.Web.Features.Supervision;

/// <summary>
/// The written notices of a supervision case to its parties (书面告知): the outcome of the review (SM Art. 17) and the
/// result of the closing (SM Art. 22, with the SM Art. 24 review right). One text for the printable page and the PDF.
/// </summary>
public static class SupervisionNotices
{
    private static readonly Dictionary<string, string> Outcomes = new()
    {
        ["accept"] = "予以受理", ["transfer"] = "转送下级营商环境主管部门办理", ["refer-up"] = "报请上级营商环境主管部门决定",
        ["hand-over"] = "移交有关机关处理", ["reject"] = "不予受理",
    };

    /// <summary><c>review</c> or <c>result</c> (the default).</summary>
    public static string KindOf(string? kind) => kind == "review" ? "review" : "result";

    /// <summary>The notice of <paramref name="kind"/> for the case as of <paramref name="today"/>.</summary>
    public static WrittenNotice Build(SupervisionView c, string kind, DateOnly today)
    {
        var review = KindOf(kind) == "review";
        var title = review ? "营商环境问题线索审查结果告知书" : "营商环境监督案件办理结果告知书";
        var categories = string.Join("、", c.CategoryNames);
        var paragraphs = new List<string>();
        if (review)
        {
            if (c.Review is { } r)
            {
                paragraphs.Add($"你（单位）于{c.ReceivedOn}反映的{c.Respondent}{categories}问题线索，经审查，{Outcomes.GetValueOrDefault(r.Outcome, r.Outcome)}。审查意见：{r.Reason}");
                if (c.AnswerDue is { } due && r.Outcome == "accept")
                    paragraphs.Add($"被监督单位应当于{due}前提出书面答复（第十八条）；本案应当于{c.CloseDue}前办结（第二十条）。");
                paragraphs.Add("依据：《黑龙江省营商环境监督办法》第十七条。");
            }
            else paragraphs.Add($"该问题线索正在审查中，审查期限为{c.ReviewDue}。");
        }
        else if (c.Closing is { } cl)
        {
            paragraphs.Add($"你（单位）反映的{c.Respondent}{categories}一案，本机关已于{cl.On:yyyy-MM-dd}办结。结案类型：{c.ClosingTypeName}（《黑龙江省营商环境监督办法》第二十二条）。");
            paragraphs.Add($"办理结果：{cl.Result}{(cl.CorrectBy is { } by ? $"；责令于{by:yyyy-MM-dd}前改正" : "")}。");
            if (cl.Serious) paragraphs.Add("本案认定为严重损害营商环境，记入被监督单位的政务失信记录（《黑龙江省营商环境监督办法》第二十九条、《黑龙江省社会信用条例》第九条）。");
            if (c.ReviewRequestDue is not null)
                paragraphs.Add($"投诉人不服本办理结果的，可以自收到本通知之日起十个工作日内（{c.ReviewRequestDue}前）向上一级营商环境主管部门申请复查（第二十四条）。");
        }
        else paragraphs.Add($"该案件尚未办结，结案期限为{c.CloseDue}。");
        return new WrittenNotice(title, c.Number, c.Complainant ?? c.Respondent, paragraphs, c.AuthorityName, today);
    }

    /// <summary>The file name of the notice's PDF.</summary>
    public static string FileName(SupervisionView c, string kind) => $"{c.Number}-{(KindOf(kind) == "review" ? "审查结果告知书" : "办理结果告知书")}.pdf";
}
