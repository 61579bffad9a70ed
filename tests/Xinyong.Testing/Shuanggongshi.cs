using System.Text;
using Xinyong.Identifiers;

namespace Xinyong.Tests.Support;

/// <summary>Builds 双公示 rows and files with the Chinese headers, with valid identifiers.</summary>
public static class Shuanggongshi
{
    public static readonly string[] PenaltyHeaders =
    [
        "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码", "行政处罚决定书文号", "违法行为类型",
        "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）", "暂扣或吊销证照名称及编号",
        "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
    ];

    public static readonly string[] LicenceHeaders =
    [
        "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码", "行政许可决定文书名称", "行政许可决定文书号",
        "许可类别", "许可证书名称", "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态",
        "数据来源单位", "数据来源单位统一社会信用代码", "备注",
    ];

    /// <summary>A valid USCC of Heilongjiang from a 9-character body (USCC alphabet).</summary>
    public static string Uscc(string body, string prefix = "91230100")
    {
        var first = (prefix + body)[..17];
        return first + Xinyong.Identifiers.Uscc.CheckCharacter(first);
    }

    /// <summary>A valid resident number of Harbin, born on the given date, with a sequence.</summary>
    public static string ResidentId(string birth = "19850307", int seq = 201)
    {
        var first = $"230102{birth}{seq:D3}";
        return first + Xinyong.Identifiers.ResidentId.CheckCharacter(first);
    }

    public static readonly string Authority = Uscc("MB0HRBTJ3", "11230100");

    /// <summary>A valid penalty row of a company; override cells by header.</summary>
    public static string[] Penalty(string name, string uscc, string docNo, string date = "2026-10-12", params (string Header, string Value)[] overrides)
    {
        var row = new Dictionary<string, string>
        {
            ["行政相对人名称"] = name, ["行政相对人类别"] = "法人及非法人组织", ["统一社会信用代码"] = uscc, ["法定代表人"] = "张伟",
            ["证件类型"] = "", ["证件号码"] = "", ["行政处罚决定书文号"] = docNo, ["违法行为类型"] = "销售不合格产品",
            ["违法事实"] = "当事人销售的产品经抽检不合格。", ["处罚依据"] = "《中华人民共和国产品质量法》第四十九条", ["处罚类别"] = "罚款",
            ["处罚内容"] = "罚款人民币贰万元", ["罚款金额（万元）"] = "2", ["没收违法所得、没收非法财物的金额（万元）"] = "0",
            ["暂扣或吊销证照名称及编号"] = "", ["处罚决定日期"] = date, ["处罚有效期"] = "", ["公示截止期"] = "",
            ["处罚机关"] = "哈尔滨市示例市场监督管理局", ["处罚机关统一社会信用代码"] = Authority, ["数据来源单位"] = "哈尔滨市示例市场监督管理局",
            ["数据来源单位统一社会信用代码"] = Authority, ["备注"] = "",
        };
        foreach (var (h, v) in overrides) row[h] = v;
        return PenaltyHeaders.Select(h => row[h]).ToArray();
    }

    /// <summary>A valid penalty row of a natural person.</summary>
    public static string[] PersonPenalty(string name, string residentId, string docNo, string date = "2026-10-20") =>
        Penalty(name, "", docNo, date, ("行政相对人类别", "自然人"), ("法定代表人", ""), ("证件类型", "身份证"), ("证件号码", residentId));

    /// <summary>A CSV text (RFC 4180 quoting).</summary>
    public static string Csv(string[] headers, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', headers.Select(Quote)).Append("\r\n");
        foreach (var r in rows) sb.AppendJoin(',', r.Select(Quote)).Append("\r\n");
        return sb.ToString();

        static string Quote(string v) => v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
